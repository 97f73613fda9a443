import { describe, expect, it } from 'vitest';
import { DEFAULT_FIRST_RESPONSE_TARGETS, DEFAULT_MIN_SAMPLE, DEFAULT_SERVICE_LEVEL_SECONDS } from './accumulator.js';

describe('metric defaults (SPEC §10)', () => {
  it('match the SPEC', () => {
    expect(DEFAULT_FIRST_RESPONSE_TARGETS).toEqual({ email: 60, web: 60, chat: 2, messenger: 2, social: 2 });
    expect(DEFAULT_MIN_SAMPLE).toBe(30);
    expect(DEFAULT_SERVICE_LEVEL_SECONDS).toBe(20);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(DEFAULT_FIRST_RESPONSE_TARGETS)).toBe(true);
  });
});
