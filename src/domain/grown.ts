/** A typed array of the same kind, `length` long, holding `array`'s elements at the start (the columns kept per row grow by doubling with this). */
export function grown<T extends Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array>(
  array: T,
  length: number,
): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
