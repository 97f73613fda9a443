/**
 * Earlier follow-up call lists (`followups --exclude FILE…`, SPEC §10): the CSV or XLSX that
 * `cs-kpi followups` wrote, filled in by the retention manager. An answer counts as called back
 * when its `called_back` cell holds anything but blank or a missing marker ("no answer" is a
 * call made). Headers match case-insensitively, with spaces or hyphens for underscores; an XLSX
 * list is read from its first sheet with data (the call list, not "How to use").
 */
import type { DataQualityIssue } from '../domain/data-quality.js';
import { UserError } from '../errors.js';
import { isMissing } from './missing-value.js';
import { openCsv } from './read-csv.js';
import { openXlsx } from './read-xlsx.js';
import type { RowSource } from './row-source.js';

export interface ReadCallListOptions {
  /** A name accepted by `resolveEncoding`; detected when absent. */
  encoding?: string;
  /** Reader problems that do not stop the run (an unterminated quote). */
  onIssue?: (issue: DataQualityIssue) => void;
}

/**
 * A call list is a few thousand answers (about 100 bytes each); a file far larger is the wrong
 * file, and reading it whole into the set of ids would only waste time and memory.
 */
export const MAX_CALL_LIST_BYTES = 64 * 1024 * 1024;

/** The answer ids of one call list whose `called_back` cell is filled. */
export async function readCallList(path: string, options: ReadCallListOptions = {}): Promise<Set<string>> {
  const opening = { displayName: path, onIssue: options.onIssue, maxFileBytes: MAX_CALL_LIST_BYTES };
  const source: RowSource = path.toLowerCase().endsWith('.xlsx')
    ? await openXlsx(path, opening)
    : await openCsv(path, { ...opening, encoding: options.encoding });
  const iterator = source[Symbol.asyncIterator]();
  try {
    const headers = source.header.map(normaliseHeader);
    const idAt = headers.indexOf('answer_id');
    const calledAt = headers.indexOf('called_back');
    if (idAt < 0) {
      throw new UserError(
        `${path}: no answer_id column, so it is not a call list written by "cs-kpi followups"; give the CSV or XLSX it wrote, with its header row as it was.`,
      );
    }
    if (calledAt < 0) {
      throw new UserError(
        `${path}: no called_back column, so cs-kpi cannot tell who was called back; give the CSV or XLSX "cs-kpi followups" wrote, with its header row as it was.`,
      );
    }
    const called = new Set<string>();
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      const { cells } = next.value;
      const id = cells[idAt];
      const calledBack = cells[calledAt];
      if (id === undefined || isMissing(id) || calledBack === undefined || isMissing(calledBack)) continue;
      called.add(unneutralise(id.trim()));
    }
    return called;
  } finally {
    await iterator.return?.();
  }
}

function normaliseHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Undoes the CSV's formula neutralisation (SPEC §6): `'=1` was written for the id `=1`. */
function unneutralise(id: string): string {
  return /^'[=+\-@\t\r]/.test(id) ? id.slice(1) : id;
}
