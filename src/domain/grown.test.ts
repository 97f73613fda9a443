import { describe, expect, it } from 'vitest';
import { grown } from './grown.js';

describe('grown', () => {
  it('gives a longer array of the same kind with the elements at the start and zeros after', () => {
    const doubles = grown(Float64Array.of(1.5, -2), 4);
    expect(doubles).toBeInstanceOf(Float64Array);
    expect([...doubles]).toEqual([1.5, -2, 0, 0]);
    const ints = grown(Int32Array.of(-7), 2);
    expect(ints).toBeInstanceOf(Int32Array);
    expect([...ints]).toEqual([-7, 0]);
    const unsigned = grown(Uint32Array.of(4_000_000_000), 3);
    expect(unsigned).toBeInstanceOf(Uint32Array);
    expect([...unsigned]).toEqual([4_000_000_000, 0, 0]);
  });
});
