/**
 * Percentiles as SPEC §4.3 and §10 define them: linear interpolation between closest ranks, i.e.
 * Excel PERCENTILE.INC and numpy's default (`method='linear'`), so a user can check any figure in a
 * spreadsheet. For n sorted values and 0 ≤ p ≤ 1: rank = p·(n − 1), and the value is
 * `x[⌊rank⌋] + (rank − ⌊rank⌋)·(x[⌊rank⌋ + 1] − x[⌊rank⌋])`.
 */
import { grown } from '../domain/grown.js';

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

/** What a sample keeps its values in: whole milliseconds in 32 bits until a value needs a double. */
type Values = Uint32Array | Float64Array;

/** Below 2^32 ms (49.7 days) and whole: what almost every duration is. */
function fitsUint32(value: number): boolean {
  return value >= 0 && value <= 0xffff_ffff && Number.isInteger(value);
}

/**
 * The values of one group kept for exact percentiles (SPEC §9: memory grows only with these), in
 * a growable typed array rather than a JS array, doubled when full: 4 bytes a value while every
 * value is a whole number of ms below 2^32 (durations are differences of ms timestamps, so
 * nearly always), 8 bytes from the first that is not (the sample is then widened to doubles,
 * exactly). A month of tickets keeps two durations in each of four groups: 15 MB less in the 1M
 * month. Callers add finite numbers only.
 *
 * A sample that keeps no values (`keepsValues` false) counts and sums them only, and draws them
 * for its percentiles from other samples that together were given exactly its values
 * (`drawFrom`): the scorecard keeps a ticket's durations once, in its agent × channel group, and
 * an agent's, a channel's and the overall percentiles draw from those (SPEC §9: one copy, not
 * four). Counts, sums and so means are the group's own, added in its own order.
 */
export class DurationSample {
  private values: Values;
  private isWide = false;
  private size = 0;
  private sum = 0;
  private sorted = true;
  /** where a sample that keeps no values takes them from, and the values taken, until `release` */
  private parts: readonly DurationSample[] = [];
  private drawn: Values | null = null;

  constructor(private readonly keepsValues = true) {
    this.values = new Uint32Array(keepsValues ? INITIAL_CAPACITY : 0);
  }

  get count(): number {
    return this.size;
  }

  /** For a sample that keeps no values: the samples its values were also given to, one each. */
  drawFrom(parts: readonly DurationSample[]): void {
    if (this.keepsValues) throw new Error('drawFrom on a sample that keeps its own values');
    this.parts = parts;
    this.drawn = null;
  }

  /** Lets go of the values drawn for percentiles (a sample that keeps none). */
  release(): void {
    this.drawn = null;
  }

  add(value: number): void {
    if (!this.keepsValues) {
      this.size += 1;
      this.sum += value;
      return;
    }
    if (!this.isWide && !fitsUint32(value)) this.widen();
    if (this.size === this.values.length) this.grow(this.size + 1);
    if (this.sorted && this.size > 0 && value < this.values[this.size - 1]!) this.sorted = false;
    this.values[this.size] = value;
    this.size += 1;
    this.sum += value;
  }

  merge(other: DurationSample): void {
    if (other.size === 0) return;
    if (!this.keepsValues || !other.keepsValues) throw new Error('merge of a sample that keeps no values');
    if (other.isWide && !this.isWide) this.widen();
    if (this.size + other.size > this.values.length) this.grow(this.size + other.size);
    const first = other.values[0]!;
    if (this.sorted && (!other.sorted || (this.size > 0 && first < this.values[this.size - 1]!))) this.sorted = false;
    this.values.set(other.values.subarray(0, other.size), this.size);
    this.size += other.size;
    this.sum += other.sum;
  }

  /** The values sorted ascending: a view, sorted in place on the first call after an add. */
  sortedView(): Values {
    if (!this.keepsValues) return Float64Array.from(this.draw()).sort();
    const view = this.values.subarray(0, this.size);
    if (!this.sorted) {
      view.sort();
      this.sorted = true;
    }
    return view;
  }

  /**
   * PERCENTILE.INC of the values, found by selection rather than a full sort: O(n) instead of
   * O(n log n), which matters with a month of tickets in each of four groups. The values are
   * reordered (the low rank's value is put in place; the next rank is the least value above it).
   */
  percentile(p: number): number | null {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is outside 0…1`);
    const n = this.size;
    if (n === 0) return null;
    if (!this.keepsValues) {
      const drawn = this.draw();
      return percentileOf(drawn, drawn.length, false, p);
    }
    return percentileOf(this.values, n, this.sorted, p);
  }

  /** The values of the parts, in one array (drawn once until `release`); their count must be this sample's. */
  private draw(): Values {
    if (this.drawn !== null) return this.drawn;
    let total = 0;
    let isWide = false;
    for (const part of this.parts) {
      total += part.size;
      isWide ||= part.isWide;
    }
    // The parts are chosen by the caller: a wrong choice must fail loudly, never give a wrong percentile.
    if (total !== this.size) throw new Error(`a sample of ${this.size} values drew ${total} from its parts`);
    if (this.parts.length === 1) {
      // One part: its own values, no copy. Selection reorders them, so it no longer knows them sorted.
      const part = this.parts[0]!;
      part.sorted = total <= 1;
      this.drawn = part.values.subarray(0, total);
      return this.drawn;
    }
    const drawn = isWide ? new Float64Array(total) : new Uint32Array(total);
    let at = 0;
    for (const part of this.parts) {
      drawn.set(part.values.subarray(0, part.size), at);
      at += part.size;
    }
    this.drawn = drawn;
    return drawn;
  }

  /** The arithmetic mean; null for no values. */
  mean(): number | null {
    return this.size === 0 ? null : this.sum / this.size;
  }

  private grow(needed: number): void {
    let capacity = this.values.length * 2;
    while (capacity < needed) capacity *= 2;
    this.values = grown(this.values, capacity);
  }

  private widen(): void {
    const values = new Float64Array(this.values.length);
    values.set(this.values);
    this.values = values;
    this.isWide = true;
  }
}

/** PERCENTILE.INC of `values[0..n)` (sorted or not): selection, see `DurationSample.percentile`. */
function percentileOf(values: Values, n: number, sorted: boolean, p: number): number | null {
  if (sorted) return percentileInc(values.subarray(0, n), p);
  const rank = p * (n - 1);
  const lowIndex = Math.floor(rank);
  selectInPlace(values, lowIndex, 0, n - 1);
  const low = values[lowIndex]!;
  const fraction = rank - lowIndex;
  if (fraction === 0 || lowIndex + 1 >= n) return low;
  let high = Infinity;
  for (let i = lowIndex + 1; i < n; i += 1) if (values[i]! < high) high = values[i]!;
  return high === low ? low : low + fraction * (high - low);
}

/**
 * Reorders `values[left..right]` so that `values[k]` holds the value a sort would put there, with
 * no greater value before it and no smaller one after (Hoare's selection, median-of-three pivot;
 * equal values stop both scans, so many ties do not make it quadratic). Durations come from the
 * inputs, and a file can be built so that every median-of-three pivot is a bad one: after twice
 * the rounds a good run needs, the rest is sorted instead (O(n log n) at worst, as introselect).
 */
export function selectInPlace(
  values: Float64Array | Uint32Array,
  k: number,
  left: number,
  right: number,
  rounds = 2 * Math.ceil(Math.log2(right - left + 2)) + 8,
): void {
  while (right > left) {
    if (rounds-- === 0) {
      values.subarray(left, right + 1).sort();
      return;
    }
    const middle = (left + right) >>> 1;
    if (values[middle]! < values[left]!) swap(values, middle, left);
    if (values[right]! < values[left]!) swap(values, right, left);
    if (values[right]! < values[middle]!) swap(values, right, middle);
    const pivot = values[middle]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i += 1;
      while (values[j]! > pivot) j -= 1;
      if (i <= j) {
        swap(values, i, j);
        i += 1;
        j -= 1;
      }
    }
    // Now values[left..j] ≤ pivot ≤ values[i..right], and anything between equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(values: Float64Array | Uint32Array, a: number, b: number): void {
  const value = values[a]!;
  values[a] = values[b]!;
  values[b] = value;
}
