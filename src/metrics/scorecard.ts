/**
 * The scorecard engine (SPEC §3, §4, §10): records in, per-month scorecards out, pure. Calls and
 * tickets go straight into the accumulators of their month and groups (overall, agent, channel,
 * agent × channel) and into the contact index. Survey answers and ratings embedded in contacts
 * wait until every file is read, because an answer takes its agent and channel from the contact
 * it rates, a CSAT answer replaces the contact's embedded rating, and a file's scale (NPS 0–10 or
 * CSAT 1–5 / 0–10) is a property of the whole file. Customers wait too: who is active at the start
 * depends on the month asked for. Accumulators are keyed by month, so the default month (the one
 * with most calls and tickets) and a comparison month need no second read.
 */
import type { Channel } from '../domain/channel.js';
import type { DataQualityIssue } from '../domain/data-quality.js';
import type { Month } from '../domain/month.js';
import { busiestMonth, nextMonth } from '../domain/month.js';
import { NameTable } from '../domain/name-table.js';
import { criteriaFor, type QaCriterion } from '../domain/qa-criteria.js';
import type { Call, Customer, QaReview, SurveyAnswer, Ticket } from '../domain/records.js';
import type { SourceLocation } from '../domain/source-location.js';
import { monthPeriod, type ZoneConverter } from '../domain/time-zone.js';
import type { MetricSettings } from './accumulator.js';
import type { BusinessClock } from './business-time.js';
import { CallbackTally, MissedCalls, OutboundCalls, phoneKey } from './callbacks.js';
import { CallsAccumulator, type CallsResult } from './calls.js';
import { ChurnAccumulator } from './churn.js';
import { ContactIndex, contactNumber } from './contact-index.js';
import { CsatAccumulator, type CsatScale, csatScaleRange } from './csat.js';
import { EmbeddedRatings } from './embedded-ratings.js';
import { FcrAccumulator } from './fcr.js';
import { FirstResponseAccumulator, type FirstResponseResult } from './first-response.js';
import { NpsAccumulator } from './nps.js';
import { CustomerColumns } from './customer-columns.js';
import { PendingAnswers } from './pending-answers.js';
import { ResolutionAccumulator, type ResolutionResult } from './resolution.js';
import {
  IndexAccumulator,
  loyaltyOf,
  validateIndexScore,
  type IndexDefinition,
  type IndexResult,
  type LoyaltyResult,
} from './indices.js';
import { computeAgreement, type AgreementResult, type AgreementReview } from './agreement.js';
import { IqsAccumulator, scoreReview, type IqsResult } from './iqs.js';
import { evaluateTarget } from './targets.js';
import { VolumeAccumulator } from './volume.js';

type Bound = { min?: number; max?: number };

export interface ScorecardOptions {
  zone: ZoneConverter;
  minSample: number;
  serviceLevelSeconds: number;
  firstResponseTargetsMinutes: Readonly<Record<string, number>>;
  targets: Readonly<Partial<Record<TargetName, Bound>>>;
  /** `sla.callbackMinutes` (default 30) */
  callbackMinutes: number;
  /** business hours from config: first response and resolution are then in business time (SPEC §3) */
  businessClock?: BusinessClock;
  /** config `indices`: custom loyalty and satisfaction indices by name (SPEC §4.1, §10) */
  indices: Readonly<Record<string, IndexDefinition>>;
  /** config `scorecard.loyalty`: the index in the scorecard's first slot (default `nps`) */
  loyalty: string;
  /** the QA form's criteria (config `qa.criteria`, or the seeds' defaults) */
  criteria: readonly QaCriterion[];
  /**
   * Whether `build` may hand out answers (`keepAnswer`); false keeps less of each answer while
   * reading (`PendingAnswers`), and `build` then must keep none. Default true.
   */
  keepsAnswers?: boolean;
}

/** Data-quality problems found while scoring: a score outside its scale, an answer without a month. */
export type IssueSink = (issue: DataQualityIssue) => void;

export type TargetName = 'nps' | 'csat' | 'firstResponseSla' | 'iqs' | 'churn' | 'serviceLevel';

export interface Scorecard {
  volume: ReturnType<VolumeAccumulator['result']>;
  nps: ReturnType<NpsAccumulator['result']>;
  csat: ReturnType<CsatAccumulator['result']>;
  firstResponse: WithCalendar<FirstResponseResult> | null;
  resolution: WithCalendar<ResolutionResult> | null;
  calls: ReturnType<CallsAccumulator['result']>;
  churn: ReturnType<ChurnAccumulator['result']>;
  iqs: IqsResult | null;
  fcr: ReturnType<FcrAccumulator['result']>;
  loyalty: LoyaltyResult | null;
  indices: Record<string, IndexResult | null>;
  targets: Partial<Record<TargetName, 'met' | 'missed' | null>>;
}

/** With business hours, a time block also carries its calendar-time twin (SPEC §3, §7). */
export type WithCalendar<T> = T & { calendar?: T | null };

export interface MonthScorecards {
  month: Month;
  from: number;
  to: number;
  overall: Scorecard;
  byAgent: ({ agent: string } & Scorecard)[];
  byChannel: ({ channel: string } & Scorecard)[];
  byAgentChannel: ({ agent: string; channel: string } & Scorecard)[];
  bySegment: { segment: string; churn: Scorecard['churn'] }[];
  /** the month's survey answers as scored (for follow-ups); not part of the JSON contract */
  answers: RatedAnswer[];
  /** reviewer agreement over the month's QA reviews, null without two reviewers of one contact */
  agreement: AgreementResult | null;
  /** the QA form files the month's reviews came from */
  qaForms: string[];
}

/** The accumulators of one group (overall, one agent, one channel, one agent × channel). */
class Group {
  readonly volume = new VolumeAccumulator();
  readonly nps: NpsAccumulator;
  readonly csat: CsatAccumulator;
  readonly firstResponse: FirstResponseAccumulator;
  readonly resolution: ResolutionAccumulator;
  /** calendar-time twins, only with business hours */
  readonly calendar: { firstResponse: FirstResponseAccumulator; resolution: ResolutionAccumulator } | null;
  readonly calls: CallsAccumulator;
  readonly callbacks = new CallbackTally();
  readonly fcr: FcrAccumulator;
  readonly indices = new Map<string, IndexAccumulator>();
  readonly iqs: IqsAccumulator;
  churn: ChurnAccumulator | null = null;

  /** `keepsDurations`: see `MonthGroups` (only the finest groups keep the tickets' durations). */
  constructor(
    readonly settings: MetricSettings,
    calendarSettings: MetricSettings | null,
    keepsDurations: boolean,
  ) {
    this.nps = new NpsAccumulator(settings);
    this.csat = new CsatAccumulator(settings);
    this.firstResponse = new FirstResponseAccumulator(settings, keepsDurations);
    this.resolution = new ResolutionAccumulator(settings, keepsDurations);
    this.calendar = calendarSettings && {
      firstResponse: new FirstResponseAccumulator(calendarSettings, keepsDurations),
      resolution: new ResolutionAccumulator(calendarSettings, keepsDurations),
    };
    this.calls = new CallsAccumulator(settings);
    this.fcr = new FcrAccumulator(settings);
    this.iqs = new IqsAccumulator(settings);
  }

  addTicket(ticket: Ticket, businessTicket: Ticket): void {
    this.firstResponse.add(businessTicket);
    this.resolution.add(businessTicket);
    this.calendar?.firstResponse.add(ticket);
    this.calendar?.resolution.add(ticket);
  }

  /** For a group that keeps no durations: the groups that hold them, which together had its tickets. */
  drawDurationsFrom(parts: readonly Group[]): void {
    this.firstResponse.drawDurationsFrom(parts.map((part) => part.firstResponse));
    this.resolution.drawDurationsFrom(parts.map((part) => part.resolution));
    if (this.calendar !== null) {
      this.calendar.firstResponse.drawDurationsFrom(parts.map((part) => part.calendar!.firstResponse));
      this.calendar.resolution.drawDurationsFrom(parts.map((part) => part.calendar!.resolution));
    }
  }

  index(name: string, definition: IndexDefinition): IndexAccumulator {
    let accumulator = this.indices.get(name);
    if (accumulator === undefined) {
      accumulator = new IndexAccumulator(definition, this.settings);
      this.indices.set(name, accumulator);
    }
    return accumulator;
  }

  churnAccumulator(): ChurnAccumulator {
    return (this.churn ??= new ChurnAccumulator(this.settings));
  }
}

/** An agent × channel group's key (split again for the output). */
function pairKey(agent: string, channel: string): string {
  return `${agent}\u0000${channel}`;
}

/** The group holding the durations of the tickets of one agent (or none) in one channel (or none). */
interface DurationLeaf {
  agent: string | null;
  channel: string | null;
  group: Group;
}

/**
 * Every group of one month. A ticket's durations (first response, resolution: kept for exact
 * percentiles) are kept once, in a group of its exact agent and channel (either may be null)
 * that is never shown, and the groups shown — overall, agent, channel, agent × channel — count
 * and sum them and draw them from those when scored (`drawDurations`): a quarter of the memory
 * (the 1M month: −10 MB), the same figures. The leaves are keyed by the names themselves, not by
 * the agent × channel key, which two pairs can share when a name holds U+0000.
 */
class MonthGroups {
  readonly overall: Group;
  readonly byAgent = new Map<string, Group>();
  readonly byChannel = new Map<string, Group>();
  readonly byAgentChannel = new Map<string, Group>();
  readonly bySegment = new Map<string, Group>();
  private readonly leaves: DurationLeaf[] = [];
  /** the leaves by agent, then channel */
  private readonly leafByPair = new Map<string | null, Map<string | null, Group>>();

  constructor(
    readonly settings: MetricSettings,
    readonly calendarSettings: MetricSettings | null,
  ) {
    this.overall = new Group(settings, calendarSettings, false);
  }

  /** The group that keeps the durations of the tickets of this agent and channel. */
  ticketLeaf(agent: string | null, channel: string | null): Group {
    let byChannel = this.leafByPair.get(agent);
    if (byChannel === undefined) {
      byChannel = new Map();
      this.leafByPair.set(agent, byChannel);
    }
    let group = byChannel.get(channel);
    if (group === undefined) {
      group = new Group(this.settings, this.calendarSettings, true);
      byChannel.set(channel, group);
      this.leaves.push({ agent, channel, group });
    }
    return group;
  }

  /** Points every group shown at the leaves holding its tickets' durations. */
  drawDurations(): void {
    const byAgent = new Map<string, Group[]>();
    const byChannel = new Map<string, Group[]>();
    const byPair = new Map<string, Group[]>();
    const add = (map: Map<string, Group[]>, key: string, group: Group) => {
      const list = map.get(key);
      if (list === undefined) map.set(key, [group]);
      else list.push(group);
    };
    for (const { agent, channel, group } of this.leaves) {
      if (agent !== null) add(byAgent, agent, group);
      if (channel !== null) add(byChannel, channel, group);
      if (agent !== null && channel !== null) add(byPair, pairKey(agent, channel), group);
    }
    this.overall.drawDurationsFrom(this.leaves.map((leaf) => leaf.group));
    for (const [agent, group] of this.byAgent) group.drawDurationsFrom(byAgent.get(agent) ?? []);
    for (const [channel, group] of this.byChannel) group.drawDurationsFrom(byChannel.get(channel) ?? []);
    for (const [key, group] of this.byAgentChannel) group.drawDurationsFrom(byPair.get(key) ?? []);
    for (const group of this.bySegment.values()) group.drawDurationsFrom([]);
  }

  /** agent → channel → the groups they count in, so a row costs two lookups and no allocation */
  private readonly groupLists = new Map<string | null, Map<string | null, readonly Group[]>>();

  /** The groups a contact or answer of this agent and channel counts in. */
  groupsOf(agent: string | null, channel: string | null): readonly Group[] {
    let byChannel = this.groupLists.get(agent);
    if (byChannel === undefined) {
      byChannel = new Map();
      this.groupLists.set(agent, byChannel);
    }
    let groups = byChannel.get(channel);
    if (groups === undefined) {
      const list = [this.overall];
      if (agent !== null) list.push(this.get(this.byAgent, agent));
      if (channel !== null) list.push(this.get(this.byChannel, channel));
      if (agent !== null && channel !== null) list.push(this.get(this.byAgentChannel, pairKey(agent, channel)));
      groups = list;
      byChannel.set(channel, groups);
    }
    return groups;
  }

  /** A group shown (it keeps no durations). */
  get(map: Map<string, Group>, key: string): Group {
    let group = map.get(key);
    if (group === undefined) {
      group = new Group(this.settings, this.calendarSettings, false);
      map.set(key, group);
    }
    return group;
  }
}

/** A survey answer of the month, attributed, its survey and scale decided, validated (`valid`). */
export interface RatedAnswer {
  id: string | null;
  score: number;
  /** the month it was given in, null when undated */
  month: Month | null;
  /** the contact it rates; a CSAT answer replaces the rating embedded in that contact */
  contactId: string | null;
  location: SourceLocation;
  answeredAt: number | null;
  customer: string | null;
  comment: string | null;
  /** `nps`, `csat`, or a config index name as config spells it */
  survey: string;
  /** the answer's own agent and channel, else those of the contact it rates */
  agent: string | null;
  channel: Channel | null;
  /** the topic of the contact it rates, where known */
  topic: string | null;
  /** the scale the score was judged on (shared, never changed in place) */
  scale: readonly [number, number];
  valid: boolean;
}

/** What a caller's choice of answers to keep looks at (a follow-up's test, `needsFollowup`). */
export type AnswerVerdict = Pick<RatedAnswer, 'survey' | 'score' | 'scale' | 'valid'>;

/** What resolving a month's answers tells its caller, besides the answers it keeps. */
interface MonthHandlers {
  /** a CSAT rating that counts: a valid CSAT answer, or an embedded rating no CSAT answer replaced */
  rating?(score: number, scale: CsatScale, agent: string | null, channel: Channel | null): void;
  /** every answer of the month, resolved and judged, in the order read */
  answer?(survey: string, score: number, valid: boolean, agent: string | null, channel: Channel | null): void;
  /** which answers to hand out as `RatedAnswer`s (default: all) */
  keep?(answer: AnswerVerdict): boolean;
}

/** The NPS scale, one tuple for every answer on it (not an array per answer). */
const SCALE_0_10: readonly [number, number] = Object.freeze([0, 10] as const);

/** Scores above 5 in at least this share of a file's CSAT ratings (and at least two) make it a 10-point scale. */
const TEN_POINT_SHARE = 0.05;

export class ScorecardBuilder {
  readonly contacts = new ContactIndex();
  /** Give these to `ingest` (`IngestOptions.ids`) and pass the id numbers to addCall/addTicket: ids are then hashed once. */
  readonly contactIds = this.contacts.ids;
  private readonly months = new Map<Month, MonthGroups>();
  private readonly contactsPerMonth = new Map<Month, number>();
  private readonly answers: PendingAnswers;
  private readonly embedded = new EmbeddedRatings();
  private readonly customers = new CustomerColumns();
  private readonly reviews: QaReview[] = [];
  private readonly outbound = new OutboundCalls();
  private readonly missed = new MissedCalls();

  /** lower-cased index name → the name as config spells it */
  private readonly indexNames: Map<string, string>;

  constructor(private readonly options: ScorecardOptions) {
    this.answers = new PendingAnswers(options.keepsAnswers ?? true);
    this.indexNames = new Map(Object.keys(options.indices).map((name) => [name.toLowerCase(), name]));
  }

  /** The ticket with its durations measured in business time, when config sets business hours. */
  private inBusinessTime(ticket: Ticket): Ticket {
    const clock = this.options.businessClock;
    if (clock === undefined || ticket.createdAt === null) return ticket;
    const measure = (at: number | null, calendarMs: number | null) =>
      at !== null && calendarMs !== null ? clock.elapsedMs(ticket.createdAt!, at) : calendarMs;
    return {
      ...ticket,
      firstResponseMs: measure(ticket.firstResponseAt, ticket.firstResponseMs),
      resolutionMs: measure(ticket.resolvedAt, ticket.resolutionMs),
    };
  }

  /** `idNumber`: the call id's number in `contactIds.calls` when ingest was given those tables. */
  addCall(call: Call, idNumber?: number): void {
    const month = call.startedAt === null ? null : this.monthOf(call.startedAt);
    let contact = -1;
    if (call.id !== null) {
      const number = this.contacts.add(
        call.id,
        { kind: 'call', agent: call.agent, channel: call.channel, month, topic: call.topic },
        idNumber,
      );
      contact = contactNumber('call', number);
    }
    if (call.startedAt === null || month === null) return;
    const numberKey = call.count === 1 ? phoneKey(call.customer) : null;
    if (numberKey !== null && call.direction === 'outbound') this.outbound.add(numberKey, call.startedAt);
    if (numberKey !== null && call.direction === 'inbound' && !call.answered) {
      this.missed.add(numberKey, call.startedAt, month, call.agent, call.channel);
    }
    this.contactsPerMonth.set(month, (this.contactsPerMonth.get(month) ?? 0) + call.count);
    const groups = this.monthGroups(month);
    // A missed call usually names nobody: it then counts overall and per channel only (SPEC §10).
    for (const group of groups.groupsOf(call.agent, call.channel)) {
      group.volume.addCalls(call.count);
      group.calls.add(call);
      group.fcr.add(call.resolved, call.count);
    }
    if (call.satisfaction !== null)
      this.embedded.add(call.satisfaction, contact, call.agent, call.channel, month, call.location);
  }

  /** `idNumber`: the ticket id's number in `contactIds.tickets` when ingest was given those tables. */
  addTicket(ticket: Ticket, idNumber?: number): void {
    const month = ticket.createdAt === null ? null : this.monthOf(ticket.createdAt);
    let contact = -1;
    if (ticket.id !== null) {
      const number = this.contacts.add(
        ticket.id,
        { kind: 'ticket', agent: ticket.agent, channel: ticket.channel, month, topic: ticket.topic },
        idNumber,
      );
      contact = contactNumber('ticket', number);
    }
    if (month === null) return;
    this.contactsPerMonth.set(month, (this.contactsPerMonth.get(month) ?? 0) + 1);
    const businessTicket = this.inBusinessTime(ticket);
    const groups = this.monthGroups(month);
    for (const group of groups.groupsOf(ticket.agent, ticket.channel)) {
      group.volume.addTicket();
      group.addTicket(ticket, businessTicket);
      group.fcr.add(ticket.fcr, 1);
    }
    groups.ticketLeaf(ticket.agent, ticket.channel).addTicket(ticket, businessTicket);
    if (ticket.satisfaction !== null) {
      this.embedded.add(ticket.satisfaction, contact, ticket.agent, ticket.channel, month, ticket.location);
    }
  }

  addAnswer(answer: SurveyAnswer): void {
    this.answers.add(answer, answer.answeredAt === null ? null : this.monthOf(answer.answeredAt));
  }

  addCustomer(customer: Customer): void {
    this.customers.add(customer);
  }

  addReview(review: QaReview): void {
    this.reviews.push(review);
  }

  /**
   * The default month (SPEC §3): the month holding most calls and tickets, else survey answers,
   * else churn dates; a tie goes to the later month. Null when nothing is dated.
   */
  defaultMonth(): Month | null {
    const answerMonths = new Map<Month, number>();
    for (let i = 0; i < this.answers.size; i++) {
      const month = this.answers.month(i);
      if (month !== null) answerMonths.set(month, (answerMonths.get(month) ?? 0) + 1);
    }
    const churnMonths = new Map<Month, number>();
    for (let i = 0; i < this.customers.size; i++) {
      const churnedAt = this.customers.churnedAtOf(i);
      if (churnedAt) {
        const month = churnedAt.slice(0, 7) as Month;
        churnMonths.set(month, (churnMonths.get(month) ?? 0) + 1);
      }
    }
    return busiestMonth(this.contactsPerMonth) ?? busiestMonth(answerMonths) ?? busiestMonth(churnMonths);
  }

  /**
   * The scorecards of one month; call it once per month. `snapshotFiles` are the survey and
   * customer files without a date column: their answers and customers belong to this month (SPEC §2).
   * `keepAnswer` chooses the answers the result lists (default: all of the month's).
   */
  build(
    month: Month,
    snapshotFiles: ReadonlySet<string>,
    onIssue: IssueSink,
    {
      snapshotsBelong = true,
      keepAnswer,
    }: { snapshotsBelong?: boolean; keepAnswer?: (answer: AnswerVerdict) => boolean } = {},
  ): MonthScorecards {
    this.onIssue = onIssue;
    // A comparison month (`--compare`) is not the month the snapshot files describe.
    this.reportedMonth = snapshotsBelong ? month : null;
    const groups = this.monthGroups(month);
    const answers = this.scoreAnswers(month, groups, snapshotFiles, keepAnswer);
    const qa = this.scoreReviews(month, groups);
    const windowMs = this.options.callbackMinutes * 60_000;
    const missed = this.missed;
    for (let i = 0; i < missed.size; i++) {
      if (missed.month(i) !== month) continue;
      const calledBack = this.outbound.calledBack(missed.numberKey(i), missed.startedAt(i), windowMs);
      for (const group of groups.groupsOf(missed.agent(i), missed.channel(i))) group.callbacks.add(calledBack);
    }
    for (let i = 0; i < this.customers.size; i++) {
      if (!snapshotsBelong && snapshotFiles.has(this.customers.fileOf(i))) continue;
      const customer = this.customers.get(i);
      const targets = [groups.overall];
      if (customer.manager !== null) targets.push(groups.get(groups.byAgent, customer.manager));
      if (customer.segment !== null) targets.push(groups.get(groups.bySegment, customer.segment));
      for (const group of targets) group.churnAccumulator().add(customer);
    }
    groups.drawDurations();
    const scorecard = (group: Group) => this.scorecardOf(group);
    const sorted = <T>(map: Map<string, Group>, make: (key: string, group: Group) => T) =>
      [...map.entries()].sort(([a], [b]) => compareText(a, b)).map(([key, group]) => make(key, group));
    return {
      month,
      from: groups.settings.from,
      to: groups.settings.to,
      overall: scorecard(groups.overall),
      byAgent: sorted(groups.byAgent, (agent, group) => ({ agent, ...scorecard(group) })),
      byChannel: sorted(groups.byChannel, (channel, group) => ({ channel, ...scorecard(group) })),
      byAgentChannel: sorted(groups.byAgentChannel, (key, group) => {
        const [agent, channel] = key.split('\u0000') as [string, string];
        return { agent, channel, ...scorecard(group) };
      }),
      bySegment: sorted(groups.bySegment, (segment, group) => ({ segment, churn: group.churn?.result() ?? null })),
      answers,
      agreement: qa.agreement,
      qaForms: qa.forms,
    };
  }

  private scorecardOf(group: Group): Scorecard {
    const card: Scorecard = {
      volume: group.volume.result(),
      nps: group.nps.result(),
      csat: group.csat.result(),
      firstResponse: withCalendar(group.firstResponse.result(), group.calendar?.firstResponse.result()),
      resolution: withCalendar(group.resolution.result(), group.calendar?.resolution.result()),
      calls: withCallbacks(group.calls.result(), group.callbacks),
      churn: group.churn?.result() ?? null,
      iqs: group.iqs.result(),
      fcr: group.fcr.result(),
      loyalty: null,
      indices: {},
      targets: {},
    };
    for (const [name, definition] of Object.entries(this.options.indices)) {
      card.indices[name] = group.index(name, definition).result();
    }
    card.loyalty = loyaltyOf(this.options.loyalty, card.indices, card.nps);
    const values: Record<TargetName, number | null> = {
      // "the `nps` target applies to" the loyalty index (SPEC §10 "Custom indices")
      nps: card.loyalty?.score ?? null,
      csat: card.csat?.percent ?? null,
      firstResponseSla: card.firstResponse?.slaPercent ?? null,
      iqs: card.iqs?.score ?? null,
      churn: card.churn?.percent ?? null,
      serviceLevel: card.calls?.serviceLevelPercent ?? null,
    };
    for (const [name, bound] of Object.entries(this.options.targets) as [TargetName, Bound][]) {
      card.targets[name] = evaluateTarget(values[name], bound);
    }
    return card;
  }

  /**
   * The month's QA reviews (SPEC §4.5, §10 "IQS"): a review counts in the month of the contact it
   * reviews and for that contact's agent and channel (the form's own agent and channel when the
   * contact is not in the inputs); a review of a contact of another month, or of an agent with no
   * contact in the month, is a data-quality issue and does not count. Each review is scored on
   * the criteria that apply to its channel; every review counts (two reviewers, two reviews).
   */
  private scoreReviews(month: Month, groups: MonthGroups): { agreement: AgreementResult | null; forms: string[] } {
    const agreementReviews: AgreementReview[] = [];
    const forms = new Set<string>();
    const issue = (review: QaReview, field: string, value: string, problem: string) =>
      this.onIssue({ location: review.location, field, value, problem });
    for (const review of this.reviews) {
      const contact = this.contacts.get(review.contactId);
      const contactMonth = contact?.month ?? null;
      const agent = contact?.agent ?? review.agent;
      const channel = contact?.channel ?? review.channel;
      if (contactMonth !== null && contactMonth !== month) {
        if (contactMonth !== null && !this.reportedOtherMonth.has(review)) {
          this.reportedOtherMonth.add(review);
          issue(
            review,
            'contact_id',
            review.contactId,
            `reviews a contact of ${contactMonth}, not of ${month}; left out`,
          );
        }
        continue;
      }
      if (contact === undefined && (agent === null || !groups.byAgent.has(agent))) {
        issue(
          review,
          'agent',
          review.agent ?? '',
          'reviews a contact not in the inputs, by an agent with no contact this month; left out',
        );
        continue;
      }
      forms.add(review.location.file);
      const criteria = criteriaFor(channel, this.options.criteria);
      const scored = scoreReview(review.scores, criteria);
      for (const problem of scored.problems) issue(review, problem.criterion, problem.value, problem.problem);
      agreementReviews.push({
        contactId: review.contactId,
        reviewer: review.reviewer,
        score: scored.score,
        verdicts: scored.verdicts,
      });
      if (scored.score === null) continue;
      const scales = Object.fromEntries(criteria.map((criterion) => [criterion.id, criterion.scale]));
      for (const group of groups.groupsOf(agent, channel)) {
        group.iqs.add({ score: scored.score, criticalFail: scored.criticalFail, verdicts: scored.verdicts, scales });
      }
    }
    return { agreement: computeAgreement(agreementReviews), forms: [...forms] };
  }

  private readonly reportedOtherMonth = new WeakSet<QaReview>();

  /** Attributes, validates and adds the month's survey answers and embedded ratings; the kept answers. */
  private scoreAnswers(
    month: Month,
    groups: MonthGroups,
    snapshotFiles: ReadonlySet<string>,
    keep: ((answer: AnswerVerdict) => boolean) | undefined,
  ): RatedAnswer[] {
    return this.resolveMonth(month, snapshotFiles, {
      rating: (score, scale, agent, channel) => {
        for (const group of groups.groupsOf(agent, channel)) group.csat.add(score, scale);
      },
      answer: (survey, score, valid, agent, channel) => {
        const answerGroups = groups.groupsOf(agent, channel);
        for (const group of answerGroups) group.volume.addSurvey();
        if (!valid) return;
        if (survey === 'nps') for (const group of answerGroups) group.nps.add(score);
        else if (survey !== 'csat') {
          const definition = this.options.indices[survey]!;
          for (const group of answerGroups) group.index(survey, definition).add(score);
        }
      },
      keep,
    });
  }

  /**
   * The month's survey answers, attributed (agent and channel from the contact they rate when the
   * answer has none), their survey kind and scale decided, and validated; those `keep` chooses
   * (default: all). Problems go to the issue sink. For follow-ups: call it instead of `build`, not
   * besides it.
   */
  ratedAnswers(
    month: Month,
    snapshotFiles: ReadonlySet<string>,
    onIssue: IssueSink,
    keep?: (answer: AnswerVerdict) => boolean,
  ): RatedAnswer[] {
    this.onIssue = onIssue;
    this.reportedMonth = month;
    return this.resolveMonth(month, snapshotFiles, { keep });
  }

  /**
   * The month's answers resolved: each CSAT rating that counts goes to `handlers.rating` (once
   * the answers are resolved: a rating's scale depends on its whole file), then every answer to
   * `handlers.answer`; a `RatedAnswer` is made only for the answers `handlers.keep` chooses.
   */
  private resolveMonth(month: Month, snapshotFiles: ReadonlySet<string>, handlers: MonthHandlers): RatedAnswer[] {
    const kinds = this.surveyKindsByFile();
    const pending = this.answers;
    // The month's answers, as their numbers in `pending`, and what resolving decides for each, in
    // typed arrays sized once (a month's worth of JS arrays grew through the large-object space).
    const numbers = new Int32Array(pending.size);
    let count = 0;
    const names = new NameTable(); // surveys, agents and channels as resolved
    const surveys = new Uint32Array(pending.size);
    const agents = new Uint32Array(pending.size);
    const channels = new Uint32Array(pending.size);
    const scaleList: (readonly [number, number])[] = [SCALE_0_10];
    const scaleNumbers = new Map(scaleList.map((scale, number) => [scale, number]));
    const scales = new Uint32Array(pending.size); // numbers in scaleList
    const setScale = (at: number, scale: readonly [number, number]) => {
      let number = scaleNumbers.get(scale);
      if (number === undefined) {
        number = scaleList.push(scale) - 1;
        scaleNumbers.set(scale, number);
      }
      scales[at] = number;
    };
    const valid = new Uint8Array(pending.size);
    /** positions in those lists of the CSAT answers */
    const csat = new Int32Array(pending.size);
    let csatCount = 0;
    // The contacts CSAT answers rate, as `contactNumber`s: their embedded ratings do not count.
    const ratedByCsatAnswer = new Set<number>();
    const { calls: callIds, tickets: ticketIds } = this.contacts.ids;
    for (let i = 0; i < pending.size; i++) {
      const contactId = pending.contactId(i);
      // the rated contact's id numbers, looked up once for both uses below
      const call = contactId === null ? -1 : callIds.find(contactId);
      const ticket = contactId === null ? -1 : ticketIds.find(contactId);
      const rawSurvey = pending.survey(i) ?? kinds.get(pending.file(i)) ?? 'csat';
      if (rawSurvey === 'csat' && this.embedded.size > 0) {
        if (call >= 0) ratedByCsatAnswer.add(contactNumber('call', call));
        if (ticket >= 0) ratedByCsatAnswer.add(contactNumber('ticket', ticket));
      }
      if (this.answerMonth(i, snapshotFiles) !== month) continue;
      const contact = this.contacts.getByNumbers(call, ticket);
      const survey = this.indexNames.get(rawSurvey) ?? rawSurvey;
      const score = pending.score(i);
      const at = count++;
      numbers[at] = i;
      surveys[at] = names.number(survey);
      agents[at] = names.number(pending.agent(i) ?? contact?.agent ?? null);
      channels[at] = names.number(pending.channel(i) ?? contact?.channel ?? null);
      if (survey === 'nps') valid[at] = this.isValidScore(score, 0, 10, 'NPS', () => pending.location(i)) ? 1 : 0;
      else if (survey === 'csat') csat[csatCount++] = at;
      else if (this.options.indices[survey] !== undefined) {
        const definition = this.options.indices[survey]!;
        setScale(at, definition.scale);
        const problem = validateIndexScore(score, definition);
        valid[at] = problem === null ? 1 : 0;
        if (problem !== null) {
          this.onIssue({
            location: pending.location(i),
            field: 'score',
            value: String(score),
            problem: `${survey} score ${problem}; answer left out`,
          });
        }
      } else {
        this.onIssue({
          location: pending.location(i),
          field: 'survey',
          value: survey,
          problem: 'not a survey kind cs-kpi knows (nps, csat, or an index named in config); answer left out',
        });
      }
    }
    // "Only a CSAT answer replaces a contact's embedded rating, whatever month it was given in" (SPEC §10).
    const embedded = this.embedded;
    const embeddedOfMonth: number[] = [];
    for (let i = 0; i < embedded.size; i++) {
      if (embedded.month(i) !== month) continue;
      const contact = embedded.contact(i);
      if (contact >= 0 && ratedByCsatAnswer.has(contact)) continue;
      embeddedOfMonth.push(i);
    }
    const votes = new CsatScaleVotes();
    for (let k = 0; k < csatCount; k++) votes.add(pending.file(numbers[csat[k]!]!), pending.score(numbers[csat[k]!]!));
    for (const i of embeddedOfMonth) votes.add(embedded.file(i), embedded.score(i));
    for (let k = 0; k < csatCount; k++) {
      const at = csat[k]!;
      const i = numbers[at]!;
      const scale = votes.scaleOf(pending.file(i));
      const range = csatScaleRange(scale); // one shared tuple per scale
      setScale(at, range);
      const score = pending.score(i);
      if (!this.isValidScore(score, range[0], range[1], 'CSAT', () => pending.location(i))) continue;
      valid[at] = 1;
      handlers.rating?.(score, scale, names.name(agents[at]!), names.name(channels[at]!));
    }
    for (const i of embeddedOfMonth) {
      const scale = votes.scaleOf(embedded.file(i));
      const range = csatScaleRange(scale);
      const score = embedded.score(i);
      if (!this.isValidScore(score, range[0], range[1], 'CSAT', () => embedded.location(i))) continue;
      handlers.rating?.(score, scale, embedded.agent(i), embedded.channel(i));
    }
    const kept: RatedAnswer[] = [];
    // One verdict object, refilled per answer: the keep test makes no object per answer.
    const verdict: AnswerVerdict = { survey: '', score: 0, scale: SCALE_0_10, valid: false };
    for (let at = 0; at < count; at++) {
      const i = numbers[at]!;
      const score = pending.score(i);
      const survey = names.name(surveys[at]!)!;
      const agent = names.name(agents[at]!);
      const channel = names.name(channels[at]!);
      const scale = scaleList[scales[at]!]!;
      const isValid = valid[at] === 1;
      handlers.answer?.(survey, score, isValid, agent, channel);
      if (handlers.keep !== undefined) {
        verdict.survey = survey;
        verdict.score = score;
        verdict.scale = scale;
        verdict.valid = isValid;
        if (!handlers.keep(verdict)) continue;
      }
      const contactId = pending.contactId(i);
      kept.push({
        id: pending.id(i),
        score,
        month: pending.month(i),
        contactId,
        location: pending.location(i),
        answeredAt: pending.answeredAt(i),
        customer: pending.customer(i),
        comment: pending.comment(i),
        survey,
        agent,
        channel,
        topic: contactId === null ? null : (this.contacts.get(contactId)?.topic ?? null),
        scale,
        valid: isValid,
      });
    }
    return kept;
  }

  /** SPEC §10: the month it was given in; a snapshot file's answers are the reported month's; an undated answer in a dated file takes its contact's month. */
  private answerMonth(i: number, snapshotFiles: ReadonlySet<string>): Month | null {
    const pending = this.answers;
    const month = pending.month(i);
    if (month !== null) return month;
    if (snapshotFiles.has(pending.file(i))) return this.reportedMonth;
    const contactId = pending.contactId(i);
    const contact = contactId === null ? undefined : this.contacts.get(contactId);
    if (contact?.month != null) return contact.month;
    if (!this.reportedUndated.has(i)) {
      this.reportedUndated.add(i);
      this.onIssue({
        location: pending.location(i),
        field: 'answered_at',
        value: '',
        problem: 'an answer without a date, rating no known contact; left out',
      });
    }
    return null;
  }

  /** the answers (their numbers) reported as undated already: once per run, not once per month asked */
  private readonly reportedUndated = new Set<number>();
  private reportedMonth: Month | null = null;
  private onIssue: IssueSink = () => undefined;

  /** Without a survey column, a file whose scores reach above 5 is NPS, otherwise CSAT (SPEC §10). */
  private surveyKindsByFile(): Map<string, 'nps' | 'csat'> {
    const max = new Map<string, number>();
    const pending = this.answers;
    for (let i = 0; i < pending.size; i++) {
      if (pending.survey(i) !== null) continue;
      const file = pending.file(i);
      max.set(file, Math.max(max.get(file) ?? -Infinity, pending.score(i)));
    }
    return new Map([...max].map(([file, top]) => [file, top > 5 ? 'nps' : 'csat']));
  }

  private isValidScore(score: number, min: number, max: number, name: string, locate: () => SourceLocation): boolean {
    if (score >= min && score <= max && Number.isInteger(score)) return true;
    this.onIssue({
      location: locate(),
      field: 'score',
      value: String(score),
      problem: Number.isInteger(score)
        ? `${name} score outside its ${min}–${max} scale; answer left out`
        : `${name} score is not a whole number on its ${min}–${max} scale; answer left out`,
    });
    return false;
  }

  /** The local month of an instant; the last month's bounds are kept, since most rows share a month. */
  private monthOf(instant: number): Month {
    const cached = this.lastMonth;
    if (cached !== null && instant >= cached.from && instant < cached.to) return cached.month;
    const month = this.options.zone.localDate(instant).slice(0, 7) as Month;
    this.lastMonth = { month, ...monthPeriod(month, this.options.zone) };
    return month;
  }

  private lastMonth: { month: Month; from: number; to: number } | null = null;

  private monthGroups(month: Month): MonthGroups {
    let groups = this.months.get(month);
    if (groups === undefined) {
      const { from, to } = monthPeriod(month, this.options.zone);
      const settings: MetricSettings = {
        from,
        to,
        firstDay: `${month}-01`,
        nextMonthFirstDay: `${nextMonth(month)}-01`,
        minSample: this.options.minSample,
        serviceLevelSeconds: this.options.serviceLevelSeconds,
        firstResponseTargetsMinutes: this.options.firstResponseTargetsMinutes,
      };
      const clock = this.options.businessClock;
      groups = clock
        ? new MonthGroups({ ...settings, elapsedMs: (a, b) => clock.elapsedMs(a, b) }, settings)
        : new MonthGroups(settings, null);
      this.months.set(month, groups);
    }
    return groups;
  }
}

/**
 * CSAT is 1–5 unless a file's ratings are on a 10-point scale: then 0–10 when a 0 occurs, else
 * 1–10 (SPEC §4.4). A stray 7 in a 1–5 file is an out-of-scale issue, not a change of scale.
 */
class CsatScaleVotes {
  private readonly stats = new Map<string, { n: number; above5: number; zero: boolean }>();

  add(file: string, score: number): void {
    let entry = this.stats.get(file);
    if (entry === undefined) {
      entry = { n: 0, above5: 0, zero: false };
      this.stats.set(file, entry);
    }
    entry.n += 1;
    if (score > 5) entry.above5 += 1;
    if (score === 0) entry.zero = true;
  }

  scaleOf(file: string): CsatScale {
    const entry = this.stats.get(file);
    if (entry === undefined) return '1-5';
    const tenPoint = entry.above5 >= Math.max(2, entry.n * TEN_POINT_SHARE);
    return tenPoint ? (entry.zero ? '0-10' : '1-10') : '1-5';
  }
}

function withCalendar<T extends object>(business: T | null, calendar: T | null | undefined): WithCalendar<T> | null {
  if (business === null || calendar === undefined) return business as WithCalendar<T> | null;
  return { ...business, calendar };
}

function withCallbacks(calls: CallsResult | null, callbacks: CallbackTally): CallsResult | null {
  return calls === null ? null : { ...calls, callbackPercent: callbacks.percent() };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
