import { createHash } from 'node:crypto';

/** The word a sample key uses for a contact (SPEC §7, §10). */
export type ContactKind = 'call' | 'ticket';

/**
 * A contact's sample key (SPEC §5, §10): the lower-case hex SHA-256 of the UTF-8 string
 * `seed:kind:id`, the id trimmed as in the export. Each stratum takes its smallest keys, so the
 * sample depends on the seed and the ids only, never on row order or file split, and anyone can
 * re-check it (`printf '2026-10:call:C0001' | sha256sum`).
 */
export function sampleKey(seed: string, kind: ContactKind, contactId: string): string {
  return createHash('sha256').update(`${seed}:${kind}:${contactId.trim()}`, 'utf8').digest('hex');
}
