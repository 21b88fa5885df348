/**
 * The duplicate ledger: which events are stored, and from which source. A million string
 * keys in a Map cost over a hundred megabytes and long garbage-collection pauses, so each
 * key is kept as a 64-bit hash in typed arrays instead.
 *
 * LIMITATION: two different events whose keys hash alike would count the second as a
 * duplicate. With 64 bits the chance is about n² / 2⁶⁵: one in forty million for a
 * million events. Keeping the exact keys (a Map of strings) would lift it at that cost.
 */
import { canonicalV4 } from '../../shared/address.js';
import { MESSAGE_TYPES, type SecEvent } from '../../shared/model.js';
import { ruleNumber } from './pipeline/rows.js';
import { secondsOf } from './store/codec.js';

/** A slot's tag: empty, deleted, or the owner plus one for a key it holds. */
const EMPTY = 0;
const DELETED = -1;
/** Ints per slot: tag, hash hi, hash lo. */
const S = 3;

/**
 * Two 32-bit FNV-1a style hashes of a key, fed one part at a time. One object is reused for
 * every key. Numbers are hashed as numbers, so the parser's fast path, which reads times,
 * rule IDs and IPv4 addresses as numbers, keys an event exactly as the general path does.
 */
export class KeyHash {
  a = 0;
  b = 0;

  /** Starts a key of one kind. */
  begin(kind: number): this {
    this.a = 0x811c9dc5;
    this.b = 0x01000193;
    return this.mix(kind);
  }

  /** Feeds one 32-bit piece. */
  mix(x: number): this {
    this.a = Math.imul(this.a ^ x, 0x01000193);
    const b = Math.imul(this.b ^ x, 0x5bd1e995);
    this.b = b ^ (b >>> 15);
    return this;
  }

  /** Feeds a whole number up to 2^53 (or -1 and the like). */
  num(n: number): this {
    return this.mix(n | 0).mix((n / 4294967296) | 0);
  }

  /** Feeds a text, then a separator, so ('ab', 'c') and ('a', 'bc') differ. */
  text(text: string): this {
    for (let i = 0; i < text.length; i++) this.mix(text.charCodeAt(i));
    return this.mix(0x1f0000);
  }

  /** Feeds a device: none, a canonical IPv4 value (from the fast path) or a text. */
  device(v4: number, text: string | null): this {
    if (v4 >= 0) return this.mix(1).num(v4);
    if (text === null || text === '') return this.mix(0);
    const value = canonicalV4(text);
    return value >= 0 ? this.mix(1).num(value) : this.mix(2).text(text);
  }
}

const SECURITY = 1;
const REPUTATION = 2;

/**
 * DESIGN.md's key of a security-rule event: device, sequence number, rule ID and time to
 * the second. `device` is an IPv4 value, or -1 to use `deviceText`.
 */
export function securityKey(
  h: KeyHash,
  device: number,
  deviceText: string | null,
  seq: number | null,
  rule: number | null,
  ruleText: string | null,
  seconds: number,
): KeyHash {
  h.begin(SECURITY).device(device, deviceText);
  if (seq === null) h.mix(0);
  else h.mix(1).num(seq);
  if (rule !== null) h.mix(1).num(rule);
  else h.mix(2).text(ruleText ?? '');
  return h.num(seconds);
}

/** The key of an event object, as the general path makes them. */
export function keyOf(h: KeyHash, ev: SecEvent): KeyHash {
  const seconds = secondsOf(ev.time);
  if (ev.messageType === 'security_rule') {
    const rule = ruleNumber(ev.ruleId);
    return securityKey(h, -1, ev.device, ev.seq, rule, ev.ruleId, seconds);
  }
  h.begin(REPUTATION).device(-1, ev.device);
  return h
    .mix(MESSAGE_TYPES.indexOf(ev.messageType))
    .num(seconds)
    .text(ev.repAddress ?? '');
}

/**
 * Remembers which events were stored and from which source, across all sources. Each slot
 * holds its tag (empty, deleted, or the owning source plus one) and the key's hash side by
 * side: one cache line for a probe, where separate arrays cost a miss each on a table of
 * millions of slots, and twelve bytes a slot where a state and an owner of their own took
 * sixteen (8 MiB less for a million events).
 */
export class Ledger {
  /** Per slot: tag, hash hi, hash lo. */
  #slots = new Int32Array(S * 1024);
  #used = 0;
  #size = 0;
  readonly #key = new KeyHash();

  /** True the first time an event's key is offered; false for every later copy. */
  claim(ev: SecEvent, owner = 0): boolean {
    return this.claimKey(keyOf(this.#key, ev), owner);
  }

  /** `claim` for a key already hashed (securityKey, keyOf). `owner` is 0 or more. */
  claimKey(key: KeyHash, owner = 0): boolean {
    const hi = key.a | 0;
    const lo = key.b | 0;
    const slots = this.#slots;
    const mask = slots.length / S - 1;
    let i = (hi ^ lo) & mask;
    let free = -1;
    for (let tag = slots[S * i]!; tag !== EMPTY; tag = slots[S * i]!) {
      if (tag > 0 && slots[S * i + 1] === hi && slots[S * i + 2] === lo) return false;
      if (tag === DELETED && free < 0) free = i;
      i = (i + 1) & mask;
    }
    const at = free >= 0 ? free : i;
    if (free < 0) this.#used++;
    slots[S * at] = owner + 1;
    slots[S * at + 1] = hi;
    slots[S * at + 2] = lo;
    this.#size++;
    if (this.#used * 2 > mask + 1) this.#grow();
    return true;
  }

  /** Forgets the events a source owned, before it is read again or removed. */
  forget(owner: number): void {
    const slots = this.#slots;
    const tag = owner + 1;
    for (let i = 0; i < slots.length; i += S) {
      if (slots[i] === tag) {
        slots[i] = DELETED;
        this.#size--;
      }
    }
  }

  /** Number of distinct events stored. */
  get size(): number {
    return this.#size;
  }

  /**
   * Makes room for `more` keys beyond those held, in one step: a million keys added one by
   * one would move every key about twice as the table doubles, each move a cache miss.
   */
  reserve(more: number): void {
    let capacity = this.#slots.length / S;
    while ((this.#used + more) * 2 > capacity) capacity *= 2;
    if (capacity > this.#slots.length / S) this.#grow(capacity);
  }

  #grow(capacity = (this.#slots.length / S) * 2): void {
    const old = this.#slots;
    const slots = new Int32Array(capacity * S);
    const mask = slots.length / S - 1;
    this.#used = 0;
    this.#size = 0;
    for (let j = 0; j < old.length; j += S) {
      if (old[j]! <= 0) continue;
      let i = (old[j + 1]! ^ old[j + 2]!) & mask;
      while (slots[S * i] !== EMPTY) i = (i + 1) & mask;
      slots[S * i] = old[j]!;
      slots[S * i + 1] = old[j + 1]!;
      slots[S * i + 2] = old[j + 2]!;
      this.#used++;
      this.#size++;
    }
    this.#slots = slots;
  }
}
