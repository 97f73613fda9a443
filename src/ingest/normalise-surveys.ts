import { normaliseChannel } from '../domain/channel.js';
import type { SurveyAnswer } from '../domain/records.js';
import { readSurveyKind } from './code-values.js';
import { FieldReader, type NormaliseContext } from './read-fields.js';
import type { RawRow } from './row-source.js';

/**
 * A surveys row → its answers (SPEC §10 "Surveys, more"): each recognised score column gives one
 * answer, so a file with an NPS and a satisfaction column gives two. The `score` column takes
 * its survey from the `survey` column; without one it stays null and the report decides by the
 * file's scale (SPEC §10 "Survey kind").
 */
export function createSurveyNormaliser(context: NormaliseContext): (row: RawRow) => SurveyAnswer[] {
  const read = new FieldReader(context);
  return (row) => {
    read.row = row;
    const answeredAt = read.instant('answered_at');
    if (answeredAt === null && read.has('answered_at') && read.raw('answered_at') === null) {
      read.problem('answered_at', '', 'missing');
    }
    const rawChannel = read.text('channel');
    const shared = {
      id: read.text('response_id'),
      answeredAt,
      contactId: read.text('contact_id'),
      agent: read.agent('agent'),
      channel: rawChannel === null ? null : normaliseChannel(rawChannel),
      customer: read.text('customer'),
      comment: read.text('comment'),
      location: row.location,
    };
    const answers: SurveyAnswer[] = [];
    const score = read.number('score');
    if (score !== null) answers.push(answerOf(shared, surveyOf(read, context), score));
    const nps = read.number('nps');
    if (nps !== null) answers.push(answerOf(shared, 'nps', nps));
    const csat = read.number('csat');
    if (csat !== null) answers.push(answerOf(shared, 'csat', csat));
    return answers;
  };
}

/** Spelled out rather than `{ ...shared, survey, score }`: a spread per row is a slow generic copy. */
function answerOf(shared: Omit<SurveyAnswer, 'survey' | 'score'>, survey: string | null, score: number): SurveyAnswer {
  return {
    id: shared.id,
    answeredAt: shared.answeredAt,
    contactId: shared.contactId,
    agent: shared.agent,
    channel: shared.channel,
    customer: shared.customer,
    comment: shared.comment,
    location: shared.location,
    survey,
    score,
  };
}

function surveyOf(read: FieldReader, context: NormaliseContext): string | null {
  const raw = read.text('survey');
  if (raw === null) return null;
  const name = raw.toLowerCase();
  if (context.indexNames.has(name)) return name;
  return readSurveyKind(raw) ?? name;
}
