import type { Call } from '../domain/records.js';
import { readCallStatus, readDirection } from './code-values.js';
import { FieldReader, type NormaliseContext } from './read-fields.js';
import type { RawRow } from './row-source.js';

/**
 * A calls row → `Call` (SPEC §2, §10). Answered comes from the status (or an answered/missed
 * flag), else from an agent with talk time; wait from its column, else answer − start (PBX
 * CDRs), else total − talk; a row with a count column stands for that many calls.
 */
export function createCallNormaliser(context: NormaliseContext): (row: RawRow) => Call {
  const read = new FieldReader(context);
  return (row) => {
    read.row = row;
    const startedAt = readStart(read);
    const answeredAt = read.instant('answered_at');
    const agent = read.agent('agent');
    let talkMs = read.duration('talk_seconds');
    const rawDirection = read.raw('direction');
    let direction = rawDirection === null ? 'inbound' : readDirection(rawDirection);
    if (direction === undefined) {
      read.problem('direction', rawDirection!, 'unknown direction; read as inbound');
      direction = 'inbound';
    }
    let answered: boolean | undefined;
    const rawStatus = read.raw('status');
    if (rawStatus !== null) {
      answered = readAnswered(rawStatus);
      if (answered === undefined) read.problem('status', rawStatus, 'unknown call status');
    }
    if (answered === undefined && read.has('missed')) {
      const missed = read.flag('missed');
      if (missed !== null) answered = !missed;
    }
    if (answered === undefined) answered = answeredAt !== null || (agent !== null && (talkMs ?? 0) > 0);

    let waitMs = read.duration('wait_seconds');
    if (waitMs === null && answeredAt !== null && startedAt !== null) waitMs = answeredAt - startedAt;
    if (waitMs === null && read.has('total_seconds')) {
      const totalMs = read.duration('total_seconds');
      if (totalMs !== null && talkMs !== null) waitMs = totalMs - talkMs;
      else if (totalMs !== null && !read.has('talk_seconds') && answered) talkMs = totalMs;
    }
    if (waitMs !== null && waitMs < 0) {
      read.problem('wait_seconds', String(waitMs / 1000), 'negative wait');
      waitMs = null;
    }
    let count = 1;
    if (read.has('calls_count')) {
      const value = read.number('calls_count');
      if (value !== null && Number.isInteger(value) && value >= 0) count = value;
      else if (value !== null) read.problem('calls_count', read.raw('calls_count')!, 'not a whole number of calls');
    }
    return {
      id: read.text('call_id'),
      startedAt,
      agent,
      channel: 'phone',
      direction,
      answered,
      waitMs,
      talkMs,
      resolved: read.flag('resolved'),
      topic: read.text('topic'),
      customer: read.text('customer'),
      satisfaction: read.number('satisfaction'),
      recordingUrl: read.text('recording_url'),
      count,
      location: row.location,
    };
  };
}

/** `started_at`, else `date` (+ `time` of day); a row without it is reported. */
function readStart(read: FieldReader): number | null {
  if (read.has('started_at')) {
    const value = read.instant('started_at');
    if (value === null && read.raw('started_at') === null) read.problem('started_at', '', 'missing');
    return value;
  }
  if (!read.has('date')) return null;
  const rawDate = read.raw('date');
  if (rawDate === null) {
    read.problem('date', '', 'missing');
    return null;
  }
  if (!read.has('time')) return read.instant('date');
  return read.instantOf(read.dateTime('date'), read.duration('time') ?? 0);
}

function readAnswered(raw: string): boolean | undefined {
  const status = readCallStatus(raw);
  if (status !== undefined) return status === 'answered';
  const word = raw.trim().toLowerCase();
  if (['y', 'yes', 'true', '1', 'да'].includes(word)) return true;
  if (['n', 'no', 'false', '0', 'нет'].includes(word)) return false;
  return undefined;
}
