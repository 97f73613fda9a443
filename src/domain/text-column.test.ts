import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextColumn } from './text-column.js';

describe('TextColumn', () => {
  it('gives back every text exactly, nulls, empty texts, Cyrillic, lone surrogates and long texts included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(null),
            fc.constant(''),
            fc.string({ unit: 'binary', maxLength: 40 }),
            fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) }),
          ),
          { maxLength: 3000 },
        ),
        (texts) => {
          const column = new TextColumn();
          for (const text of texts) column.add(text);
          expect(column.size).toBe(texts.length);
          texts.forEach((text, i) => expect(column.get(i)).toBe(text));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps a text longer than one decoding chunk whole', () => {
    const column = new TextColumn();
    const long = 'Жалоба, '.repeat(5000) + '«конец»';
    column.add(null);
    column.add(long);
    column.add('x');
    expect([column.get(0), column.get(1), column.get(2)]).toEqual([null, long, 'x']);
  });

  it('widens from a byte to two a unit at the first text above U+00FF, keeping the texts before it', () => {
    const column = new TextColumn();
    const texts = [
      ...Array.from({ length: 3000 }, (_, i) => `R${String(i).padStart(7, '0')}`),
      'café ÿ',
      'Жалоба «тариф»',
      ...Array.from({ length: 3000 }, (_, i) => `+7 916 ${i}`),
    ];
    for (const text of texts) column.add(text);
    texts.forEach((text, i) => expect(column.get(i)).toBe(text));
  });

  it('reads back the same after its positions switch to doubles (forced early by a low limit)', () => {
    const column = new TextColumn(10);
    const texts = ['abcd', null, 'efghij', 'k', null, 'lmnopqrstu', 'Жалоба', ''];
    for (const text of texts) column.add(text);
    texts.forEach((text, i) => expect(column.get(i)).toBe(text));
  });
});
