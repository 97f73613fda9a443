/**
 * Compares a `cs-kpi report --format json` scorecard with an oracle's figures in the same shape: used by
 * `npm run verify` (the oracle computed live by DuckDB, bench/verify.mjs) and by `test/oracle.e2e.test.ts`
 * (DuckDB's output for a small month, committed as test/fixtures/oracle-month/duckdb-scorecard.json).
 * Plain ESM, no dependencies, so `npm test` can use it without DuckDB.
 *
 * The oracle report has `overall`, `byAgent`, `byChannel`, `byAgentChannel`, `bySegment` (rows carrying their
 * key fields, as in `cs-kpi/report@1`) and `dataQuality`; every field it holds is compared, and cs-kpi may carry
 * more (the contract only grows). Numbers agree within a relative tolerance of 1e-9 (absolute 1e-9 near 0);
 * booleans, strings and nulls must be equal; a group on one side only is a difference.
 */

/** Group lists and the fields that name a row (compared as group membership, not as figures). */
const GROUP_LISTS = [
  ['byAgent', ['agent']],
  ['byChannel', ['channel']],
  ['byAgentChannel', ['agent', 'channel']],
  ['bySegment', ['segment']],
];

/**
 * @param {object} report the cs-kpi report (parsed JSON)
 * @param {object} oracle the oracle's report in the same shape
 * @returns {{ figures: number, groups: number, differences: string[] }} how many figures and groups were
 *   compared, and one line per difference (`path: cs-kpi X vs duckdb Y`)
 */
export function compareReports(report, oracle) {
  const differences = [];
  let figures = 0;
  let groups = 0;

  const show = (value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));
  const differ = (path, actual, wanted) =>
    differences.push(`${path}: cs-kpi ${show(actual)} vs duckdb ${show(wanted)}`);
  const close = (a, b) => Math.abs(a - b) <= Math.max(1e-9 * Math.max(Math.abs(a), Math.abs(b)), 1e-9);

  /** Walks the oracle's value; cs-kpi may carry more fields. */
  const walk = (path, field, actual, wanted) => {
    if (wanted !== null && typeof wanted === 'object') {
      if (actual === null || typeof actual !== 'object') {
        figures += 1;
        differ(path, actual, wanted);
        return;
      }
      for (const [key, value] of Object.entries(wanted)) {
        const inner = Array.isArray(wanted) ? `${path}[${key}]` : `${path}.${key}`;
        const innerField = field === '' ? key : `${field}.${key}`;
        walk(inner, innerField, actual[key], value);
      }
      return;
    }
    figures += 1;
    if (typeof wanted === 'number' && typeof actual === 'number') {
      if (!close(actual, wanted)) differ(path, actual, wanted);
    } else if (actual !== wanted) {
      differ(path, actual, wanted);
    }
  };

  const compareGroups = (name, keyFields, actualRows, wantedRows) => {
    const keyOf = (row) => keyFields.map((field) => row[field]).join('/');
    const index = (rows, twice) => {
      const byKey = new Map();
      for (const row of Array.isArray(rows) ? rows : []) {
        const key = keyOf(row);
        if (byKey.has(key)) twice(`${name}[${key}]`);
        byKey.set(key, row);
      }
      return byKey;
    };
    const actual = index(actualRows, (path) => differ(path, 'twice', 'once'));
    const wanted = index(wantedRows, (path) => differ(path, 'once', 'twice'));
    for (const key of new Set([...wanted.keys(), ...actual.keys()])) {
      groups += 1;
      const path = `${name}[${key}]`;
      if (!wanted.has(key)) differ(path, 'a group', 'no group');
      else if (!actual.has(key)) differ(path, 'no group', 'a group');
      else {
        const figuresOnly = { ...wanted.get(key) };
        for (const field of keyFields) delete figuresOnly[field];
        walk(path, '', actual.get(key), figuresOnly);
      }
    }
  };

  groups += 1;
  walk('overall', '', report.overall, oracle.overall);
  for (const [name, keyFields] of GROUP_LISTS) compareGroups(name, keyFields, report[name], oracle[name]);
  for (const [key, value] of Object.entries(oracle.dataQuality ?? {})) {
    walk(`dataQuality.${key}`, `dataQuality.${key}`, report.dataQuality?.[key], value);
  }
  return { figures, groups, differences };
}
