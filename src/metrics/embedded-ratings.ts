import type { Channel } from '../domain/channel.js';
import type { Month } from '../domain/month.js';
import type { SourceLocation } from '../domain/source-location.js';

/**
 * The CSAT ratings embedded in calls and tickets (SPEC §4.4), kept until every file is read (a
 * CSAT answer may replace one, and a file's scale depends on all of its ratings), as columns: a
 * score, the rated contact as a number, and pointers to the agent, channel and month strings the
 * readers already share. A line location is kept as a file number and a line; only a location of
 * another shape (an XLSX cell) is kept as an object. A month of 200,000 such ratings holds ~10 MB
 * less than it did as an object, a location and an id string per rating, and gives the garbage
 * collector nothing per rating to trace.
 */
export class EmbeddedRatings {
  private scores = new Float64Array(1024);
  private contacts = new Int32Array(1024);
  private lines = new Int32Array(1024);
  private fileNumbers = new Int32Array(1024);
  private readonly agents: (string | null)[] = [];
  private readonly channels: (Channel | null)[] = [];
  private readonly months: Month[] = [];
  private readonly files: string[] = [];
  private readonly fileNumberOf = new Map<string, number>();
  /** locations that are not a file and a line, by rating */
  private readonly otherLocations = new Map<number, SourceLocation>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** `contact`: the rated contact's number (`contactNumber`), or -1 for a contact without an id. */
  add(
    score: number,
    contact: number,
    agent: string | null,
    channel: Channel | null,
    month: Month,
    location: SourceLocation,
  ): void {
    const i = this.count;
    if (i === this.scores.length) this.grow();
    this.scores[i] = score;
    this.contacts[i] = contact;
    this.agents.push(agent);
    this.channels.push(channel);
    this.months.push(month);
    this.fileNumbers[i] = this.fileNumber(location.file);
    if ('line' in location) this.lines[i] = location.line;
    else {
      this.lines[i] = -1;
      this.otherLocations.set(i, location);
    }
    this.count = i + 1;
  }

  score(i: number): number {
    return this.scores[i]!;
  }

  contact(i: number): number {
    return this.contacts[i]!;
  }

  agent(i: number): string | null {
    return this.agents[i]!;
  }

  channel(i: number): Channel | null {
    return this.channels[i]!;
  }

  month(i: number): Month {
    return this.months[i]!;
  }

  file(i: number): string {
    return this.files[this.fileNumbers[i]!]!;
  }

  location(i: number): SourceLocation {
    const line = this.lines[i]!;
    return line < 0 ? this.otherLocations.get(i)! : { file: this.file(i), line };
  }

  private fileNumber(file: string): number {
    let number = this.fileNumberOf.get(file);
    if (number === undefined) {
      number = this.files.length;
      this.files.push(file);
      this.fileNumberOf.set(file, number);
    }
    return number;
  }

  private grow(): void {
    const length = this.scores.length * 2;
    const scores = new Float64Array(length);
    scores.set(this.scores);
    this.scores = scores;
    const grown = (array: Int32Array) => {
      const bigger = new Int32Array(length);
      bigger.set(array);
      return bigger;
    };
    this.contacts = grown(this.contacts);
    this.lines = grown(this.lines);
    this.fileNumbers = grown(this.fileNumbers);
  }
}

/** A contact as one number: its id's number in the calls table times two, or in the tickets table times two plus one. */
export function contactNumber(kind: 'call' | 'ticket', idNumber: number): number {
  return kind === 'call' ? 2 * idNumber : 2 * idNumber + 1;
}
