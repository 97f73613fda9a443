import type { Kind } from './records.js';

/**
 * The canonical input fields of each kind (SPEC §2): what a header maps to, what the config's
 * `columns.<kind>` may name, and what `inspect` shows. `required` lists the alternatives: each
 * inner array is one way to satisfy the requirement (calls: `started_at`, or `date`).
 */
export const KIND_FIELDS = {
  calls: [
    'call_id',
    'started_at',
    'date',
    'time',
    'answered_at',
    'ended_at',
    'agent',
    'direction',
    'status',
    'missed',
    'wait_seconds',
    'talk_seconds',
    'total_seconds',
    'resolved',
    'topic',
    'customer',
    'satisfaction',
    'recording_url',
    'calls_count',
  ],
  tickets: [
    'ticket_id',
    'created_at',
    'agent',
    'channel',
    'first_response_at',
    'first_response',
    'resolved_at',
    'resolution',
    'status',
    'priority',
    'topic',
    'customer',
    'reopens',
    'satisfaction',
    'fcr',
  ],
  surveys: [
    'response_id',
    'answered_at',
    'survey',
    'score',
    'nps',
    'csat',
    'contact_id',
    'agent',
    'channel',
    'customer',
    'comment',
  ],
  customers: ['customer_id', 'churned_at', 'churned', 'manager', 'segment', 'active_since', 'mrr'],
  qa: ['contact_id', 'agent', 'kind', 'channel', 'reviewer', 'reviewed_at', 'comment'],
} as const satisfies Record<Kind, readonly string[]>;

export type FieldOf<K extends Kind> = (typeof KIND_FIELDS)[K][number];
export type Field = FieldOf<Kind>;

/** Each kind's required fields as alternatives: one inner list must be fully present (SPEC §2). */
export const REQUIRED_FIELDS: Record<Kind, readonly (readonly string[])[]> = {
  calls: [['started_at'], ['date']],
  tickets: [['created_at']],
  surveys: [['score'], ['nps'], ['csat']],
  customers: [
    ['customer_id', 'churned_at'],
    ['customer_id', 'churned'],
  ],
  qa: [['contact_id', 'agent']],
};
