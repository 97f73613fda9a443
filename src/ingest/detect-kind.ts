import type { Config } from '../config/config-schema.js';
import { KINDS, type Kind } from '../domain/records.js';
import { UserError } from '../errors.js';
import { normaliseHeader } from './header-aliases.js';
import { mapColumns, type ColumnMapping } from './map-columns.js';

/**
 * A file's kind from its header (SPEC §2). Each kind maps the header; the kind whose mapped
 * fields say most about it wins. Fields every kind shares (agent, channel, customer, topic,
 * comment, satisfaction) say nothing; ids and the fields that only one kind has say most. A file
 * that matches no kind, or two equally, is an error naming the file and what it lacks.
 */
const NEUTRAL = new Set(['agent', 'channel', 'customer', 'topic', 'comment', 'satisfaction']);
const STRONG: Partial<Record<Kind, readonly string[]>> = {
  calls: ['call_id', 'direction', 'wait_seconds', 'talk_seconds', 'calls_count', 'recording_url', 'missed'],
  tickets: ['ticket_id', 'created_at', 'first_response_at', 'first_response', 'priority'],
  surveys: ['response_id', 'nps', 'csat', 'score', 'survey'],
  customers: ['customer_id', 'churned', 'churned_at', 'mrr'],
  qa: ['contact_id', 'reviewer'],
};

export function scoreMapping(mapping: ColumnMapping): number {
  let score = mapping.missing.length === 0 ? 1 : 0;
  for (const field of Object.keys(mapping.headers)) {
    if (NEUTRAL.has(field)) continue;
    score += STRONG[mapping.kind]?.includes(field) ? 2 : 1;
  }
  return score + mapping.criteria.length;
}

export function detectKind(
  file: string,
  header: readonly string[],
  sample: readonly (readonly string[])[],
  config: Config,
  forced?: Kind,
): ColumnMapping {
  refuseDailyStatistics(file, header);
  if (forced) return mapColumns(forced, header, sample, config);
  // A filled review form repeats its contact's fields (started_at, talk_seconds, topic…), so it can
  // look like a calls or tickets export; a contact id with criterion columns decides it is a form.
  const qa = mapColumns('qa', header, sample, config);
  if (qa.index.contact_id !== undefined && qa.criteria.length > 0) return qa;
  const ranked = KINDS.map((kind) => {
    const mapping = mapColumns(kind, header, sample, config);
    return { mapping, score: scoreMapping(mapping) };
  }).sort((a, b) => b.score - a.score);
  const [best, second] = ranked as [(typeof ranked)[0], (typeof ranked)[0]];
  if (best.score < 2) {
    const lacks = best.mapping.missing.length > 0 ? best.mapping.missing.join(', ') : 'most of its fields';
    throw new UserError(
      `${file}: the header matches no kind of export (the closest, ${best.mapping.kind}, lacks ${lacks}); map the columns in cs-kpi.config.json "columns" and give the file with --${best.mapping.kind}, or run "cs-kpi inspect" on it.`,
    );
  }
  if (second.score === best.score) {
    throw new UserError(
      `${file}: the header fits ${best.mapping.kind} and ${second.mapping.kind} equally; give the file with --${best.mapping.kind} or --${second.mapping.kind}.`,
    );
  }
  return best.mapping;
}

/** Headers of pre-aggregated call-centre statistics: per day or interval, not per call. */
const STATISTICS_HEADERS = new Set(
  [
    'incoming calls',
    'answered calls',
    'abandoned calls',
    'missed calls',
    'answer rate',
    'abandon rate',
    'service level',
    'service level 20 seconds',
    'answer speed avg',
    'talk duration avg',
    'waiting time avg',
    'average speed of answer',
    'входящие звонки',
    'принятые звонки',
    'пропущенные звонки',
    'уровень обслуживания',
  ].map(normaliseHeader),
);

/**
 * A file of pre-aggregated daily statistics has no per-contact rows to score, so it is refused
 * with a sentence saying so (SPEC §2) rather than misread as a calls export.
 */
function refuseDailyStatistics(file: string, header: readonly string[]): void {
  const statistics = header.filter((text) => STATISTICS_HEADERS.has(normaliseHeader(text)));
  if (statistics.length >= 3) {
    throw new UserError(
      `${file}: this is a report of pre-aggregated statistics (${statistics.slice(0, 3).join(', ')}, …), not one row per call or ticket; export the call log itself (one row per call) from the PBX or call-centre system.`,
    );
  }
}
