import type { Writable } from 'node:stream';
import type { Cell, DataValidation, Worksheet } from 'exceljs';
import type { SampleV1 } from '../contracts/sample-v1.js';
import { allowedValues, type QaCriterion } from '../domain/qa-criteria.js';
import {
  describeCriterion,
  describeScale,
  FIELD_COLUMNS,
  OPTIONAL_HEADERS,
  prefilledVerdict,
  REVIEWER_COLUMNS,
  type FieldColumn,
} from './review-form-columns.js';
import { writeInstructionLines, type InstructionLine } from './xlsx-instructions.js';

/**
 * The XLSX review form (SPEC §5): the first sheet is the form, with ONE header row of field names
 * and criterion ids (labels as notes on the header cells, never a second header row), one row per
 * sampled contact, a drop-down of the allowed values on every criterion cell, and `reviewer` and
 * `comment` columns, so the filled form reads back as a `qa` input; the second sheet says how to
 * fill it, what each criterion means, and how to draw the same sample again.
 *
 * Written with exceljs's in-memory `Workbook`: its streaming writer with hyperlinks plus data
 * validations makes Excel offer to repair the file. Each criterion column gets ONE validation
 * range (exceljs's per-cell validations are merged into overlapping ranges). Every value from the
 * inputs is a string cell, never a formula: a topic `=1+1` stays text (SPEC §6).
 */
export function renderReviewForm(sample: SampleV1, criteria: readonly QaCriterion[]): (out: Writable) => Promise<void> {
  return async (out) => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'cs-kpi';
    writeFormSheet(workbook.addWorksheet(FORM_SHEET), sample, criteria);
    writeInstructionsSheet(workbook.addWorksheet(INSTRUCTIONS_SHEET), sample, criteria);
    await workbook.xlsx.write(out);
  };
}

export const FORM_SHEET = 'Review form';
export const INSTRUCTIONS_SHEET = 'Instructions';

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
const CRITERION_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const NOT_APPLICABLE_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFB4B4B4' } } as const;
/** A font with its name: LibreOffice draws a nameless one in a serif face. */
const FONT = { name: 'Calibri', size: 11 } as const;
const LINK_FONT = { ...FONT, color: { argb: 'FF0563C1' }, underline: true } as const;
const INSTRUCTIONS_WIDTH = 100;

/** The form's columns: the fields the sample has values for, the criteria, the reviewer's. */
export function reviewFormHeaders(sample: SampleV1, criteria: readonly QaCriterion[]): string[] {
  return [
    ...formFields(sample).map((column) => column.header),
    ...criteria.map((criterion) => criterion.id),
    ...REVIEWER_COLUMNS.map((column) => column.header),
  ];
}

function formFields(sample: SampleV1): FieldColumn[] {
  return FIELD_COLUMNS.filter(
    (column) => !OPTIONAL_HEADERS.has(column.header) || sample.items.some((item) => column.value(item) !== null),
  );
}

function writeFormSheet(sheet: Worksheet, sample: SampleV1, criteria: readonly QaCriterion[]): void {
  const fields = formFields(sample);
  const firstCriterion = fields.length + 1;
  const headers = reviewFormHeaders(sample, criteria);
  // bold header text, plus the filter button
  const widths = headers.map((header) => Math.ceil(header.length * 1.2) + 4);
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'A2' }];

  const headerRow = sheet.getRow(1);
  headers.forEach((header, at) => {
    const cell = headerRow.getCell(at + 1);
    cell.value = header;
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = { bottom: THIN };
    cell.alignment = { vertical: 'middle' };
  });
  criteria.forEach((criterion, at) => {
    const cell = headerRow.getCell(firstCriterion + at);
    cell.fill = CRITERION_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.note = describeCriterion(criterion);
    // room for the drop-down arrow and the longest value
    const longest = Math.max(
      ...(allowedValues(criterion) ?? [String(criterion.scale?.[1] ?? '')]).map((v) => v.length),
    );
    widths[firstCriterion + at - 1] = Math.max(widths[firstCriterion + at - 1]!, longest + 5);
  });

  sample.items.forEach((item, index) => {
    const row = sheet.getRow(index + 2);
    fields.forEach((column, at) => {
      const value = column.value(item);
      const cell = row.getCell(at + 1);
      if (value === null) return;
      if (typeof value === 'number') {
        cell.value = value;
        cell.alignment = { horizontal: 'right', indent: 1 };
        if (column.numFmt !== undefined) cell.numFmt = column.numFmt;
        widths[at] = Math.max(widths[at]!, value.toFixed(column.numFmt === '0' ? 0 : 1).length + 2);
        return;
      }
      writeText(cell, value, column.type === 'url');
      widths[at] = Math.max(widths[at]!, value.length + 2);
    });
    criteria.forEach((criterion, at) => {
      const cell = row.getCell(firstCriterion + at);
      cell.alignment = { horizontal: 'center' };
      if (prefilledVerdict(criterion, item) === 'n/a') {
        cell.value = 'n/a';
        cell.fill = NOT_APPLICABLE_FILL;
      }
    });
  });

  const lastRow = sample.items.length + 1;
  if (lastRow >= 2) {
    criteria.forEach((criterion, at) => {
      const column = sheet.getColumn(firstCriterion + at).letter;
      addValidation(sheet, `${column}2:${column}${lastRow}`, validationOf(criterion));
    });
  }
  widths[headers.length - 2] = Math.max(widths[headers.length - 2]!, 18); // reviewer
  widths[headers.length - 1] = Math.max(widths[headers.length - 1]!, 40); // comment
  widths.forEach((width, at) => {
    sheet.getColumn(at + 1).width = Math.min(Math.max(width, 8), at < fields.length ? 60 : 40);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** A string cell, or a hyperlink whose text is the URL when it is a web link (never `javascript:` or `file:`). */
function writeText(cell: Cell, text: string, isUrl: boolean): void {
  if (isUrl && /^https?:\/\/\S+$/i.test(text)) {
    cell.value = { text, hyperlink: text };
    cell.font = LINK_FONT;
  } else {
    cell.value = text;
  }
}

function validationOf(criterion: QaCriterion): DataValidation {
  const values = allowedValues(criterion);
  const about = {
    showInputMessage: true,
    promptTitle: clip(criterion.id, 32),
    prompt: clip(describeCriterion(criterion), 255),
    showErrorMessage: true,
    errorTitle: clip(`${criterion.id}: not an allowed value`, 32),
  };
  if (values !== null) {
    return {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
      ...about,
      error: clip(`Choose one of ${values.join(', ')} (an empty cell means n/a).`, 255),
    };
  }
  const [min, max] = criterion.scale ?? [0, 1];
  return {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [min, max],
    ...about,
    error: clip(`Enter a score from ${min} to ${max}, or leave the cell empty for n/a.`, 255),
  };
}

/** One validation per range: exceljs's typings do not expose the worksheet's validation list. */
function addValidation(sheet: Worksheet, range: string, validation: DataValidation): void {
  (
    sheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } }
  ).dataValidations.add(range, validation);
}

function writeInstructionsSheet(sheet: Worksheet, sample: SampleV1, criteria: readonly QaCriterion[]): void {
  const lines: InstructionLine[] = [];
  const add = (text: string, kind?: InstructionLine['kind']) => lines.push({ text, kind });
  const drawn =
    sample.size !== null
      ? `${sample.size} contacts overall`
      : `${sample.perStratum} per ${sample.by === 'agent' ? 'agent' : 'agent and channel'}`;
  add(`QA review form — ${sample.month}`, 'title');
  add(
    `Drawn by "cs-kpi sample" with seed "${sample.seed}": ${sample.items.length} contacts (${drawn}) from a pool of ${sample.pool.contacts.toLocaleString('en-US')} — the month's answered calls and its tickets with an agent and a first response${describeFilters(sample)}. Times are in ${sample.period.timezone}.`,
  );
  add('');
  add('How to fill it in', 'heading');
  add(
    `1. Take the rows of the "${FORM_SHEET}" sheet one by one: listen to the call (recording_url) or open the ticket (contact_id) in the helpdesk.`,
  );
  add(
    '2. In each criterion column pick a value from the drop-down: pass or fail (or a score on the criterion’s scale); n/a when the criterion does not apply. An empty cell counts as n/a.',
  );
  add(
    '3. Grey cells already say n/a: the criterion does not apply to the contact’s channel (spelling on a phone call).',
  );
  add('4. Write your name in the reviewer column and, where useful, a comment.');
  add(
    '5. For reviewer agreement, a second reviewer fills a copy of this file with their own name; give both files to cs-kpi.',
  );
  add(
    '6. Keep the first row as it is: cs-kpi reads the form by these column names. Do not rename, reorder or add header rows; extra rows below are fine.',
  );
  add('');
  add('The criteria (the note on each column header says the same)', 'heading');
  for (const criterion of criteria) add(`${criterion.id} — ${describeCriterion(criterion)}`);
  add(
    `A review scores 100 × Σ weight × score / Σ weight over the criteria not marked n/a, where pass = 1, fail = 0 and a score s on a scale min–max counts (s − min) / (max − min). A fail of a critical criterion makes the review 0. An agent's IQS is the mean score of their reviews.`,
  );
  if (criteria.some((criterion) => criterion.scale !== null)) {
    add(
      `Scales: ${criteria
        .filter((c) => c.scale !== null)
        .map((c) => `${c.id} ${describeScale(c)}`)
        .join(', ')}.`,
    );
  }
  add('');
  add('Draw the same sample again', 'heading');
  add(`Seed: ${sample.seed}    Month: ${sample.month}`);
  add(`${sample.command} --format xlsx --out qa-${sample.month}.xlsx`, 'code');
  add(
    'The same seed and the same exports give the same contacts, whatever the row order or the split into files: each contact’s key is the SHA-256 of "seed:kind:contact_id", and each agent gets the contacts with the smallest keys.',
  );
  add('');
  add('Feed the filled form back', 'heading');
  add(`cs-kpi report EXPORTS --month ${sample.month} --qa FORM.xlsx`, 'code');
  add(
    'EXPORTS are the files or folders the sample was drawn from; give --qa once per filled form. The reviews become each agent’s IQS in the scorecard.',
  );
  add('');
  add('Next month, leave out what was already reviewed', 'heading');
  add(`cs-kpi sample EXPORTS --exclude FORM.xlsx --format xlsx --out qa-NEXT.xlsx`, 'code');

  writeInstructionLines(sheet, lines, INSTRUCTIONS_WIDTH);
}

function describeFilters(sample: SampleV1): string {
  const { filters } = sample;
  const parts = [
    filters.kind === null ? null : `${filters.kind}s only`,
    filters.channel === null ? null : `channel ${filters.channel}`,
    filters.agent === null ? null : `agent ${filters.agent}`,
    filters.topic === null ? null : `topic ${filters.topic}`,
    filters.minTalkSeconds === null ? null : `calls with at least ${filters.minTalkSeconds} s of talk`,
    filters.excluded === 0 ? null : `${filters.excluded} contacts of earlier forms left out`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function clip(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
