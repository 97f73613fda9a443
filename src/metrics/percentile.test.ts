import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationSample, median, percentileInc, selectInPlace } from './percentile.js';

describe('percentileInc (Excel PERCENTILE.INC, numpy linear)', () => {
  // rank = p·(n − 1); interpolate between the two closest ranks.
  it.each<[string, number[], number, number | null]>([
    ['empty', [], 0.5, null],
    ['empty at p90', [], 0.9, null],
    ['single value, p90', [10], 0.9, 10],
    ['single value, p0', [10], 0, 10],
    ['single value, p100', [10], 1, 10],
    ['ties', [5, 5, 5], 0.9, 5],
    ['ties, median', [5, 5, 5], 0.5, 5],
    ['p90 of 1..4: rank 2.7 → 3 + 0.7·(4 − 3)', [1, 2, 3, 4], 0.9, 3.7],
    ['median of 1..4: rank 1.5 → 2.5', [1, 2, 3, 4], 0.5, 2.5],
    ['p0 is the minimum', [1, 2, 3, 4], 0, 1],
    ['p100 is the maximum', [1, 2, 3, 4], 1, 4],
    ['odd n median is the middle value', [1, 3, 100], 0.5, 3],
    // rank = 0.9·9 = 8.1 → 9 + 0.1·(100 − 9) = 18.1
    ['p90 of 1..9, 100', [1, 2, 3, 4, 5, 6, 7, 8, 9, 100], 0.9, 18.1],
    // rank = 0.25·4 = 1 exactly → x[1]
    ['exact rank', [0, 10, 20, 30, 40], 0.25, 10],
    // rank = 0.9·1 = 0.9 → 60000 + 0.9·60000 = 114000
    ['two values, p90', [60_000, 120_000], 0.9, 114_000],
    ['negative values', [-4, -2], 0.5, -3],
  ])('%s', (_name, values, p, expected) => {
    const result = percentileInc(values, p);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toBeCloseTo(expected, 12);
  });

  it('reads typed arrays', () => {
    expect(percentileInc(Float64Array.of(1, 2, 3, 4), 0.9)).toBeCloseTo(3.7, 12);
  });

  it('refuses a p outside 0…1', () => {
    expect(() => percentileInc([1], 1.5)).toThrow(RangeError);
    expect(() => percentileInc([1], -0.1)).toThrow(RangeError);
    expect(() => percentileInc([1], Number.NaN)).toThrow(RangeError);
  });

  it('lies between the two closest ranks and never decreases with p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 50 }), (values) => {
        const sorted = [...values].sort((a, b) => a - b);
        let previous = -Infinity;
        for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1]) {
          const value = percentileInc(sorted, p)!;
          expect(value).toBeGreaterThanOrEqual(previous);
          expect(value).toBeGreaterThanOrEqual(sorted[0]!);
          expect(value).toBeLessThanOrEqual(sorted[sorted.length - 1]!);
          previous = value;
        }
      }),
    );
  });
});

describe('median', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[7], 7],
    [[1, 2], 1.5],
    [[1, 2, 2, 9], 2],
  ])('median(%j) = %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('DurationSample', () => {
  it('is empty at first', () => {
    const sample = new DurationSample();
    expect(sample.count).toBe(0);
    expect(sample.mean()).toBeNull();
    expect([...sample.sortedView()]).toEqual([]);
  });

  it('keeps one value', () => {
    const sample = new DurationSample();
    sample.add(42);
    expect(sample.count).toBe(1);
    expect(sample.mean()).toBe(42);
    expect([...sample.sortedView()]).toEqual([42]);
  });

  it('grows past its initial capacity, sorts once and sorts again after more adds', () => {
    const sample = new DurationSample();
    for (let i = 1000; i > 0; i -= 1) sample.add(i);
    expect(sample.count).toBe(1000);
    const view = sample.sortedView();
    expect(view.length).toBe(1000);
    expect(view[0]).toBe(1);
    expect(view[999]).toBe(1000);
    expect(sample.mean()).toBe(500.5);
    sample.add(0);
    expect(sample.sortedView()[0]).toBe(0);
    expect(sample.count).toBe(1001);
  });

  it('merges: the same values, count and mean as adding everything to one sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 200 }),
        (left, right) => {
          const a = new DurationSample();
          const b = new DurationSample();
          const all = new DurationSample();
          for (const value of left) a.add(value);
          for (const value of right) b.add(value);
          for (const value of [...left, ...right]) all.add(value);
          a.sortedView(); // a sorted sample that then receives unsorted values must sort again
          a.merge(b);
          expect([...a.sortedView()]).toEqual([...all.sortedView()]);
          expect(a.count).toBe(all.count);
          expect(a.mean()).toBe(all.mean());
          expect(b.count).toBe(right.length);
        },
      ),
    );
  });

  it('stays exact across the widening to doubles: values past 2^32 ms and fractions, added or merged either way', () => {
    const value = fc.oneof(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      fc.integer({ min: 2 ** 32, max: 2 ** 40 }),
      fc.double({ min: 0, max: 1e6, noNaN: true }),
    );
    const narrowOnly = fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 150 });
    fc.assert(
      fc.property(
        fc.oneof(narrowOnly, fc.array(value, { maxLength: 150 })),
        fc.array(value, { maxLength: 150 }),
        fc.boolean(),
        (left, right, wideFirst) => {
          const [first, second] = wideFirst ? [right, left] : [left, right];
          const a = new DurationSample();
          const b = new DurationSample();
          for (const v of first) a.add(v);
          for (const v of second) b.add(v);
          a.merge(b);
          const all = Float64Array.from([...first, ...second]).sort();
          expect([...a.sortedView()]).toEqual([...all]);
          // a merged sample's mean is (sum of one + sum of the other) / n, the sums each in adding order
          const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
          expect(a.mean()).toBe(all.length === 0 ? null : (sum(first) + sum(second)) / all.length);
          const c = new DurationSample();
          for (const v of [...second, ...first]) c.add(v);
          expect(c.mean()).toBe(all.length === 0 ? null : sum([...second, ...first]) / all.length);
          for (const p of [0, 0.5, 0.9, 1]) expect(c.percentile(p)).toBe(percentileInc(all, p));
        },
      ),
    );
  });

  it('percentile by selection equals PERCENTILE.INC of the sorted values, for any order, ties and p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e9, noNaN: true })), {
          maxLength: 300,
        }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (values, ps) => {
          const sample = new DurationSample();
          for (const value of values) sample.add(value);
          const sorted = Float64Array.from(values).sort();
          // several percentiles in a row: each selection starts from the order the last one left
          for (const p of [...ps, 0.5, 0.9, 0, 1]) expect(sample.percentile(p)).toBe(percentileInc(sorted, p));
          expect(sample.count).toBe(values.length);
        },
      ),
    );
  });

  it('a sample that keeps no values counts, sums and takes its percentiles from its parts, wide ones too', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.double({ min: 0, max: 1e10, noNaN: true })), {
            maxLength: 60,
          }),
          { maxLength: 5 },
        ),
        (partsValues) => {
          const tally = new DurationSample(false);
          const parts = partsValues.map((values) => {
            const part = new DurationSample();
            for (const value of values) {
              part.add(value);
              tally.add(value);
            }
            return part;
          });
          tally.drawFrom(parts);
          const all = Float64Array.from(partsValues.flat()).sort();
          // a part's own percentiles reorder its values first: the tally's must not care
          for (const part of parts) part.percentile(0.5);
          expect(tally.count).toBe(all.length);
          for (const p of [0.5, 0.9, 0, 1]) expect(tally.percentile(p)).toBe(percentileInc(all, p));
          tally.release();
          expect(tally.percentile(0.9)).toBe(percentileInc(all, 0.9));
          expect(Array.from(tally.sortedView())).toEqual(Array.from(all));
          // a lone part lends its values without a copy: its own figures stay right after the reordering
          partsValues.forEach((values, k) => {
            const sorted = Float64Array.from(values).sort();
            for (const p of [0.9, 0.5]) expect(parts[k]!.percentile(p)).toBe(percentileInc(sorted, p));
          });
        },
      ),
    );
  });

  it('a sample that keeps no values refuses parts that do not hold exactly its values, and merging', () => {
    const tally = new DurationSample(false);
    tally.add(5);
    tally.add(9);
    const part = new DurationSample();
    part.add(5);
    tally.drawFrom([part]);
    expect(() => tally.percentile(0.5)).toThrow(/a sample of 2 values drew 1/);
    expect(() => new DurationSample().drawFrom([part])).toThrow(/keeps its own values/);
    expect(() => part.merge(tally)).toThrow(/keeps no values/);
  });

  it('percentile: null when empty; the value itself for one; ties; interpolation (hand-checked)', () => {
    const sample = new DurationSample();
    expect(sample.percentile(0.5)).toBeNull();
    sample.add(7);
    expect(sample.percentile(0.9)).toBe(7);
    for (const value of [1, 7, 7, 3]) sample.add(value); // 1 3 7 7 7
    expect(sample.percentile(0.5)).toBe(7);
    sample.add(100); // 1 3 7 7 7 100: rank 2.5 → 7; p90 rank 4.5 → 7 + 0.5 × 93 = 53.5
    expect(sample.percentile(0.5)).toBe(7);
    expect(sample.percentile(0.9)).toBe(53.5);
    expect(() => sample.percentile(1.5)).toThrow(RangeError);
  });
});

describe('selectInPlace', () => {
  it('puts the k-th smallest value at k, smaller before, greater after — also when it gives up partitioning and sorts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        fc.constantFrom(undefined, 0, 1, 2),
        (list, at, rounds) => {
          const values = Float64Array.from(list);
          const k = at % values.length;
          selectInPlace(values, k, 0, values.length - 1, rounds);
          const sorted = Float64Array.from(list).sort();
          expect(values[k]).toBe(sorted[k]);
          for (let i = 0; i < k; i += 1) expect(values[i]).toBeLessThanOrEqual(values[k]!);
          for (let i = k + 1; i < values.length; i += 1) expect(values[i]).toBeGreaterThanOrEqual(values[k]!);
          expect([...values].sort((a, b) => a - b)).toEqual([...sorted]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays fast on inputs that defeat a median-of-three pivot (organ pipe, sawtooth, sorted, reversed)', () => {
    const n = 200_000;
    const shapes = [
      (i: number) => (i < n / 2 ? i : n - i),
      (i: number) => i % 1000,
      (i: number) => i,
      (i: number) => n - i,
    ];
    for (const shape of shapes) {
      const values = Float64Array.from({ length: n }, (_, i) => shape(i));
      const sorted = Float64Array.from(values).sort();
      const sample = new DurationSample();
      for (const value of values) sample.add(value);
      expect(sample.percentile(0.9)).toBe(percentileInc(sorted, 0.9));
    }
  });
});
