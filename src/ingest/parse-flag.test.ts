import { describe, it, expect } from 'vitest';
import { parseFlag } from './parse-flag.js';
import { ParseProblem } from './parse-result.js';

describe('parseFlag', () => {
  it.each<[string, boolean]>([
    ['y', true],
    ['Y', true],
    ['yes', true],
    ['YES', true],
    [' Yes ', true],
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['t', true],
    ['1', true],
    ['1.0', true],
    ['1,0', true],
    ['да', true],
    ['Да', true],
    ['ДА', true],
    ['д', true],
    ['+', true],
    ['✓', true],
    ['✔', true],
    ['✔\uFE0F', true],
    ['✅', true],
    ['n', false],
    ['N', false],
    ['no', false],
    ['No', false],
    ['false', false],
    ['FALSE', false],
    ['f', false],
    ['0', false],
    ['0.0', false],
    ['0,00', false],
    ['нет', false],
    ['Нет', false],
    ['н', false],
    ['Н', false],
    ['✗', false],
    ['✘', false],
    ['❌', false],
  ])('%j → %s', (raw, expected) => {
    expect(parseFlag(raw)).toBe(expected);
  });

  it.each([[''], ['  '], ['-'], ['—'], ['N/A'], ['NA'], ['null']])('%j → null', (raw) => {
    expect(parseFlag(raw)).toBeNull();
  });

  it.each([['2'], ['0.5'], ['-1'], ['1%'], ['maybe'], ['yess'], ['none'], ['да нет'], ['x'], ['ok'], ['truefalse']])(
    '%j → not a yes/no flag',
    (raw) => {
      expect(parseFlag(raw)).toEqual(new ParseProblem('not a yes/no flag'));
    },
  );
});
