import type { Channel } from '../domain/channel.js';
import { grown } from '../domain/grown.js';
import type { Month } from '../domain/month.js';
import { NameTable } from '../domain/name-table.js';
import { LocationColumns } from '../domain/location-columns.js';
import type { SourceLocation } from '../domain/source-location.js';

/**
 * The CSAT ratings embedded in calls and tickets (SPEC §4.4), kept until every file is read (a
 * CSAT answer may replace one, and a file's scale depends on all of its ratings), as columns: a
 * score, the rated contact as a number, the agent, channel and month as numbers in a `NameTable`,
 * and the location as numbers (`LocationColumns`): no object, location or id string per rating
 * for the garbage collector to keep and trace (the 1M-call bench month has
 * 214,000 such ratings).
 */
export class EmbeddedRatings {
  private scores = new Float64Array(1024);
  private contacts = new Int32Array(1024);
  /** agents, channels and months as numbers in `names` */
  private agents = new Uint32Array(1024);
  private channels = new Uint32Array(1024);
  private months = new Uint32Array(1024);
  private readonly names = new NameTable();
  private readonly locations = new LocationColumns();
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
    this.agents[i] = this.names.number(agent);
    this.channels[i] = this.names.number(channel);
    this.months[i] = this.names.number(month);
    this.locations.add(location);
    this.count = i + 1;
  }

  score(i: number): number {
    return this.scores[i]!;
  }

  contact(i: number): number {
    return this.contacts[i]!;
  }

  agent(i: number): string | null {
    return this.names.name(this.agents[i]!);
  }

  channel(i: number): Channel | null {
    return this.names.name(this.channels[i]!);
  }

  month(i: number): Month {
    return this.names.name(this.months[i]!) as Month;
  }

  file(i: number): string {
    return this.locations.file(i);
  }

  location(i: number): SourceLocation {
    return this.locations.get(i);
  }

  private grow(): void {
    const length = 2 * this.count;
    this.scores = grown(this.scores, length);
    this.contacts = grown(this.contacts, length);
    this.agents = grown(this.agents, length);
    this.channels = grown(this.channels, length);
    this.months = grown(this.months, length);
  }
}
