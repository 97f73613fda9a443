import { describe, expect, it } from 'vitest';
import { VolumeAccumulator } from './volume.js';

describe('VolumeAccumulator', () => {
  it('is zeros, not null, when empty', () => {
    expect(new VolumeAccumulator().result()).toEqual({ contacts: 0, calls: 0, tickets: 0, surveys: 0 });
  });

  it('counts calls by their row count, tickets and surveys one each; contacts = calls + tickets', () => {
    const volume = new VolumeAccumulator();
    volume.addCalls(1);
    volume.addCalls(10);
    volume.addCalls(0);
    volume.addTicket();
    volume.addTicket();
    volume.addSurvey();
    expect(volume.result()).toEqual({ contacts: 13, calls: 11, tickets: 2, surveys: 1 });
  });

  it('merges', () => {
    const a = new VolumeAccumulator();
    const b = new VolumeAccumulator();
    a.addCalls(2);
    b.addTicket();
    b.addSurvey();
    a.merge(b);
    expect(a.result()).toEqual({ contacts: 3, calls: 2, tickets: 1, surveys: 1 });
    expect(b.result()).toEqual({ contacts: 1, calls: 0, tickets: 1, surveys: 1 });
  });
});
