/**
 * The parse side's dictionary of addresses: every distinct address text it has handed to
 * the store gets a small index, and each batch carries only the texts first named in it.
 * The store turns indexes into its own address ids (store/addrs.ts), so an address that
 * appears on half a million lines crosses between the threads once, and the fast path
 * (parse/scan.ts) never makes a string of it: a canonical IPv4 address is looked up by its
 * 32-bit value.
 */
import { canonicalV4, formatV4 } from '../../../shared/address.js';

const EMPTY = -1;

/** Unsigned 32-bit keys to indexes, in typed arrays (open addressing, linear probing). */
class U32Map {
  #keys = new Uint32Array(1024);
  #values = new Int32Array(1024).fill(EMPTY);
  #size = 0;

  get(key: number): number {
    const mask = this.#keys.length - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    for (;;) {
      const v = this.#values[i]!;
      if (v === EMPTY || this.#keys[i] === key) return v;
      i = (i + 1) & mask;
    }
  }

  set(key: number, value: number): void {
    const mask = this.#keys.length - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.#values[i] !== EMPTY && this.#keys[i] !== key) i = (i + 1) & mask;
    if (this.#values[i] === EMPTY) this.#size++;
    this.#keys[i] = key;
    this.#values[i] = value;
    if (this.#size * 2 > this.#keys.length) this.#grow();
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Uint32Array(keys.length * 2);
    this.#values = new Int32Array(keys.length * 2).fill(EMPTY);
    this.#size = 0;
    for (let j = 0; j < keys.length; j++) if (values[j] !== EMPTY) this.set(keys[j]!, values[j]!);
  }
}

/** The addresses a batch names for the first time, for the store to learn. */
export interface DictionaryPart {
  /** Tells dictionaries apart, so a store never mixes the indexes of two. */
  id: number;
  /** The index of `texts[0]`; the others follow. */
  first: number;
  texts: string[];
}

/** Address texts to indexes, and the texts not yet handed over. */
export class AddressDictionary {
  readonly id = Math.floor(Math.random() * 2 ** 31);
  readonly #v4 = new U32Map();
  readonly #other = new Map<string, number>();
  readonly #texts: string[] = [];
  /** Index of the first text not handed over yet. */
  #handed = 0;

  /** The index of a canonical IPv4 address given as its value. */
  v4(value: number): number {
    const known = this.#v4.get(value);
    if (known !== EMPTY) return known;
    return this.#add(formatV4(value), value);
  }

  /** The index of an address or host name as written (canonical IPv4 goes by its value). */
  text(text: string): number {
    const value = canonicalV4(text);
    if (value >= 0) return this.v4(value);
    const known = this.#other.get(text);
    if (known !== undefined) return known;
    return this.#add(text, -1);
  }

  /** The text of an index. */
  textOf(index: number): string {
    return this.#texts[index]!;
  }

  /** The texts named since the last call. */
  drain(): DictionaryPart {
    const first = this.#handed;
    this.#handed = this.#texts.length;
    return { id: this.id, first, texts: this.#texts.slice(first) };
  }

  #add(text: string, value: number): number {
    const index = this.#texts.length;
    this.#texts.push(text);
    if (value >= 0) this.#v4.set(value, index);
    else this.#other.set(text, index);
    return index;
  }
}
