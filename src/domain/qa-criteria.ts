import { normaliseChannel, type Channel } from './channel.js';
import { UserError } from '../errors.js';

/**
 * The criteria of a QA review (SPEC §4.5, §11 `qa.criteria`): what the review form asks and how
 * the IQS weighs the answers. A criterion is pass/fail unless it has a scale; it applies to every
 * channel unless it lists some; a failed critical criterion makes the whole review 0 (SPEC §10).
 */
export interface QaCriterion {
  /** the form's column header, and how a filled form is read back */
  id: string;
  /** phrased so that "pass" (or the top of the scale) is good: "No rudeness" */
  label: string;
  weight: number;
  /** `[min, max]` of a score, or null for pass/fail */
  scale: readonly [number, number] | null;
  critical: boolean;
  /** the channels it applies to, normalised; null for every channel */
  channels: readonly Channel[] | null;
}

/** The channels where a customer reads the agent's own writing. */
export const TEXT_CHANNELS: readonly Channel[] = ['email', 'chat', 'messenger', 'social', 'web'];

/**
 * The default form, from the seeds' practice (SPEC §4.5): the monthly meeting checks speed,
 * resolution, spelling and proactivity; rudeness and wrong information fail a review outright.
 * Resolution weighs most, then speed and proactivity. All pass/fail, so two reviewers can agree.
 */
export const DEFAULT_CRITERIA: readonly QaCriterion[] = [
  criterion('greeting', 'Greeting and etiquette', 1),
  criterion('resolved', 'Question resolved', 3),
  criterion('speed', 'Speed: no needless hold or delay', 2),
  { ...criterion('spelling', 'Spelling and punctuation', 1), channels: TEXT_CHANNELS },
  criterion('proactivity', 'Proactivity: anticipated what the customer needs next', 2),
  criterion('objections', 'Objection handling', 1),
  criterion('next_step', 'Next step agreed with the customer', 1),
  criterion('empathy', 'Empathy', 1),
  criterion('tone', 'Tone: calm and friendly', 1),
  { ...criterion('rudeness', 'No rudeness', 1), critical: true },
  { ...criterion('wrong_info', 'No wrong information', 1), critical: true },
];

function criterion(id: string, label: string, weight: number): QaCriterion {
  return { id, label, weight, scale: null, critical: false, channels: null };
}

/** A criterion as `cs-kpi.config.json` writes it (SPEC §11); every key but `id` optional. */
export interface ConfiguredCriterion {
  id: string;
  label?: string;
  weight?: number;
  scale?: readonly [number, number];
  critical?: boolean;
  channels?: readonly string[];
}

/**
 * Form columns that are not criteria: a criterion may not be named like one, or a filled form
 * could not be read back (headers compare case- and punctuation-insensitively).
 */
export const REVIEW_FORM_FIELDS = [
  'contact_id',
  'kind',
  'agent',
  'channel',
  'started_at',
  'wait_seconds',
  'talk_seconds',
  'first_response_minutes',
  'resolution_hours',
  'topic',
  'customer',
  'recording_url',
  'reviewer',
  'reviewed_at',
  'comment',
  'key',
] as const;

/** The criteria of config `qa.criteria`, or the defaults when config lists none (SPEC §11). */
export function criteriaFromConfig(config: { qa?: { criteria?: readonly ConfiguredCriterion[] } }): QaCriterion[] {
  const configured = config.qa?.criteria;
  if (configured === undefined || configured.length === 0) return DEFAULT_CRITERIA.map((c) => ({ ...c }));
  const seen = new Map<string, string>();
  const reserved = new Set(REVIEW_FORM_FIELDS.map(headerKey));
  return configured.map((entry, at) => {
    const where = `cs-kpi.config.json: qa.criteria[${at}]`;
    const key = headerKey(entry.id);
    if (key === '') throw new UserError(`${where}.id: "${entry.id}" has no letter or digit; name it like "greeting".`);
    if (reserved.has(key)) {
      throw new UserError(
        `${where}.id: "${entry.id}" is the name of a review-form column; name the criterion otherwise.`,
      );
    }
    const twin = seen.get(key);
    if (twin !== undefined) {
      throw new UserError(`${where}.id: "${entry.id}" repeats "${twin}" (ids compare ignoring case and punctuation).`);
    }
    seen.set(key, entry.id);
    const scale = entry.scale ?? null;
    if (scale !== null && !(scale[0] < scale[1])) {
      throw new UserError(`${where}.scale: expected [min, max] with min below max, got [${scale.join(', ')}].`);
    }
    return {
      id: entry.id,
      label: entry.label ?? entry.id,
      weight: entry.weight ?? 1,
      scale: scale === null ? null : [scale[0], scale[1]],
      critical: entry.critical ?? false,
      channels: entry.channels === undefined ? null : [...new Set(entry.channels.map(normaliseChannel))],
    };
  });
}

/** Whether a criterion applies to a contact of this channel (an unknown channel gets every criterion). */
export function appliesTo(criterion: QaCriterion, channel: Channel | null): boolean {
  return criterion.channels === null || channel === null || criterion.channels.includes(normaliseChannel(channel));
}

/** The criteria that apply to a channel, in form order. */
export function criteriaFor(channel: Channel | null, criteria: readonly QaCriterion[]): QaCriterion[] {
  return criteria.filter((criterion) => appliesTo(criterion, channel));
}

/**
 * The values a reviewer may enter (SPEC §11): `pass`, `fail` or a whole score on the scale, and
 * `n/a`. Null when a scale has no whole steps or too many to list (a reviewer then types a number).
 */
export function allowedValues(criterion: QaCriterion): string[] | null {
  if (criterion.scale === null) return ['pass', 'fail', 'n/a'];
  const [min, max] = criterion.scale;
  if (!Number.isInteger(min) || !Number.isInteger(max) || max - min > 20) return null;
  return [...Array.from({ length: max - min + 1 }, (_, i) => String(min + i)), 'n/a'];
}

function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
