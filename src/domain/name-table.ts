import { detachString } from './detach-string.js';

/**
 * Names (agents, channels, topics, months, survey kinds) numbered 1, 2, 3, … in the order first
 * seen, 0 standing for null: a column of them is then a typed array, not an array of pointers
 * (which V8 keeps, once long, in its large-object space, where every outgrown copy stays until a
 * full collection). A name is copied on its first sight, so it never keeps a reader's chunk alive.
 */
export class NameTable {
  private readonly names: (string | null)[] = [null];
  private readonly numbers = new Map<string, number>();

  number(name: string | null): number {
    if (name === null) return 0;
    let number = this.numbers.get(name);
    if (number === undefined) {
      const kept = detachString(name);
      number = this.names.length;
      this.names.push(kept);
      this.numbers.set(kept, number);
    }
    return number;
  }

  name(number: number): string | null {
    return this.names[number]!;
  }
}
