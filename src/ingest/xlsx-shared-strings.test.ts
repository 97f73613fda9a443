import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedStringsHandler } from './xlsx-shared-strings.js';
import { XmlScanner } from './xml-scanner.js';

/** Every string of `xml` cut into chunks at `cuts`, with or without the handler's one-go path. */
function read(xml: string, cuts: readonly number[], isFast: boolean): (string | undefined)[] {
  const handler = new SharedStringsHandler(1000, 'book.xlsx');
  if (!isFast) Object.defineProperty(handler, 'fastStart', { value: undefined });
  const scanner = new XmlScanner(handler);
  const bytes = Buffer.from(xml);
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b)) {
    scanner.write(bytes.subarray(from, cut));
    from = cut;
  }
  scanner.write(bytes.subarray(from));
  scanner.end();
  const strings = handler.strings;
  strings.seal();
  return Array.from({ length: strings.length + 1 }, (_, i) => strings.get(i));
}

/** Characters an XML text may hold as they are (no markup, no control character but tab and line ends). */
const isXmlText = (char: string): boolean => {
  const code = char.codePointAt(0)!;
  return (
    char !== '<' &&
    char !== '&' &&
    (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) &&
    code !== 0xfffe &&
    code !== 0xffff
  );
};

const sst = (items: string): string =>
  `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items}</sst>`;

describe('SharedStringsHandler', () => {
  it('reads plain, escaped, entity, rich-text, phonetic and empty strings', () => {
    const xml = sst(
      '<si><t>C0000001</t></si><si><t>Иванова Анна</t></si><si><t>a_x000D_b</t></si><si><t>x &amp; y</t></si>' +
        '<si><r><t>bo</t></r><r><t>ld</t></r></si><si><t>漢字</t><rPh><t>かんじ</t></rPh></si><si><t></t></si><si><t/></si>' +
        '<si><t xml:space="preserve"> padded </t></si><si><t>line\r\nend</t></si>',
    );
    expect(read(xml, [], true)).toEqual([
      'C0000001',
      'Иванова Анна',
      'a\rb',
      'x & y',
      'bold',
      '漢字',
      '',
      '',
      ' padded ',
      'line\nend',
      undefined,
    ]);
  });

  it('gives exactly what the tag-by-tag reading gives, on any table cut anywhere', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 12 }).map((s) => [...s].filter(isXmlText).join('')),
      fc.constantFrom('_x0041_', 'a_xZZ', '&amp;&lt;', '&#1046;', '\r\n', 'Ёж', '😀', '_x005F_x0041_'),
    );
    const item = fc.oneof(
      text.map((t) => `<si><t>${t}</t></si>`),
      text.map((t) => `<si><t xml:space="preserve">${t}</t></si>`),
      fc.tuple(text, text).map(([a, b]) => `<si><r><t>${a}</t></r><r><rPr><b/></rPr><t>${b}</t></r></si>`),
      fc.tuple(text, text).map(([a, b]) => `<si><t>${a}</t><rPh sb="0" eb="1"><t>${b}</t></rPh></si>`),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.array(fc.nat(600), { maxLength: 5 }), (items, cuts) => {
        const xml = sst(items.join(''));
        expect(read(xml, cuts, true)).toEqual(read(xml, [], false));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a table past its limit on either path', () => {
    const handler = new SharedStringsHandler(2, 'book.xlsx');
    const scanner = new XmlScanner(handler);
    expect(() => scanner.write(Buffer.from(sst('<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si>')))).toThrow(
      /more than 2 shared strings/,
    );
  });
});
