import type { Channel } from '../domain/channel.js';
import { grown } from '../domain/grown.js';
import { LocationColumns } from '../domain/location-columns.js';
import type { Month } from '../domain/month.js';
import { NameTable } from '../domain/name-table.js';
import type { SurveyAnswer } from '../domain/records.js';
import type { SourceLocation } from '../domain/source-location.js';
import { TextColumn } from '../domain/text-column.js';

/**
 * The survey answers as read, kept until every file is read (an answer takes its agent and
 * channel from the contact it rates, which a later file may hold, and a file's scale depends on
 * all of its answers), as typed columns: score and time; month, survey, agent and channel as
 * numbers in a `NameTable`; the answer's own texts in `TextColumn`s; the location as numbers
 * (`LocationColumns`). No object or string per answer: the 1M month's 200,000 answers as objects
 * cost ~85 MB of its peak; a resolved answer (`RatedAnswer`) is made only for the answers a
 * caller keeps. A caller that keeps none (`report` but for its XLSX follow-ups sheet) does not
 * keep the texts only such an answer shows (id, customer, comment) either: 16–24 MB of the 1M
 * month's peak, most of it Cyrillic comments at two bytes a character.
 */
export class PendingAnswers {
  private scores = new Float64Array(1024);
  /** epoch ms, NaN for an answer without a time */
  private times = new Float64Array(1024);
  /** months, survey spellings, agents and channels, as numbers in `names` */
  private months = new Uint32Array(1024);
  private surveys = new Uint32Array(1024);
  private agents = new Uint32Array(1024);
  private channels = new Uint32Array(1024);
  private readonly names = new NameTable();
  private readonly contactIds = new TextColumn();
  private readonly ids = new TextColumn();
  private readonly customers = new TextColumn();
  private readonly comments = new TextColumn();
  private readonly locations = new LocationColumns();
  private count = 0;

  /** `keepsTexts`: false when no answer will be handed out, so its id, customer and comment are never asked for. */
  constructor(private readonly keepsTexts = true) {}

  get size(): number {
    return this.count;
  }

  /** `month`: the month it was given in, null when undated. */
  add(answer: SurveyAnswer, month: Month | null): void {
    const i = this.count;
    if (i === this.scores.length) {
      this.scores = grown(this.scores, 2 * i);
      this.times = grown(this.times, 2 * i);
      this.months = grown(this.months, 2 * i);
      this.surveys = grown(this.surveys, 2 * i);
      this.agents = grown(this.agents, 2 * i);
      this.channels = grown(this.channels, 2 * i);
    }
    this.scores[i] = answer.score;
    this.times[i] = answer.answeredAt ?? Number.NaN;
    this.months[i] = this.names.number(month);
    this.surveys[i] = this.names.number(answer.survey);
    this.agents[i] = this.names.number(answer.agent);
    this.channels[i] = this.names.number(answer.channel);
    this.contactIds.add(answer.contactId);
    if (this.keepsTexts) {
      this.ids.add(answer.id);
      this.customers.add(answer.customer);
      this.comments.add(answer.comment);
    }
    this.locations.add(answer.location);
    this.count = i + 1;
  }

  score(i: number): number {
    return this.scores[i]!;
  }

  answeredAt(i: number): number | null {
    const at = this.times[i]!;
    return Number.isNaN(at) ? null : at;
  }

  month(i: number): Month | null {
    return this.names.name(this.months[i]!) as Month | null;
  }

  /** the survey column's value as read, null without one */
  survey(i: number): string | null {
    return this.names.name(this.surveys[i]!);
  }

  /** the answer's own agent and channel, null when it names none */
  agent(i: number): string | null {
    return this.names.name(this.agents[i]!);
  }

  channel(i: number): Channel | null {
    return this.names.name(this.channels[i]!);
  }

  contactId(i: number): string | null {
    return this.contactIds.get(i);
  }

  id(i: number): string | null {
    return this.kept(this.ids).get(i);
  }

  customer(i: number): string | null {
    return this.kept(this.customers).get(i);
  }

  comment(i: number): string | null {
    return this.kept(this.comments).get(i);
  }

  /** A text column, unless its texts were not kept: asking for one then is a bug, never a silent null. */
  private kept(column: TextColumn): TextColumn {
    if (!this.keepsTexts) throw new Error('an answer was handed out although its texts were not kept (keepsAnswers)');
    return column;
  }

  file(i: number): string {
    return this.locations.file(i);
  }

  location(i: number): SourceLocation {
    return this.locations.get(i);
  }
}
