import type { Worksheet } from 'exceljs';

/** A line of an instructions sheet: plain text, a title, a heading, or a command to copy. */
export interface InstructionLine {
  text: string;
  kind?: 'title' | 'heading' | 'code';
}

const FONT = { name: 'Calibri', size: 11 } as const;

/**
 * The instructions sheet of a workbook a manager hands on (the follow-up list's "How to use", the
 * review form's "Instructions"): one line a row in one wide column, titles and headings bold,
 * commands in a fixed-width font, printed one page wide. Row heights are set explicitly: not every
 * spreadsheet fits wrapped rows on opening.
 */
export function writeInstructionLines(sheet: Worksheet, lines: readonly InstructionLine[], width: number): void {
  sheet.getColumn(1).width = width;
  lines.forEach(({ text, kind }, index) => {
    const row = sheet.getRow(index + 1);
    const cell = row.getCell(1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.font =
      kind === 'title'
        ? { ...FONT, bold: true, size: 14 }
        : kind === 'heading'
          ? { ...FONT, bold: true, size: 12 }
          : kind === 'code'
            ? { name: 'Courier New', size: 10 }
            : FONT;
    const perLine = kind === 'code' ? width * 0.95 : width * 1.1;
    row.height = kind === 'title' ? 22 : kind === 'heading' ? 20 : 15 * Math.max(1, Math.ceil(text.length / perLine));
  });
  sheet.pageSetup = { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}
