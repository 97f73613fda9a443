/**
 * Percentiles as SPEC §4.3 and §10 define them: linear interpolation between closest ranks, i.e.
 * Excel PERCENTILE.INC and numpy's default (`method='linear'`), so a user can check any figure in a
 * spreadsheet. For n sorted values and 0 ≤ p ≤ 1: rank = p·(n − 1), and the value is
 * `x[⌊rank⌋] + (rank − ⌊rank⌋)·(x[⌊rank⌋ + 1] − x[⌊rank⌋])`.
 */

/** PERCENTILE.INC of values already sorted ascending; null for no values, the value itself for one. */
export function percentileInc(sorted: ArrayLike<number>, p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is outside 0…1`);
  const n = sorted.length;
  if (n === 0) return null;
  const rank = p * (n - 1);
  const lowIndex = Math.floor(rank);
  const low = sorted[lowIndex]!;
  const fraction = rank - lowIndex;
  if (fraction === 0 || lowIndex + 1 >= n) return low;
  const high = sorted[lowIndex + 1]!;
  return high === low ? low : low + fraction * (high - low);
}

/** The median (PERCENTILE.INC at 0.5) of values sorted ascending; null for no values. */
export function median(sorted: ArrayLike<number>): number | null {
  return percentileInc(sorted, 0.5);
}

const INITIAL_CAPACITY = 64;

/**
 * The values of one group kept for exact percentiles (SPEC §9: memory grows only with these), in
 * a growable Float64Array rather than a JS array: 8 bytes a value, doubled when full.
 * Callers add finite numbers only.
 */
export class DurationSample {
  private values = new Float64Array(INITIAL_CAPACITY);
  private size = 0;
  private sum = 0;
  private sorted = true;

  get count(): number {
    return this.size;
  }

  add(value: number): void {
    if (this.size === this.values.length) this.grow(this.size + 1);
    if (this.sorted && this.size > 0 && value < this.values[this.size - 1]!) this.sorted = false;
    this.values[this.size] = value;
    this.size += 1;
    this.sum += value;
  }

  merge(other: DurationSample): void {
    if (other.size === 0) return;
    if (this.size + other.size > this.values.length) this.grow(this.size + other.size);
    const first = other.values[0]!;
    if (this.sorted && (!other.sorted || (this.size > 0 && first < this.values[this.size - 1]!))) this.sorted = false;
    this.values.set(other.values.subarray(0, other.size), this.size);
    this.size += other.size;
    this.sum += other.sum;
  }

  /** The values sorted ascending: a view, sorted in place on the first call after an add. */
  sortedView(): Float64Array {
    const view = this.values.subarray(0, this.size);
    if (!this.sorted) {
      view.sort();
      this.sorted = true;
    }
    return view;
  }

  /** The arithmetic mean; null for no values. */
  mean(): number | null {
    return this.size === 0 ? null : this.sum / this.size;
  }

  private grow(needed: number): void {
    let capacity = this.values.length * 2;
    while (capacity < needed) capacity *= 2;
    const values = new Float64Array(capacity);
    values.set(this.values.subarray(0, this.size));
    this.values = values;
  }
}
