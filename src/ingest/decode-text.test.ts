import { describe, expect, it } from 'vitest';
import { detectEncoding, resolveEncoding, SUPPORTED_ENCODINGS } from './decode-text.js';

/** Encodes text in a single-byte code page, with the table built from Node's own decoder. */
function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(new Uint8Array([byte]));
    if (!table.has(char)) table.set(char, byte);
  }
  return Uint8Array.from(Array.from(text), (char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`${char} is not in ${encoding}`);
    return byte;
  });
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: ArrayLike<number>[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => Array.from(part)));

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (littleEndian) bytes.push(unit & 0xff, unit >> 8);
    else bytes.push(unit >> 8, unit & 0xff);
  }
  return Uint8Array.from(bytes);
}

const russian = 'Дата;Оператор;Длительность, мин\n01.10.2026;Иванова Ёлка;12,5\n02.10.2026;Пётр;3,0\n';
const french = 'Date,Agent,Commentaire\n2026-10-01,Hélène,Très satisfaite du café\n2026-10-02,Zoé,à revoir\n';

describe('resolveEncoding', () => {
  it.each([
    ['utf-8', 'utf-8'],
    ['UTF8', 'utf-8'],
    ['utf-16le', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
    ['windows-1251', 'windows-1251'],
    ['CP1251', 'windows-1251'],
    ['win1251', 'windows-1251'],
    ['windows-1252', 'windows-1252'],
    ['cp1252', 'windows-1252'],
    ['latin1', 'windows-1252'],
    ['ISO-8859-1', 'windows-1252'],
    ['koi8-r', 'koi8-r'],
    [' utf-8 ', 'utf-8'],
  ])('%s → %s', (name, expected) => {
    expect(resolveEncoding(name)).toBe(expected);
  });

  it.each(['ascii', 'utf-32', 'shift_jis', '', '__proto__', 'constructor'])('%j is unknown', (name) => {
    expect(resolveEncoding(name)).toBeNull();
  });

  it('every supported name resolves to a label TextDecoder knows', () => {
    for (const name of SUPPORTED_ENCODINGS) {
      const encoding = resolveEncoding(name);
      expect(encoding).not.toBeNull();
      expect(() => new TextDecoder(encoding!)).not.toThrow();
    }
  });
});

describe('detectEncoding', () => {
  const cutCyrillic = utf8('Оператор;Иванова');
  const cutAt = 3; // `О` is D0 9E; three bytes end inside `п`

  it.each([
    ['UTF-8 with a BOM', concat([0xef, 0xbb, 0xbf], utf8(russian)), true, 'utf-8', 3, false],
    ['UTF-8 without a BOM', utf8(russian), true, 'utf-8', 0, false],
    ['plain ASCII', utf8('a,b\n1,2\n'), true, 'utf-8', 0, false],
    ['an empty file', new Uint8Array(0), true, 'utf-8', 0, false],
    ['UTF-16 LE with a BOM', concat([0xff, 0xfe], utf16(russian, true)), true, 'utf-16le', 2, false],
    ['UTF-16 BE with a BOM', concat([0xfe, 0xff], utf16(russian, false)), true, 'utf-16be', 2, false],
    ['Windows-1251 Russian', encodeSingleByte(russian, 'windows-1251'), true, 'windows-1251', 0, false],
    ['Windows-1252 French (é → 0xE9)', encodeSingleByte(french, 'windows-1252'), true, 'windows-1252', 0, true],
    ['UTF-8 cut inside a Cyrillic letter', cutCyrillic.subarray(0, cutAt), false, 'utf-8', 0, false],
    ['UTF-8 cut inside a Cyrillic letter, longer', cutCyrillic.subarray(0, 15), false, 'utf-8', 0, false],
    ['UTF-8 cut inside an emoji', utf8('ok 😀').subarray(0, 5), false, 'utf-8', 0, false],
  ] as const)('%s', (_name, sample, isComplete, encoding, bomLength, guessed) => {
    expect(detectEncoding(sample, isComplete)).toEqual({ encoding, bomLength, guessed });
  });

  it('does not excuse a cut sequence when the sample is the whole file', () => {
    expect(detectEncoding(cutCyrillic.subarray(0, cutAt), true).encoding).not.toBe('utf-8');
  });

  it('does not excuse an invalid sequence in the middle of an incomplete sample', () => {
    const sample = concat(utf8('abc '), [0xd0], utf8(' def')); // a lone `Р` in Windows-1251
    expect(detectEncoding(sample, false)).toEqual({ encoding: 'windows-1251', bomLength: 0, guessed: false });
  });

  it('the Windows-1251 sample decodes back to the Russian text', () => {
    const bytes = encodeSingleByte(russian, 'windows-1251');
    expect(bytes.every((byte) => byte !== 0x3f)).toBe(true);
    expect(new TextDecoder('windows-1251').decode(bytes)).toBe(russian);
  });

  it('a UTF-8 export with one Windows-1251 name is UTF-8 (the reader reports that line)', () => {
    const lines = utf8('id,agent\n' + 'C1,Иванова Анна\n'.repeat(20));
    const sample = concat(lines, utf8('C2,'), [0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2, 0xe0], utf8('\n'));
    expect(detectEncoding(sample, true)).toEqual({ encoding: 'utf-8', bomLength: 0, guessed: false });
  });

  it('half UTF-8, half Windows-1251 is not UTF-8: the invalid bytes are no small minority', () => {
    const sample = concat(
      utf8('id,agent\nC1,Иванова Анна\nC2,'),
      [0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2, 0xe0],
      utf8('\n'),
    );
    expect(detectEncoding(sample, true).encoding).not.toBe('utf-8');
  });

  it('overlongs, surrogates and lone continuation bytes are not valid UTF-8 sequences', () => {
    for (const bad of [[0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]]) {
      // Alone in a sample they leave no valid high byte, so the sample can never count as mostly UTF-8.
      expect(detectEncoding(concat(utf8('a,'), bad, utf8('\n')), true).encoding, bad.join(' ')).not.toBe('utf-8');
    }
  });

  it('German umlauts inside Latin words are Windows-1252, a guess', () => {
    const german = encodeSingleByte('Name;Straße;Grüße\nMüller;Hauptstraße 5;schön\n', 'windows-1252');
    expect(detectEncoding(german, true)).toEqual({ encoding: 'windows-1252', bomLength: 0, guessed: true });
  });
});
