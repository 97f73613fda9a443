import type { Ticket } from '../domain/records.js';
import { normaliseChannel } from '../domain/channel.js';
import { readPriority, readTicketStatus } from './code-values.js';
import { FieldReader, type NormaliseContext } from './read-fields.js';
import type { RawRow } from './row-source.js';

/**
 * A tickets row → `Ticket` (SPEC §2, §10). Durations come from the export's own columns, else
 * from the timestamps; a negative one is a data-quality issue and leaves the metric, while the
 * ticket still counts as created.
 */
export function createTicketNormaliser(context: NormaliseContext): (row: RawRow) => Ticket {
  const read = new FieldReader(context);
  return (row) => {
    read.row = row;
    const createdAt = read.instant('created_at');
    if (createdAt === null && read.has('created_at') && read.raw('created_at') === null) {
      read.problem('created_at', '', 'missing');
    }
    const firstResponseAt = read.instant('first_response_at');
    const resolvedAt = read.instant('resolved_at');
    const firstResponseMs = durationOf(read, 'first_response', 'first_response_at', createdAt, firstResponseAt);
    const resolutionMs = durationOf(read, 'resolution', 'resolved_at', createdAt, resolvedAt);
    const rawStatus = read.text('status');
    const status = rawStatus === null ? null : (readTicketStatus(rawStatus) ?? rawStatus.toLowerCase());
    const rawPriority = read.text('priority');
    const rawChannel = read.text('channel');
    return {
      id: read.text('ticket_id'),
      createdAt,
      agent: read.agent('agent'),
      channel: rawChannel === null ? null : normaliseChannel(rawChannel),
      firstResponseAt,
      firstResponseMs,
      resolvedAt,
      resolutionMs,
      status,
      isResolved: resolvedAt !== null || resolutionMs !== null || status === 'resolved' || status === 'closed',
      priority: rawPriority === null ? null : (readPriority(rawPriority) ?? rawPriority.toLowerCase()),
      topic: read.text('topic'),
      customer: read.text('customer'),
      reopens: read.number('reopens'),
      satisfaction: read.number('satisfaction'),
      fcr: read.flag('fcr'),
      location: row.location,
    };
  };
}

function durationOf(
  read: FieldReader,
  durationField: string,
  timestampField: string,
  createdAt: number | null,
  at: number | null,
): number | null {
  let ms = read.duration(durationField);
  let field = durationField;
  if (ms === null && at !== null && createdAt !== null) {
    ms = at - createdAt;
    field = timestampField;
  }
  if (ms !== null && ms < 0) {
    read.problem(field, read.raw(field) ?? '', `negative duration (${timestampField} is before created_at)`);
    return null;
  }
  return ms;
}
