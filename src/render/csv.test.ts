import { describe, expect, it } from 'vitest';
import { formatCsvField, renderCsv } from './csv.js';
import { neutraliseFormula } from './neutralise-formula.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+7 999 123-45-67', "'+7 999 123-45-67"],
    ['-3', "'-3"],
    ['@cmd', "'@cmd"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['', ''],
    ['Ivanova', 'Ivanova'],
    ['a=b', 'a=b'],
    [' =1', ' =1'],
    ["'=1", "'=1"],
    ['3', '3'],
    ['Оператор', 'Оператор'],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
  });
});

describe('formatCsvField', () => {
  it.each([
    ['plain', ',', 'plain'],
    ['', ',', ''],
    ['a,b', ',', '"a,b"'],
    ['a,b', ';', 'a,b'],
    ['a;b', ';', '"a;b"'],
    ['a\tb', '\t', '"a\tb"'],
    ['a|b', '|', '"a|b"'],
    ['say "hi"', ',', '"say ""hi"""'],
    ['"', ',', '""""'],
    ['two\nlines', ',', '"two\nlines"'],
    ['cr\r', ',', '"cr\r"'],
    [' leading', ',', '" leading"'],
    ['trailing ', ',', '"trailing "'],
    ['in side', ',', 'in side'],
    ['Жёлтый 😀', ',', 'Жёлтый 😀'],
  ])('%j with %j → %j', (value, delimiter, expected) => {
    expect(formatCsvField(value, delimiter)).toBe(expected);
  });

  it('quotes for a comma by default', () => {
    expect(formatCsvField('a,b')).toBe('"a,b"');
  });
});

describe('renderCsv', () => {
  it('neutralises text from inputs, never numbers, and trusts { text }', () => {
    const csv = renderCsv([
      [{ text: 'agent' }, { text: 'delta' }, { text: 'comment' }, { text: 'ok' }, { text: 'note' }],
      ['=cmd|calc', -3, '-3', true, null],
      ['Ivanova, A.', 12.5, '+7 999', false, { text: '=trusted' }],
      ['say "hi"\nbye', 0, '@x', null, ' '],
    ]);
    expect(csv).toMatchInlineSnapshot(`
      "agent,delta,comment,ok,note
      '=cmd|calc,-3,'-3,true,
      "Ivanova, A.",12.5,'+7 999,false,=trusted
      "say ""hi""
      bye",0,'@x,," "
      "
    `);
  });

  it('uses the delimiter for separating and quoting', () => {
    expect(renderCsv([['a;b', 'c,d', 1.5]], { delimiter: ';' })).toBe('"a;b";c,d;1.5\n');
    expect(renderCsv([['a\tb', 'c']], { delimiter: '\t' })).toBe('"a\tb"\tc\n');
  });

  it('writes a lone empty cell as "" so that it is not an empty line', () => {
    expect(renderCsv([[{ text: 'h' }], [''], [null], ['x']])).toBe('h\n""\n""\nx\n');
  });

  it('ends every line with \\n, and writes nothing for no rows', () => {
    expect(renderCsv([])).toBe('');
    expect(renderCsv([['a'], ['b']])).toBe('a\nb\n');
  });
});
