import { describe, expect, it } from 'vitest';
import { LocationColumns } from './location-columns.js';
import type { SourceLocation } from './source-location.js';

describe('LocationColumns', () => {
  it('gives back each location equal to the one added, lines and cells, past the first growth', () => {
    const columns = new LocationColumns();
    const added: SourceLocation[] = [];
    for (let i = 0; i < 2500; i++) {
      const location: SourceLocation =
        i % 4 === 0
          ? { file: 'calls.csv', line: i + 2 }
          : i % 4 === 1
            ? { file: 'book.xlsx', sheet: i % 8 === 1 ? 'Calls' : 'Звонки', cell: `A${i + 1}` }
            : i % 4 === 2
              ? { file: 'book.xlsx', sheet: 'Calls', cell: `XFD${1_048_576 - i}` }
              : { file: 'odd.xlsx', sheet: 'S', cell: i % 8 === 3 ? 'A0' : 'R1C1' };
      added.push(location);
      columns.add(location);
    }
    expect(columns.size).toBe(added.length);
    added.forEach((location, i) => {
      expect(columns.get(i)).toEqual(location);
      expect(columns.file(i)).toBe(location.file);
    });
  });

  it('keeps a line number past 2^31 as given', () => {
    const columns = new LocationColumns();
    columns.add({ file: 'huge.csv', line: 2 ** 31 });
    columns.add({ file: 'huge.csv', line: 2 ** 31 - 1 });
    expect([columns.get(0), columns.get(1)]).toEqual([
      { file: 'huge.csv', line: 2 ** 31 },
      { file: 'huge.csv', line: 2 ** 31 - 1 },
    ]);
  });
});
