import { describe, expect, it } from 'vitest';
import { cellText, visibleText } from './terminal-text.js';

describe('visibleText', () => {
  it.each([
    ['\u001b[31mRed\u001b[0m', '␛[31mRed␛[0m'],
    ['\u001b]8;;http://x\u0007link\u001b]8;;\u0007', '␛]8;;http://x␇link␛]8;;␇'],
    ['bell\u0007\b', 'bell␇␈'],
    ['a\tb\nc\r', 'a␉b␊c␍'],
    ['\u0000\u007f', '␀␡'],
    ['\u009b31m', '\\u009b31m'],
    ['Anna\u202egpj.exe', 'Anna\\u202egpj.exe'],
    ['Иванова Анна ✓ 😀', 'Иванова Анна ✓ 😀'],
  ])('%j → %j', (text, expected) => {
    expect(visibleText(text)).toBe(expected);
  });

  it('is the same on a second call (the regex keeps no state between calls)', () => {
    expect(visibleText('\u001bx')).toBe('␛x');
    expect(visibleText('\u001bx')).toBe('␛x');
  });
});

describe('cellText', () => {
  it('makes the text visible, then cuts it to the width', () => {
    expect(cellText('\u001b[2J\u001b[H', 4)).toBe('␛[2…');
    expect(cellText('short', 10)).toBe('short');
  });
});
