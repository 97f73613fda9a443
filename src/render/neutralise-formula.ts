/**
 * CSV injection defence (SPEC §6, OWASP "CSV Injection"): text from inputs that a spreadsheet
 * would read as a formula gets a leading apostrophe, so it stays text. Only for text cells;
 * numbers the tool computed are never neutralised (SPEC §10).
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}
