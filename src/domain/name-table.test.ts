import { describe, expect, it } from 'vitest';
import { NameTable } from './name-table.js';

describe('NameTable', () => {
  it('numbers names from 1 in the order first seen, null as 0, and gives each back', () => {
    const names = new NameTable();
    expect([names.number('Анна'), names.number(null), names.number('chat'), names.number('Анна')]).toEqual([
      1, 0, 2, 1,
    ]);
    expect([names.name(0), names.name(1), names.name(2)]).toEqual([null, 'Анна', 'chat']);
    // equal text is one name whichever string object carries it
    expect(names.number(['ch', 'at'].join(''))).toBe(2);
  });
});
