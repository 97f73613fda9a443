import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from './id-table.js';

describe('IdTable', () => {
  it('numbers ids in the order first added and finds them again', () => {
    const table = new IdTable();
    expect(table.addNew('C0000001')).toBe(0);
    expect(table.addNew('T1')).toBe(1);
    expect(table.addNew('C0000001')).toBe(-1);
    expect(table.find('T1')).toBe(1);
    expect(table.find('C0000001')).toBe(0);
    expect(table.find('C000000')).toBe(-1);
    expect(table.find('C00000011')).toBe(-1);
    expect(table.size).toBe(2);
  });

  it('tells apart ids that differ only in non-ASCII characters, length or an empty id', () => {
    const table = new IdTable();
    const ids = ['', 'Заявка-1', 'Заявка-2', 'заявка-1', 'a\u0080', 'a\u0100', 'a\u8000\u0000', 'a\u8000', '\u0080'];
    ids.forEach((id, index) => expect(table.addNew(id)).toBe(index));
    ids.forEach((id, index) => expect(table.find(id)).toBe(index));
    expect(table.find('a')).toBe(-1);
    expect(table.find('\u0080\u0000')).toBe(-1);
  });

  it('behaves as a Set of strings over random ids, through many table and arena growths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 })), {
          maxLength: 400,
        }),
        (ids) => {
          const table = new IdTable();
          const reference = new Map<string, number>();
          for (const id of ids) {
            const added = table.addNew(id);
            if (reference.has(id)) expect(added).toBe(-1);
            else {
              expect(added).toBe(reference.size);
              reference.set(id, added);
            }
          }
          for (const [id, number] of reference) expect(table.find(id)).toBe(number);
          expect(table.size).toBe(reference.size);
        },
      ),
    );
  });

  it('keeps 200,000 ids distinct', () => {
    const table = new IdTable();
    for (let i = 0; i < 200_000; i += 1) expect(table.addNew(`C${i}`)).toBe(i);
    for (let i = 0; i < 200_000; i += 7) expect(table.find(`C${i}`)).toBe(i);
    expect(table.addNew('C199999')).toBe(-1);
    expect(table.find('C200000')).toBe(-1);
  });

  it('finds every id after the table has grown, whatever its characters (hashes are worked out again from the arena)', () => {
    const table = new IdTable();
    // Cyrillic, characters above U+7FFF, lone surrogates, NUL and the 0x80 marker byte's own code
    const ids = Array.from(
      { length: 20_000 },
      (_, i) => [`Заявка-${i}`, `\u{1F600}${i}`, `\uD800${i}\uDFFF`, `\u0000\u0080${i}`, `\uFFFF${i}`][i % 5]!,
    );
    ids.forEach((id, i) => expect(table.addNew(id)).toBe(i));
    ids.forEach((id, i) => expect(table.find(id)).toBe(i));
    expect(table.addNew(ids[12_345]!)).toBe(-1);
    expect(table.find('Заявка-20000')).toBe(-1);
  });
});
