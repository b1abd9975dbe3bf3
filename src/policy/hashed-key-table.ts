import { hash } from 'node:crypto';

/**
 * A set of strings kept as 64-bit hashes with a 32-bit value each, in typed arrays: about 17
 * bytes per key at the 0.7 load factor, whatever the key's length, so that duplicate detection
 * over 1.3 million requests costs tens of megabytes, not the records. Two different keys share a
 * hash with probability about n²/2⁶⁵ (≈ 5·10⁻⁸ for 1.3 million keys).
 */
export class HashedKeyTable {
  #hi: Uint32Array;
  #lo: Uint32Array;
  /** value + 1; 0 marks an empty slot. */
  #values: Uint32Array;
  #size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#values = new Uint32Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** The value stored for key, or undefined. */
  get(key: string): number | undefined {
    const [hi, lo] = digest(key);
    const slot = this.#find(hi, lo);
    const stored = this.#values[slot] ?? 0;
    return stored === 0 ? undefined : stored - 1;
  }

  /** Stores value for key unless the key is there; returns the value already stored, if any. */
  putIfAbsent(key: string, value: number): number | undefined {
    const [hi, lo] = digest(key);
    const slot = this.#find(hi, lo);
    const stored = this.#values[slot] ?? 0;
    if (stored !== 0) return stored - 1;
    this.#insert(slot, hi, lo, value);
    return undefined;
  }

  /** Adds one to the key's count (absent = 0) and returns the new count. */
  increment(key: string): number {
    const [hi, lo] = digest(key);
    const slot = this.#find(hi, lo);
    const stored = this.#values[slot] ?? 0;
    if (stored !== 0) {
      this.#values[slot] = stored + 1;
      return stored;
    }
    this.#insert(slot, hi, lo, 1);
    return 1;
  }

  #find(hi: number, lo: number): number {
    const mask = this.#values.length - 1;
    let slot = lo & mask;
    while ((this.#values[slot] ?? 0) !== 0 && (this.#hi[slot] !== hi || this.#lo[slot] !== lo))
      slot = (slot + 1) & mask;
    return slot;
  }

  #insert(slot: number, hi: number, lo: number, value: number): void {
    this.#hi[slot] = hi;
    this.#lo[slot] = lo;
    this.#values[slot] = value + 1;
    this.#size++;
    if (this.#size > this.#values.length * 0.7) this.#grow();
  }

  #grow(): void {
    const [hi, lo, values] = [this.#hi, this.#lo, this.#values];
    const capacity = values.length * 2;
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#values = new Uint32Array(capacity);
    for (let i = 0; i < values.length; i++) {
      if ((values[i] ?? 0) === 0) continue;
      const slot = this.#find(hi[i] ?? 0, lo[i] ?? 0);
      this.#hi[slot] = hi[i] ?? 0;
      this.#lo[slot] = lo[i] ?? 0;
      this.#values[slot] = values[i] ?? 0;
    }
  }
}

function digest(key: string): [number, number] {
  const bytes = hash('sha1', key, 'buffer');
  return [bytes.readUInt32LE(0), bytes.readUInt32LE(4)];
}
