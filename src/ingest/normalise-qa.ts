import { normaliseChannel } from '../domain/channel.js';
import type { QaReview } from '../domain/records.js';
import { readContactKind } from './code-values.js';
import { FieldReader, type NormaliseContext } from './read-fields.js';
import type { RawRow } from './row-source.js';

/** A filled-in review form row → `QaReview` (SPEC §2, §4.5); verdicts stay raw for the IQS metric. */
export function createQaNormaliser(context: NormaliseContext): (row: RawRow) => QaReview | null {
  const read = new FieldReader(context);
  return (row) => {
    read.row = row;
    const contactId = read.text('contact_id');
    if (contactId === null) {
      read.problem('contact_id', '', 'missing; review left out');
      return null;
    }
    const scores: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const { id, index } of context.mapping.criteria) scores[id] = (row.cells[index] ?? '').trim();
    const rawKind = read.text('kind');
    const kind = rawKind === null ? null : (readContactKind(rawKind) ?? null);
    if (rawKind !== null && kind === null)
      read.problem('kind', rawKind, 'unknown contact kind (expected call or ticket)');
    const rawChannel = read.text('channel');
    return {
      contactId,
      agent: read.agent('agent'),
      kind,
      channel: rawChannel === null ? null : normaliseChannel(rawChannel),
      reviewer: read.text('reviewer'),
      reviewedAt: read.instant('reviewed_at'),
      comment: read.text('comment'),
      scores,
      location: row.location,
    };
  };
}
