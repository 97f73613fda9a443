import type { SampleItemV1, SampleV1 } from '../contracts/sample-v1.js';
import { appliesTo, type QaCriterion } from '../domain/qa-criteria.js';

/**
 * The columns of the review form (SPEC §5), shared by the XLSX form and the CSV: one header row of
 * field names, then one column per criterion id, then `reviewer` and `comment`. The headers are
 * how `cs-kpi report --qa` reads a filled form back (SPEC §11), so they never change with the
 * language or the contents.
 */
export interface FieldColumn {
  header: string;
  /** what the header means, for the note on it and the instructions */
  description: string;
  /** `text` from inputs, `number` computed by the tool, `url` from inputs */
  type: 'text' | 'number' | 'url';
  /** Excel number format of a number column */
  numFmt?: string;
  /** digits kept in CSV, where no number format rounds for display */
  digits?: number;
  value: (item: SampleItemV1) => string | number | null;
}

const perUnit = (seconds: number | null, unit: number) => (seconds === null ? null : seconds / unit);

export const FIELD_COLUMNS: readonly FieldColumn[] = [
  {
    header: 'contact_id',
    description: 'the call or ticket id as in the export',
    type: 'text',
    value: (i) => i.contactId,
  },
  { header: 'kind', description: 'call or ticket', type: 'text', value: (i) => i.kind },
  { header: 'agent', description: 'the agent who handled the contact', type: 'text', value: (i) => i.agent },
  {
    header: 'channel',
    description: 'phone, email, chat, messenger, social, web…',
    type: 'text',
    value: (i) => i.channel,
  },
  {
    header: 'started_at',
    description: 'when the call started or the ticket was created (local time)',
    type: 'text',
    value: (i) => localTime(i.startedAt),
  },
  {
    header: 'wait_seconds',
    description: 'calls: seconds the customer waited before an answer',
    type: 'number',
    numFmt: '0',
    digits: 3,
    value: (i) => i.waitSeconds,
  },
  {
    header: 'talk_seconds',
    description: 'calls: talk time in seconds',
    type: 'number',
    numFmt: '0',
    digits: 3,
    value: (i) => i.talkSeconds,
  },
  {
    header: 'first_response_minutes',
    description: 'tickets: minutes to the first response',
    type: 'number',
    numFmt: '0.0',
    digits: 2,
    value: (i) => perUnit(i.firstResponseSeconds, 60),
  },
  {
    header: 'resolution_hours',
    description: 'tickets: hours to resolution (empty while open)',
    type: 'number',
    numFmt: '0.0',
    digits: 2,
    value: (i) => perUnit(i.resolutionSeconds, 3600),
  },
  { header: 'topic', description: 'the topic in the export', type: 'text', value: (i) => i.topic },
  { header: 'customer', description: 'the customer in the export', type: 'text', value: (i) => i.customer },
  { header: 'recording_url', description: 'calls: the recording', type: 'url', value: (i) => i.recordingUrl },
];

/** The optional columns the XLSX form leaves out when no sampled contact has a value for them. */
export const OPTIONAL_HEADERS = new Set([
  'wait_seconds',
  'talk_seconds',
  'first_response_minutes',
  'resolution_hours',
  'topic',
  'customer',
  'recording_url',
]);

export const REVIEWER_COLUMNS = [
  {
    header: 'reviewer',
    description: 'your name; two reviewers of one contact fill a row each (or a copy of the file each)',
  },
  { header: 'comment', description: 'what was good, what to improve' },
] as const;

/** `n/a` for a criterion that does not apply to the contact's channel (spelling on a phone call), else empty. */
export function prefilledVerdict(criterion: QaCriterion, item: SampleItemV1): string {
  return appliesTo(criterion, item.channel) ? '' : 'n/a';
}

/** `2026-10-03T14:05:12+03:00` → `2026-10-03 14:05:12`: the wall clock of the configured zone. */
export function localTime(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

/** The criterion's scale in words: `pass / fail` or `1–5`. */
export function describeScale(criterion: QaCriterion): string {
  return criterion.scale === null ? 'pass / fail' : `${criterion.scale[0]}–${criterion.scale[1]}`;
}

/** One line about a criterion, for the note on its header and the instructions. */
export function describeCriterion(criterion: QaCriterion): string {
  const parts = [`weight ${criterion.weight}`, describeScale(criterion)];
  if (criterion.critical) parts.push('critical: a fail makes the whole review 0');
  if (criterion.channels !== null) parts.push(`only ${criterion.channels.join(', ')}`);
  return `${criterion.label} (${parts.join('; ')})`;
}

/** The sample's criteria in the shape the form works with. */
export function criteriaOf(sample: SampleV1): QaCriterion[] {
  return sample.criteria.map((criterion) => ({ ...criterion }));
}
