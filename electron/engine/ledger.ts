/**
 * The duplicate ledger: which events are stored, and from which source. A million string
 * keys in a Map cost over a hundred megabytes and long garbage-collection pauses, so each
 * key is kept as a 64-bit hash in typed arrays instead.
 *
 * LIMITATION: two different events whose keys hash alike would count the second as a
 * duplicate. With 64 bits the chance is about n² / 2⁶⁵: one in forty million for a
 * million events. Keeping the exact keys (a Map of strings) would lift it at that cost.
 */
import type { SecEvent } from '../../shared/model.js';

const EMPTY = 0;
const TAKEN = 1;
const DELETED = 2;

/** Two 32-bit FNV-1a style hashes of the key's parts, fed one string at a time. */
class KeyHash {
  a = 0x811c9dc5;
  b = 0x01000193;

  add(text: string): this {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // A separator, so ('ab', 'c') and ('a', 'bc') differ.
    this.a = Math.imul(a ^ 0x1f, 0x01000193);
    this.b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    return this;
  }
}

/** The parts of DESIGN.md's duplicate key, as strings. */
export function keyParts(ev: SecEvent): string[] {
  if (ev.messageType === 'security_rule') {
    return ['s', ev.device ?? '', String(ev.seq ?? ''), ev.ruleId ?? '', ev.time];
  }
  return ['r', ev.device ?? '', ev.messageType, ev.time, ev.repAddress ?? ''];
}

/** Remembers which events were stored and from which source, across all sources. */
export class Ledger {
  #hi = new Uint32Array(1024);
  #lo = new Uint32Array(1024);
  #owner = new Int32Array(1024);
  #state = new Uint8Array(1024);
  #used = 0;
  #size = 0;

  /** True the first time an event's key is offered; false for every later copy. */
  claim(ev: SecEvent, owner = 0): boolean {
    const h = new KeyHash();
    for (const part of keyParts(ev)) h.add(part);
    const hi = h.a >>> 0;
    const lo = h.b >>> 0;
    const mask = this.#state.length - 1;
    let i = (hi ^ lo) & mask;
    let free = -1;
    while (this.#state[i] !== EMPTY) {
      if (this.#state[i] === TAKEN && this.#hi[i] === hi && this.#lo[i] === lo) return false;
      if (this.#state[i] === DELETED && free < 0) free = i;
      i = (i + 1) & mask;
    }
    const at = free >= 0 ? free : i;
    if (free < 0) this.#used++;
    this.#hi[at] = hi;
    this.#lo[at] = lo;
    this.#owner[at] = owner;
    this.#state[at] = TAKEN;
    this.#size++;
    if (this.#used * 2 > this.#state.length) this.#grow();
    return true;
  }

  /** Forgets the events a source owned, before it is read again or removed. */
  forget(owner: number): void {
    for (let i = 0; i < this.#state.length; i++) {
      if (this.#state[i] === TAKEN && this.#owner[i] === owner) {
        this.#state[i] = DELETED;
        this.#size--;
      }
    }
  }

  /** Number of distinct events stored. */
  get size(): number {
    return this.#size;
  }

  #grow(): void {
    const [hi, lo, owner, state] = [this.#hi, this.#lo, this.#owner, this.#state];
    const length = state.length * 2;
    this.#hi = new Uint32Array(length);
    this.#lo = new Uint32Array(length);
    this.#owner = new Int32Array(length);
    this.#state = new Uint8Array(length);
    this.#used = 0;
    this.#size = 0;
    const mask = length - 1;
    for (let j = 0; j < state.length; j++) {
      if (state[j] !== TAKEN) continue;
      let i = (hi[j]! ^ lo[j]!) & mask;
      while (this.#state[i] !== EMPTY) i = (i + 1) & mask;
      this.#hi[i] = hi[j]!;
      this.#lo[i] = lo[j]!;
      this.#owner[i] = owner[j]!;
      this.#state[i] = TAKEN;
      this.#used++;
      this.#size++;
    }
  }
}
