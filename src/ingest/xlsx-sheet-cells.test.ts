import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CellOps,
  OP_NUMBER,
  OP_ROW,
  OP_ROW_END,
  OP_SHARED,
  OP_TEXT,
  SheetCellsHandler,
} from './xlsx-sheet-cells.js';
import { XmlScanner } from './xml-scanner.js';

/** Format kinds of styles 0–3 (number, date, date-time, elapsed), as styles.xml would give them. */
const FORMAT_KINDS = Uint8Array.from([0, 1, 2, 4]);

interface Scanned {
  ints: number[];
  numbers: number[];
  texts: string[];
  merges: string[];
}

/** Scans `xml` cut into chunks at `cuts`, with or without the handler's one-go path for cells. */
function scan(xml: string, cuts: readonly number[], isFast: boolean): Scanned | { error: string } {
  const handler = new SheetCellsHandler(FORMAT_KINDS);
  if (!isFast) Object.defineProperty(handler, 'fastStart', { value: undefined });
  const scanner = new XmlScanner(handler);
  const bytes = Buffer.from(xml);
  const all: Scanned = { ints: [], numbers: [], texts: [], merges: [] };
  const collect = (ops: CellOps): void => {
    all.ints.push(...ops.ints.subarray(0, ops.intCount));
    all.numbers.push(...ops.numbers.subarray(0, ops.numberCount));
    all.texts.push(...ops.texts);
  };
  try {
    let from = 0;
    for (const cut of [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b)) {
      scanner.write(bytes.subarray(from, cut));
      collect(handler.ops.take());
      from = cut;
    }
    scanner.write(bytes.subarray(from));
    scanner.end();
    collect(handler.ops.take());
  } catch (error) {
    return { error: (error as Error).message };
  }
  all.merges = handler.merges;
  return all;
}

const sheet = (rows: string): string =>
  `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>`;

describe('SheetCellsHandler: cells read in one go', () => {
  it('writes the operations of common cells: shared strings, numbers with their style kind, rows', () => {
    const xml = sheet(
      '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="C2" s="1"><v>46296.5</v></c><c s="3" r="D2"><v>-0.25</v></c></row>',
    );
    const result = scan(xml, [], true) as Scanned;
    expect(result.ints).toEqual([OP_ROW, OP_SHARED, 0, 0, OP_NUMBER, 2, 1, OP_NUMBER, 3, 4, OP_ROW_END]);
    expect(result.numbers).toEqual([2, 7, 46296.5, -0.25]);
    expect(result.merges).toEqual(['A2:A3']);
  });

  it('leaves other cells to the tag-by-tag reading: inline strings, formulas, entities, other attributes', () => {
    const xml = sheet(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a&amp;b</t></is></c><c r="B1"><f>1+1</f><v>2</v></c>' +
        '<c r="C1" t="s" cm="1"><v>3</v></c><c r="D1" t="str"><v>x</v></c><c r="E1"><v>&#52;</v></c></row>',
    );
    const fast = scan(xml, [], true);
    expect(fast).toEqual(scan(xml, [], false));
    expect((fast as Scanned).texts).toEqual(['a&b', 'x']);
    expect((fast as Scanned).ints).toContain(OP_TEXT);
  });

  it('gives exactly what the tag-by-tag reading gives, on any sheet cut anywhere', () => {
    const letters = fc.constantFrom('A', 'B', 'Z', 'AA', 'AB', 'a');
    const attribute = fc.oneof(
      fc.tuple(letters, fc.integer({ min: 1, max: 30 })).map(([column, row]) => `r="${column}${row}"`),
      fc.constantFrom('t="s"', 't="n"', 't="str"', 't="b"', 't="e"', 't="d"', 't="inlineStr"', "t='s'"),
      fc.constantFrom('s="0"', 's="1"', 's="2"', 's="3"', 's="9"', 's="01"', 's=""', 's="x"'),
      fc.constantFrom('cm="1"', 'vm="2"', 'ph="1"', 'r = "C3"'),
    );
    const value = fc.oneof(
      fc.integer({ min: -5, max: 500_000 }).map(String),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
      fc.constantFrom(
        '',
        ' 5',
        '5 ',
        '1e3',
        '0x1F',
        '1.2.3',
        'TRUE',
        '#N/A',
        '&amp;',
        '4&#50;',
        '1\r',
        '2026-10-01T10:00:00',
        'текст',
      ),
    );
    const body = fc.oneof(
      value.map((v) => `<v>${v}</v>`),
      value.map((v) => `<f>A1</f><v>${v}</v>`),
      fc.constant('<f>A1</f>'),
      value.map((v) => `<is><t>${v}</t></is>`),
      fc.constant(''),
    );
    const cell = fc
      .tuple(fc.array(attribute, { maxLength: 3 }), body, fc.boolean())
      .map(([attributes, inner, isSelfClosing]) => {
        const open = `<c${attributes.map((a) => ` ${a}`).join('')}`;
        return isSelfClosing && inner === '' ? `${open}/>` : `${open}>${inner}</c>`;
      });
    const row = fc
      .tuple(fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), fc.array(cell, { maxLength: 6 }))
      .map(([r, cells]) => `<row${r === undefined ? '' : ` r="${r}"`}>${cells.join('')}</row>`);
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(fc.nat(2000), { maxLength: 6 }), (rows, cuts) => {
        const xml = sheet(rows.join(''));
        expect(scan(xml, cuts, true)).toEqual(scan(xml, [], false));
      }),
      { numRuns: 400 },
    );
  });
});
