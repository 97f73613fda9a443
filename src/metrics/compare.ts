/**
 * Month-over-month comparison (SPEC §7 `compare`, issue #8): for every numeric field of every
 * block of a scorecard, the previous month's value and `delta = current − previous` (null when
 * either side is null). A delta of a block that is low-confidence in either month is marked
 * `lowConfidence: true`, because a change in a small sample is mostly noise.
 */

export interface FieldChange {
  previous: number | null;
  delta: number | null;
  lowConfidence?: true;
}

export type BlockChanges = Record<string, FieldChange>;
export type ScorecardChanges = Record<string, BlockChanges>;

type Block = Record<string, unknown> | null | undefined;

/** Blocks whose fields are compared; `volume` has no `lowConfidence`. */
const BLOCKS = [
  'volume',
  'loyalty',
  'nps',
  'csat',
  'firstResponse',
  'resolution',
  'calls',
  'churn',
  'iqs',
  'fcr',
] as const;

export function compareBlocks(current: Block, previous: Block): BlockChanges | null {
  if (!current && !previous) return null;
  const changes: BlockChanges = {};
  const lowConfidence = current?.lowConfidence === true || previous?.lowConfidence === true;
  const fields = new Set([...Object.keys(current ?? {}), ...Object.keys(previous ?? {})]);
  for (const field of fields) {
    const now = current?.[field];
    const before = previous?.[field];
    if (!isNumberField(now) || !isNumberField(before)) continue;
    if (typeof now !== 'number' && typeof before !== 'number') continue;
    const previousValue = typeof before === 'number' ? before : null;
    const change: FieldChange = {
      previous: previousValue,
      delta: typeof now === 'number' && previousValue !== null ? now - previousValue : null,
    };
    if (lowConfidence) change.lowConfidence = true;
    changes[field] = change;
  }
  return changes;
}

/** Every block's changes; a block with no data in either month is left out. */
export function compareScorecards(
  current: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
): ScorecardChanges {
  const changes: ScorecardChanges = {};
  for (const block of BLOCKS) {
    const blockChanges = compareBlocks(current[block] as Block, previous?.[block] as Block);
    if (blockChanges !== null) changes[block] = blockChanges;
  }
  return changes;
}

/** Rows of a group list paired by key (agent, channel), current first; a group present only last month has no row. */
export function compareGroups<K extends string, T extends Record<K, string>>(
  key: K,
  current: readonly T[],
  previous: readonly T[],
): ({ [P in K]: string } & ScorecardChanges)[] {
  const before = new Map(previous.map((row) => [row[key], row]));
  return current.map(
    (row) =>
      ({ [key]: row[key], ...compareScorecards(row, before.get(row[key])) }) as { [P in K]: string } & ScorecardChanges,
  );
}

function isNumberField(value: unknown): boolean {
  return value === undefined || value === null || typeof value === 'number';
}
