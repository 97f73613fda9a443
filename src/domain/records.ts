import type { Channel } from './channel.js';
import type { SourceLocation } from './source-location.js';

/**
 * Typed records: the vocabulary every stage after `ingest/` speaks (STYLE §4.4 rule 7). Header
 * strings never get past ingest. Instants are epoch milliseconds (UTC); calendar dates are
 * `YYYY-MM-DD` in the configured time zone; durations are milliseconds, never rounded (SPEC §10).
 */

export type Kind = 'calls' | 'tickets' | 'surveys' | 'customers' | 'qa';
export const KINDS: readonly Kind[] = ['calls', 'tickets', 'surveys', 'customers', 'qa'];

export type Direction = 'inbound' | 'outbound';
export type CallStatus = 'answered' | 'missed';

export interface Call {
  id: string | null;
  startedAt: number | null;
  agent: string | null;
  channel: Channel;
  direction: Direction;
  /** Answered when the status says so, or (no status) when it has an agent and talk time > 0 (SPEC §10). */
  answered: boolean;
  waitMs: number | null;
  talkMs: number | null;
  /** The first-contact-resolution flag, where the export has one. */
  resolved: boolean | null;
  topic: string | null;
  customer: string | null;
  satisfaction: number | null;
  recordingUrl: string | null;
  /** How many calls the row stands for: 1, or the count column of an aggregated export (SPEC §2). */
  count: number;
  location: SourceLocation;
}

export type TicketStatus = 'open' | 'pending' | 'resolved' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface Ticket {
  id: string | null;
  createdAt: number | null;
  agent: string | null;
  channel: Channel | null;
  firstResponseAt: number | null;
  /** From the export's own duration column, or `firstResponseAt − createdAt`. */
  firstResponseMs: number | null;
  resolvedAt: number | null;
  resolutionMs: number | null;
  /** Known status, or the export's own word lower-cased. */
  status: TicketStatus | (string & {}) | null;
  /** Resolved: a resolution time, or a solved/closed status (SPEC §10). */
  isResolved: boolean;
  priority: Priority | (string & {}) | null;
  topic: string | null;
  customer: string | null;
  reopens: number | null;
  satisfaction: number | null;
  fcr: boolean | null;
  location: SourceLocation;
}

export interface SurveyAnswer {
  id: string | null;
  answeredAt: number | null;
  /** `nps`, `csat`, a custom index named in config, or null when the file does not say (SPEC §10). */
  survey: string | null;
  score: number;
  contactId: string | null;
  agent: string | null;
  channel: Channel | null;
  customer: string | null;
  comment: string | null;
  location: SourceLocation;
}

export interface Customer {
  id: string;
  /** Local calendar dates `YYYY-MM-DD`. */
  activeSince: string | null;
  churnedAt: string | null;
  /** The snapshot churn flag, where the export has one. */
  churned: boolean | null;
  manager: string | null;
  segment: string | null;
  mrr: number | null;
  location: SourceLocation;
}

export interface QaReview {
  contactId: string;
  agent: string | null;
  kind: 'call' | 'ticket' | null;
  channel: Channel | null;
  reviewer: string | null;
  reviewedAt: number | null;
  comment: string | null;
  /** Raw verdicts by criterion id, as written in the form; interpreted by the IQS metric. */
  scores: Record<string, string>;
  location: SourceLocation;
}

export type KindRecord = {
  calls: Call;
  tickets: Ticket;
  surveys: SurveyAnswer;
  customers: Customer;
  qa: QaReview;
};
