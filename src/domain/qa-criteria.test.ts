import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { allowedValues, criteriaFor, criteriaFromConfig, DEFAULT_CRITERIA, type QaCriterion } from './qa-criteria.js';

describe('DEFAULT_CRITERIA', () => {
  it('has the ids of the seeds’ form, in form order', () => {
    expect(DEFAULT_CRITERIA.map((criterion) => criterion.id)).toEqual([
      'greeting',
      'resolved',
      'speed',
      'spelling',
      'proactivity',
      'objections',
      'next_step',
      'empathy',
      'tone',
      'rudeness',
      'wrong_info',
    ]);
  });

  it('makes rudeness and wrong information critical, with labels where pass is good', () => {
    const critical = DEFAULT_CRITERIA.filter((criterion) => criterion.critical);
    expect(critical.map((criterion) => [criterion.id, criterion.label])).toEqual([
      ['rudeness', 'No rudeness'],
      ['wrong_info', 'No wrong information'],
    ]);
  });

  it('weighs resolution most, and checks spelling on text channels only', () => {
    const byId = new Map(DEFAULT_CRITERIA.map((criterion) => [criterion.id, criterion]));
    const heaviest = Math.max(...DEFAULT_CRITERIA.map((criterion) => criterion.weight));
    expect(byId.get('resolved')!.weight).toBe(heaviest);
    expect(DEFAULT_CRITERIA.filter((criterion) => criterion.weight === heaviest)).toHaveLength(1);
    expect(byId.get('spelling')!.channels).toEqual(['email', 'chat', 'messenger', 'social', 'web']);
    expect(DEFAULT_CRITERIA.every((criterion) => criterion.scale === null)).toBe(true);
  });
});

describe('criteriaFromConfig', () => {
  it('gives the defaults when config lists no criteria', () => {
    expect(criteriaFromConfig({})).toEqual(DEFAULT_CRITERIA);
    expect(criteriaFromConfig({ qa: {} })).toEqual(DEFAULT_CRITERIA);
    expect(criteriaFromConfig({ qa: { criteria: [] } })).toEqual(DEFAULT_CRITERIA);
  });

  it('fills what a configured criterion leaves out: weight 1, pass/fail, not critical, every channel', () => {
    expect(
      criteriaFromConfig({
        qa: {
          criteria: [
            { id: 'greeting' },
            { id: 'proactivity', label: 'Proactivity', weight: 2, scale: [1, 5] },
            { id: 'spelling', channels: ['E-mail', 'WhatsApp', 'chat'] },
            { id: 'rudeness', label: 'No rudeness', critical: true },
          ],
        },
      }),
    ).toEqual([
      { id: 'greeting', label: 'greeting', weight: 1, scale: null, critical: false, channels: null },
      { id: 'proactivity', label: 'Proactivity', weight: 2, scale: [1, 5], critical: false, channels: null },
      {
        id: 'spelling',
        label: 'spelling',
        weight: 1,
        scale: null,
        critical: false,
        channels: ['email', 'messenger', 'chat'],
      },
      { id: 'rudeness', label: 'No rudeness', weight: 1, scale: null, critical: true, channels: null },
    ]);
  });

  it.each([
    [[{ id: 'tone' }, { id: 'Tone' }], 'qa.criteria[1].id: "Tone" repeats "tone"'],
    [[{ id: 'next_step' }, { id: 'next step' }], 'qa.criteria[1].id: "next step" repeats "next_step"'],
    [[{ id: 'comment' }], 'qa.criteria[0].id: "comment" is the name of a review-form column'],
    [[{ id: 'Contact ID' }], 'qa.criteria[0].id: "Contact ID" is the name of a review-form column'],
    [[{ id: '--' }], 'qa.criteria[0].id: "--" has no letter or digit'],
    [[{ id: 'x', scale: [5, 1] as [number, number] }], 'qa.criteria[0].scale: expected [min, max] with min below max'],
  ])('refuses %j', (criteria, message) => {
    expect(() => criteriaFromConfig({ qa: { criteria } })).toThrow(UserError);
    expect(() => criteriaFromConfig({ qa: { criteria } })).toThrow(message);
  });
});

describe('criteriaFor', () => {
  const ids = (list: QaCriterion[]) => list.map((criterion) => criterion.id);
  it.each([
    ['phone', false],
    ['email', true],
    ['E-mail', true],
    ['chat', true],
    ['fax', false],
    [null, true],
  ])('spelling applies to %j: %s', (channel, applies) => {
    expect(ids(criteriaFor(channel, DEFAULT_CRITERIA)).includes('spelling')).toBe(applies);
    expect(criteriaFor(channel, DEFAULT_CRITERIA)).toHaveLength(DEFAULT_CRITERIA.length - (applies ? 0 : 1));
  });
});

describe('allowedValues', () => {
  const base: QaCriterion = { id: 'x', label: 'x', weight: 1, scale: null, critical: false, channels: null };
  it.each([
    [null, ['pass', 'fail', 'n/a']],
    [
      [1, 5],
      ['1', '2', '3', '4', '5', 'n/a'],
    ],
    [
      [0, 2],
      ['0', '1', '2', 'n/a'],
    ],
    [[0, 0.5], null],
    [[0, 100], null],
  ] as const)('scale %j → %j', (scale, expected) => {
    expect(allowedValues({ ...base, scale })).toEqual(expected);
  });
});
