/**
 * Text from the inputs on its way to a terminal (the table outputs, the warnings and errors on
 * stderr). A cell of an export can hold control characters: an escape sequence that recolours
 * the terminal, clears the screen, moves the cursor, sets the window title or hides a link (OSC 8),
 * or a bidirectional override that makes `Anna‮gpj.exe` read as `Annaexe.jpg`. Each is shown
 * as a visible stand-in instead of acting on the terminal:
 *   - C0 controls U+0000–U+001F and DEL as their Unicode Control Pictures (ESC → ␛, BEL → ␇, tab →
 *     ␉, line feed → ␊: a table cell is one line);
 *   - C1 controls U+0080–U+009F (U+009B is a one-byte CSI to some terminals) and the bidi
 *     embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which have no pictures,
 *     as `\u009b` text.
 * JSON, CSV and XLSX keep the exact text: they are data, not screen output.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function visibleText(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Input text for a table cell: made visible, then cut to `width` characters with `…`. */
export function cellText(text: string, width: number): string {
  const visible = visibleText(text);
  return visible.length <= width ? visible : `${visible.slice(0, width - 1)}…`;
}
