/**
 * Volume (SPEC §4 "Beside them", §7 `volume`, §10 "Volume" and "Embedded ratings"): `calls` = all
 * calls of the month (both directions, every status, an aggregated row weighing its count),
 * `tickets` = tickets created in the month, `surveys` = survey-file answers given in the month
 * (embedded ratings do not count), `contacts = calls + tickets`. Never null: zero is a real count.
 */

export interface VolumeResult {
  contacts: number;
  calls: number;
  tickets: number;
  surveys: number;
}

export class VolumeAccumulator {
  private calls = 0;
  private tickets = 0;
  private surveys = 0;

  /** Adds a call row; `count` is the number of calls an aggregated row stands for. */
  addCalls(count: number): void {
    if (count > 0) this.calls += count;
  }

  addTicket(): void {
    this.tickets += 1;
  }

  addSurvey(): void {
    this.surveys += 1;
  }

  merge(other: VolumeAccumulator): void {
    this.calls += other.calls;
    this.tickets += other.tickets;
    this.surveys += other.surveys;
  }

  result(): VolumeResult {
    return { contacts: this.calls + this.tickets, calls: this.calls, tickets: this.tickets, surveys: this.surveys };
  }
}
