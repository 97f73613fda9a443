/**
 * The QA sample (SPEC §5, §10 "Sample keys"). The pool is the month's answered calls (inbound and
 * outbound) and the month's tickets that have an agent and a first response, narrowed by the
 * filters. Every contact gets the key SHA-256(`seed:kind:id`); each stratum (an agent, or an
 * agent × channel) keeps its N smallest keys, or the whole pool keeps its N smallest with `size`.
 * Keeping the smallest keys is order-free and mergeable, so the same seed draws the same sample
 * whatever the row order or the split into files, in bounded memory (N items per stratum).
 */
import { normaliseChannel, type Channel } from '../domain/channel.js';
import { IssueLog } from '../domain/data-quality.js';
import type { Call, Ticket } from '../domain/records.js';
import type { SourceLocation } from '../domain/source-location.js';
import { sampleKey, type ContactKind } from './sample-key.js';

export const DEFAULT_PER_STRATUM = 5;

export type Stratification = 'agent' | 'agent,channel';

/** A contact already reviewed in an earlier form; a null kind excludes the id of either kind. */
export interface ExcludedContact {
  kind: ContactKind | null;
  contactId: string;
}

export interface SampleFilters {
  kind?: ContactKind;
  /** a channel word, normalised like the exports' (`e-mail` → `email`, calls are `phone`) */
  channel?: string;
  /** an agent name, compared case-insensitively */
  agent?: string;
  /** a topic, compared case-insensitively */
  topic?: string;
  /** calls with less talk time are left out; tickets are not affected */
  minTalkSeconds?: number;
  exclude?: Iterable<ExcludedContact>;
}

export interface SampleSettings {
  seed: string;
  /** the month's instants `[from, to)` */
  period: { from: number; to: number };
  by: Stratification;
  /** contacts per stratum (default 5); ignored when `size` is given */
  perStratum?: number;
  /** N contacts overall instead of N per stratum */
  size?: number;
  filters?: SampleFilters;
}

export interface SampleItem {
  kind: ContactKind;
  contactId: string;
  agent: string;
  channel: Channel | null;
  /** epoch ms of the call's start or the ticket's creation */
  startedAt: number;
  waitMs: number | null;
  talkMs: number | null;
  firstResponseMs: number | null;
  resolutionMs: number | null;
  topic: string | null;
  customer: string | null;
  recordingUrl: string | null;
  key: string;
}

export interface SampleStratum {
  agent: string;
  /** null when strata are agents only (or the ticket export has no channel) */
  channel: Channel | null;
  /** contacts of the pool in this stratum */
  pool: number;
  /** of them in the sample */
  sampled: number;
  /** fewer in the pool than the contacts wanted per stratum: all are in the sample */
  short: boolean;
}

export interface SampleResult {
  items: SampleItem[];
  /** every stratum with a contact in the pool, by agent then channel */
  strata: SampleStratum[];
  /** contacts in the pool */
  pool: number;
  /** how many contacts were wanted: per stratum, or overall with `size` */
  wanted: { perStratum: number } | { size: number };
  /** with `size`: the whole pool is smaller than the size */
  short: boolean;
  /** contacts left out because they have no id (SPEC §10) */
  issues: IssueLog;
}

interface Stratum {
  agent: string;
  channel: Channel | null;
  pool: number;
  /** the smallest keys so far, ascending; at most `cap` */
  best: SampleItem[];
}

/** Selects the sample from calls and tickets streamed in any order; `merge` joins two selections of one month. */
export class SampleSelector {
  private readonly strata = new Map<string, Stratum>();
  /** with `size`: the smallest keys of the whole pool */
  private overall: SampleItem[] = [];
  private poolSize = 0;
  readonly issues = new IssueLog();
  private readonly cap: number;
  private readonly excludedIds = { any: new Set<string>(), call: new Set<string>(), ticket: new Set<string>() };
  private readonly kind: ContactKind | undefined;
  private readonly channel: Channel | undefined;
  private readonly agent: string | undefined;
  private readonly topic: string | undefined;
  private readonly minTalkMs: number | undefined;

  constructor(readonly settings: SampleSettings) {
    this.cap = settings.size ?? settings.perStratum ?? DEFAULT_PER_STRATUM;
    if (!Number.isInteger(this.cap) || this.cap < 1) throw new RangeError(`sample size must be ≥ 1, got ${this.cap}`);
    const filters = settings.filters ?? {};
    for (const { kind, contactId } of filters.exclude ?? []) this.excludedIds[kind ?? 'any'].add(contactId.trim());
    this.kind = filters.kind;
    this.channel = filters.channel === undefined ? undefined : normaliseChannel(filters.channel);
    this.agent = filters.agent === undefined ? undefined : comparable(filters.agent);
    this.topic = filters.topic === undefined ? undefined : comparable(filters.topic);
    this.minTalkMs = filters.minTalkSeconds === undefined ? undefined : filters.minTalkSeconds * 1000;
  }

  /** An answered call of the month with an agent (a row of an aggregated export is not one contact). */
  addCall(call: Call): void {
    if (!call.answered || call.count !== 1 || call.agent === null || !this.inPeriod(call.startedAt)) return;
    if (this.minTalkMs !== undefined && (call.talkMs === null || call.talkMs < this.minTalkMs)) return;
    if (!this.passes('call', call.agent, call.channel, call.topic)) return;
    this.take(call.id, call.location, 'call_id', {
      kind: 'call',
      agent: call.agent,
      channel: call.channel,
      startedAt: call.startedAt!,
      waitMs: call.waitMs,
      talkMs: call.talkMs,
      firstResponseMs: null,
      resolutionMs: null,
      topic: call.topic,
      customer: call.customer,
      recordingUrl: call.recordingUrl,
    });
  }

  /** A ticket created in the month that has an agent and a first response. */
  addTicket(ticket: Ticket): void {
    if (ticket.agent === null || !this.inPeriod(ticket.createdAt)) return;
    if (ticket.firstResponseAt === null && ticket.firstResponseMs === null) return;
    if (!this.passes('ticket', ticket.agent, ticket.channel, ticket.topic)) return;
    this.take(ticket.id, ticket.location, 'ticket_id', {
      kind: 'ticket',
      agent: ticket.agent,
      channel: ticket.channel,
      startedAt: ticket.createdAt!,
      waitMs: null,
      talkMs: null,
      firstResponseMs: ticket.firstResponseMs,
      resolutionMs: ticket.resolutionMs,
      topic: ticket.topic,
      customer: ticket.customer,
      recordingUrl: null,
    });
  }

  /** Adds another selection of the same settings (another file, another worker). */
  merge(other: SampleSelector): void {
    for (const [name, theirs] of other.strata) {
      const mine = this.stratumOf(name, theirs.agent, theirs.channel);
      mine.pool += theirs.pool;
      for (const item of theirs.best) insertBounded(mine.best, item, this.cap);
    }
    for (const item of other.overall) insertBounded(this.overall, item, this.cap);
    this.poolSize += other.poolSize;
    for (const issue of other.issues.examples) this.issues.add(issue);
    this.issues.count += other.issues.count - other.issues.examples.length;
  }

  result(): SampleResult {
    const strata = [...this.strata.values()].sort(compareStrata);
    const bySize = this.settings.size !== undefined;
    const items = (bySize ? [...this.overall] : strata.flatMap((stratum) => stratum.best)).sort(compareItems);
    const sampledIn = new Map<string, number>();
    for (const item of items) {
      const name = this.stratumName(item.agent, item.channel);
      sampledIn.set(name, (sampledIn.get(name) ?? 0) + 1);
    }
    return {
      items,
      strata: strata.map(({ agent, channel, pool }) => ({
        agent,
        channel,
        pool,
        sampled: sampledIn.get(this.stratumName(agent, channel)) ?? 0,
        short: !bySize && pool < this.cap,
      })),
      pool: this.poolSize,
      wanted: bySize ? { size: this.cap } : { perStratum: this.cap },
      short: bySize && this.poolSize < this.cap,
      issues: this.issues,
    };
  }

  private inPeriod(instant: number | null): boolean {
    return instant !== null && instant >= this.settings.period.from && instant < this.settings.period.to;
  }

  private passes(kind: ContactKind, agent: string, channel: Channel | null, topic: string | null): boolean {
    if (this.kind !== undefined && kind !== this.kind) return false;
    if (this.channel !== undefined && channel !== this.channel) return false;
    if (this.agent !== undefined && comparable(agent) !== this.agent) return false;
    if (this.topic !== undefined && (topic === null || comparable(topic) !== this.topic)) return false;
    return true;
  }

  private take(
    rawId: string | null,
    location: SourceLocation,
    field: string,
    fields: Omit<SampleItem, 'contactId' | 'key'>,
  ): void {
    const contactId = rawId?.trim() ?? '';
    if (contactId === '') {
      this.issues.add({ location, field, value: '', problem: 'no id: the contact is left out of the QA sample' });
      return;
    }
    if (this.excludedIds.any.has(contactId) || this.excludedIds[fields.kind].has(contactId)) return;
    const item: SampleItem = { ...fields, contactId, key: sampleKey(this.settings.seed, fields.kind, contactId) };
    this.poolSize += 1;
    const channel = this.settings.by === 'agent,channel' ? fields.channel : null;
    const stratum = this.stratumOf(this.stratumName(fields.agent, channel), fields.agent, channel);
    stratum.pool += 1;
    insertBounded(this.settings.size === undefined ? stratum.best : this.overall, item, this.cap);
  }

  private stratumName(agent: string, channel: Channel | null): string {
    return this.settings.by === 'agent,channel' ? `${agent}\u0000${channel ?? ''}` : agent;
  }

  private stratumOf(name: string, agent: string, channel: Channel | null): Stratum {
    let stratum = this.strata.get(name);
    if (stratum === undefined) {
      stratum = { agent, channel: this.settings.by === 'agent,channel' ? channel : null, pool: 0, best: [] };
      this.strata.set(name, stratum);
    }
    return stratum;
  }
}

/** The sample of a month's calls and tickets in one call (tests, small inputs). */
export function selectSample(
  contacts: { calls?: Iterable<Call>; tickets?: Iterable<Ticket> },
  settings: SampleSettings,
): SampleResult {
  const selector = new SampleSelector(settings);
  for (const call of contacts.calls ?? []) selector.addCall(call);
  for (const ticket of contacts.tickets ?? []) selector.addTicket(ticket);
  return selector.result();
}

/** Keeps `list` the `cap` smallest keys, ascending; a key already there is not added twice. */
function insertBounded(list: SampleItem[], item: SampleItem, cap: number): void {
  if (list.length >= cap && item.key >= list[list.length - 1]!.key) return;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.key < item.key) low = middle + 1;
    else high = middle;
  }
  if (list[low]?.key === item.key) return;
  list.splice(low, 0, item);
  if (list.length > cap) list.pop();
}

function comparable(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

function compareStrata(a: SampleStratum | Stratum, b: SampleStratum | Stratum): number {
  return compareText(a.agent, b.agent) || compareText(a.channel, b.channel);
}

function compareItems(a: SampleItem, b: SampleItem): number {
  return compareText(a.agent, b.agent) || compareText(a.channel, b.channel) || compareText(a.key, b.key);
}
