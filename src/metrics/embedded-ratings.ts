import type { Channel } from '../domain/channel.js';
import { grown } from '../domain/grown.js';
import type { Month } from '../domain/month.js';
import { LocationColumns } from '../domain/location-columns.js';
import type { SourceLocation } from '../domain/source-location.js';

/**
 * The CSAT ratings embedded in calls and tickets (SPEC §4.4), kept until every file is read (a
 * CSAT answer may replace one, and a file's scale depends on all of its ratings), as columns: a
 * score, the rated contact as a number, and pointers to the agent, channel and month strings the
 * readers already share, and the location as numbers (`LocationColumns`): no object, location or
 * id string per rating for the garbage collector to keep and trace (the 1M-call bench month has
 * 214,000 such ratings).
 */
export class EmbeddedRatings {
  private scores = new Float64Array(1024);
  private contacts = new Int32Array(1024);
  private readonly agents: (string | null)[] = [];
  private readonly channels: (Channel | null)[] = [];
  private readonly months: Month[] = [];
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
    this.agents.push(agent);
    this.channels.push(channel);
    this.months.push(month);
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
    return this.agents[i]!;
  }

  channel(i: number): Channel | null {
    return this.channels[i]!;
  }

  month(i: number): Month {
    return this.months[i]!;
  }

  file(i: number): string {
    return this.locations.file(i);
  }

  location(i: number): SourceLocation {
    return this.locations.get(i);
  }

  private grow(): void {
    this.scores = grown(this.scores, 2 * this.count);
    this.contacts = grown(this.contacts, 2 * this.count);
  }
}

/** A contact as one number: its id's number in the calls table times two, or in the tickets table times two plus one. */
export function contactNumber(kind: 'call' | 'ticket', idNumber: number): number {
  return kind === 'call' ? 2 * idNumber : 2 * idNumber + 1;
}
