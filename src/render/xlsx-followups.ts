import type { Writable } from 'node:stream';
import type { DataValidation, Worksheet } from 'exceljs';
import type { FollowupItemV1, FollowupsV1 } from '../contracts/followups-v1.js';
import { CALL_LIST_COLUMNS, CALLED_BACK_VALUES, OUTCOME_VALUES } from './followups-csv.js';
import { writeInstructionLines, type InstructionLine } from './xlsx-instructions.js';

/**
 * The XLSX call list (SPEC §10 "Follow-ups"): the first sheet lists the answers to call back,
 * worst first, under ONE header row of the CSV's column names (frozen, with filters), with a
 * drop-down on `called_back` and `outcome`; the second sheet says how to use it. A filled list
 * goes back in with `--exclude`, read by `answer_id` and `called_back`.
 *
 * Written with exceljs's in-memory `Workbook` (loaded only here, STYLE §4.3), one validation
 * range per drop-down column. Every text value from the inputs is a string cell, never a
 * formula: a comment `=HYPERLINK(…)` stays text (SPEC §6); the score is a number.
 */
export function renderFollowupsXlsx(followups: FollowupsV1): (out: Writable) => Promise<void> {
  return async (out) => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'cs-kpi';
    writeCallList(workbook.addWorksheet(CALL_LIST_SHEET), followups);
    writeHowToUse(workbook.addWorksheet(HOW_TO_USE_SHEET), followups);
    await workbook.xlsx.write(out);
  };
}

export const CALL_LIST_SHEET = 'Call list';
export const HOW_TO_USE_SHEET = 'How to use';

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
const TO_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const THIN = { style: 'thin', color: { argb: 'FFB4B4B4' } } as const;
/** A font with its name: LibreOffice draws a nameless one in a serif face. */
const FONT = { name: 'Calibri', size: 11 } as const;
const COMMENT_WIDTH = 60;
const MAX_WIDTH = 40;
/** Excel's limit on the characters of one cell. */
const MAX_CELL_CHARS = 32_767;
const MAX_COMMENT_LINES = 8;
const HOW_TO_WIDTH = 100;

/** `2026-10-03T14:05:09+03:00` → `2026-10-03 14:05` (the zone is on the second sheet). */
function localTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function cellText(item: FollowupItemV1, header: string, value: string): string {
  if (header === 'answered_at' && item.answeredAt !== null) return localTime(value);
  return value.length <= MAX_CELL_CHARS ? value : `${value.slice(0, MAX_CELL_CHARS - 1)}…`;
}

function writeCallList(sheet: Worksheet, followups: FollowupsV1): void {
  const headers = CALL_LIST_COLUMNS.map((column) => column.header);
  const at = (header: string) => headers.indexOf(header) + 1;
  const commentColumn = at('comment');
  const toFill = new Set([at('called_back'), at('outcome')]);
  // header text, bold, plus the filter button
  const widths = headers.map((header) => Math.ceil(header.length * 1.2) + 4);
  widths[at('called_back') - 1] = Math.max(...CALLED_BACK_VALUES.map((value) => value.length)) + 6;
  widths[at('outcome') - 1] = Math.max(...OUTCOME_VALUES.map((value) => value.length)) + 6;
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }];

  const headerRow = sheet.getRow(1);
  headers.forEach((header, index) => {
    const cell = headerRow.getCell(index + 1);
    cell.value = header;
    cell.font = { ...FONT, bold: true };
    cell.fill = toFill.has(index + 1) ? TO_FILL : HEADER_FILL;
    cell.border = { bottom: THIN };
    cell.alignment = { vertical: 'middle' };
  });
  headerRow.getCell(at('called_back')).note = `Fill in after the call: ${CALLED_BACK_VALUES.join(', ')}.`;
  headerRow.getCell(at('outcome')).note = `What came of it: ${OUTCOME_VALUES.join(', ')}.`;

  followups.items.forEach((item, index) => {
    const row = sheet.getRow(index + 2);
    let commentLines = 1;
    CALL_LIST_COLUMNS.forEach((column, columnIndex) => {
      const cell = row.getCell(columnIndex + 1);
      cell.font = FONT;
      cell.alignment = { vertical: 'top', ...(columnIndex + 1 === commentColumn ? { wrapText: true } : {}) };
      const value = column.value(item);
      if (value === null) return;
      if (typeof value === 'number') {
        cell.value = value;
        cell.numFmt = '0';
        cell.alignment = { vertical: 'top', horizontal: 'center' };
        return;
      }
      const text = cellText(item, column.header, value);
      cell.value = text;
      if (columnIndex + 1 === commentColumn) {
        commentLines = text
          .split(/\r\n|\r|\n/)
          .reduce((lines, line) => lines + Math.max(1, Math.ceil(line.length / (COMMENT_WIDTH * 1.1))), 0);
      } else {
        widths[columnIndex] = Math.max(widths[columnIndex]!, text.length + 2);
      }
    });
    // Explicit heights: not every spreadsheet fits wrapped rows on opening.
    if (commentLines > 1) row.height = 15 * Math.min(commentLines, MAX_COMMENT_LINES);
  });

  const lastRow = followups.items.length + 1;
  if (lastRow >= 2) {
    addValidation(sheet, at('called_back'), lastRow, listOf('called_back', CALLED_BACK_VALUES));
    addValidation(sheet, at('outcome'), lastRow, listOf('outcome', OUTCOME_VALUES));
  }
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = index + 1 === commentColumn ? COMMENT_WIDTH : Math.min(width, MAX_WIDTH);
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

function listOf(header: string, values: readonly string[]): DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showInputMessage: true,
    promptTitle: header,
    prompt: `Choose ${values.join(', ')}.`,
    showErrorMessage: true,
    errorTitle: `${header}: not in the list`,
    error: `Choose one of ${values.join(', ')}, or leave the cell empty.`,
  };
}

/** One validation per column range: exceljs's typings do not expose the worksheet's validation list. */
function addValidation(sheet: Worksheet, column: number, lastRow: number, validation: DataValidation): void {
  const letter = sheet.getColumn(column).letter;
  (
    sheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } }
  ).dataValidations.add(`${letter}2:${letter}${lastRow}`, validation);
}

function writeHowToUse(sheet: Worksheet, followups: FollowupsV1): void {
  const lines: InstructionLine[] = [];
  const add = (text: string, kind?: InstructionLine['kind']) => lines.push({ text, kind });
  const period = followups.since !== null ? `since ${followups.since}` : (followups.month ?? '');
  add(`Follow-ups — ${period}`, 'title');
  add(
    `${followups.count} survey ${followups.count === 1 ? 'answer' : 'answers'} to call back: CSAT answers below ${followups.below} of 5 (the same share on 0–10 and 1–10 scales) and NPS detractors (0–6), worst first, then oldest. Times are in ${followups.period.timezone}.`,
  );
  if (followups.excluded > 0) {
    add(
      `${followups.excluded} more ${followups.excluded === 1 ? 'answer was' : 'answers were'} left out: called back already in ${followups.excludeFiles.join(', ')}.`,
    );
  }
  add('');
  add('How to use it', 'heading');
  add(
    `1. Call each customer on the "${CALL_LIST_SHEET}" sheet, from the top: the worst ratings come first. The comment, the contact (call or ticket) and its topic say what went wrong.`,
  );
  add(
    `2. After each call, pick called_back from the drop-down (${CALLED_BACK_VALUES.join(', ')}) and the outcome (${OUTCOME_VALUES.join(', ')}).`,
  );
  add(
    '3. Leave called_back empty for a customer you have not reached yet and want on next week’s list too: any value in called_back means "done".',
  );
  add(
    '4. Keep the first row and the answer_id column as they are: cs-kpi reads the list back by these column names. Sorting, filtering and extra columns are fine.',
  );
  add('');
  add('Next week, leave out who was called back', 'heading');
  add('Give this file to --exclude (after the inputs), with every earlier list:');
  add('cs-kpi followups EXPORTS --since YYYY-MM-DD --format xlsx --out NEXT.xlsx --exclude THIS.xlsx', 'code');
  add('The answers whose called_back cell is filled are left out of the new list.');

  writeInstructionLines(sheet, lines, HOW_TO_WIDTH);
}
