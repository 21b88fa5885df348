/**
 * Lines packed for handing over: one string holding every line's text and typed arrays
 * saying where each line sits, in the text and in the source's bytes. A million lines as
 * one object each cost the reader an allocation per line and the parse thread a copy of
 * each object; a batch crosses threads as one string copy and a few typed arrays, and the
 * parser reads a line in place (parse/scan.ts) without making a string of it.
 */
import type { RawLine } from './types.js';

/** Consecutive lines of a source (blank ones included: they are numbered too). */
export interface LineBatch {
  /** The number of the first line; line `i` of the batch is number `first + i`. */
  first: number;
  count: number;
  /** Holds every line's text; line `i` is `text.slice(spans[2i], spans[2i + 1])`. */
  text: string;
  spans: Int32Array;
  /** Byte offset of each line's first byte in the (decompressed) source. */
  offsets: Float64Array;
  /** Byte length of each line without its ending (of the whole line when it was cut). */
  bytes: Float64Array;
  /** Batch indexes of the lines cut for being too long (their text is only the head). */
  cut: number[];
}

/** The text of line `i` of a batch. */
export function lineText(batch: LineBatch, i: number): string {
  return batch.text.slice(batch.spans[2 * i]!, batch.spans[2 * i + 1]!);
}

/** Line `i` of a batch as a RawLine. */
export function rawLine(batch: LineBatch, i: number): RawLine {
  const line: RawLine = {
    no: batch.first + i,
    offset: batch.offsets[i]!,
    bytes: batch.bytes[i]!,
    text: lineText(batch, i),
  };
  if (batch.cut.includes(i)) line.tooLong = true;
  return line;
}

/** Every line of a batch as RawLines (tests, and readers of a few lines). */
export function rawLines(batch: LineBatch): RawLine[] {
  return Array.from({ length: batch.count }, (_, i) => rawLine(batch, i));
}

/** Packs consecutive RawLines (numbered one after another) into a batch. */
export function batchOf(lines: readonly RawLine[]): LineBatch {
  const out = new BatchBuilder(lines[0]?.no ?? 1);
  for (const l of lines) out.line(l.text, l.offset, l.bytes, l.tooLong === true);
  return out.take(out.count);
}

/**
 * Collects lines as the splitter finds them and hands them out as batches. Lines come
 * either as strings of their own (`line`) or as spans of a region of text that holds many
 * of them (`region`, then `span` for each): the common case, a chunk of ASCII, is decoded
 * once instead of once per line.
 */
export class BatchBuilder {
  #text = '';
  /** Start of the current region in #text. */
  #base = 0;
  #spans = new Int32Array(2 * 1024);
  #offsets = new Float64Array(1024);
  #bytes = new Float64Array(1024);
  /** Lines held are #from..#to of the arrays. */
  #from = 0;
  #to = 0;
  #cut: number[] = [];

  constructor(
    /** The number the next line taken out will have. */
    private first: number,
  ) {}

  /** Lines held. */
  get count(): number {
    return this.#to - this.#from;
  }

  /** Where the first line held starts and the number it has, or null when none is held. */
  get next(): { offset: number; line: number } | null {
    return this.count > 0 ? { offset: this.#offsets[this.#from]!, line: this.first } : null;
  }

  /** Characters held. */
  get chars(): number {
    return this.#text.length;
  }

  /** Room for one more line. */
  #room(): void {
    if (this.#to < this.#offsets.length) return;
    const n = this.count;
    // Keep the lines held at the start, in arrays twice as long when they are more than half full.
    const size = n * 2 > this.#offsets.length ? this.#offsets.length * 2 : this.#offsets.length;
    const spans = new Int32Array(2 * size);
    const offsets = new Float64Array(size);
    const bytes = new Float64Array(size);
    spans.set(this.#spans.subarray(2 * this.#from, 2 * this.#to));
    offsets.set(this.#offsets.subarray(this.#from, this.#to));
    bytes.set(this.#bytes.subarray(this.#from, this.#to));
    this.#spans = spans;
    this.#offsets = offsets;
    this.#bytes = bytes;
    this.#from = 0;
    this.#to = n;
  }

  #push(start: number, end: number, offset: number, bytes: number): void {
    this.#room();
    const i = this.#to++;
    this.#spans[2 * i] = start;
    this.#spans[2 * i + 1] = end;
    this.#offsets[i] = offset;
    this.#bytes[i] = bytes;
  }

  /** Adds a line given as its own string. */
  line(text: string, offset: number, bytes: number, cut = false): void {
    if (cut) this.#cut.push(this.count);
    const start = this.#text.length;
    this.#text += text;
    this.#push(start, this.#text.length, offset, bytes);
    this.#text += '\n';
  }

  /** Starts a region of text whose lines are added with `span`. */
  region(text: string): void {
    this.#base = this.#text.length;
    this.#text += text;
  }

  /** Adds a line at `start`..`end` of the current region. */
  span(start: number, end: number, offset: number, bytes: number): void {
    this.#push(this.#base + start, this.#base + end, offset, bytes);
  }

  /** Takes the first `n` lines (at most all) out as a batch. */
  take(n: number): LineBatch {
    const count = Math.min(n, this.count);
    const from = this.#from;
    const to = from + count;
    const spans = this.#spans.slice(2 * from, 2 * to);
    // The text up to the last line taken; what follows starts where the next line does.
    const end = count > 0 ? spans[2 * count - 1]! : 0;
    const next = to < this.#to ? this.#spans[2 * to]! : this.#text.length;
    const batch: LineBatch = {
      first: this.first,
      count,
      text: this.#text.slice(0, end),
      spans,
      offsets: this.#offsets.slice(from, to),
      bytes: this.#bytes.slice(from, to),
      cut: [],
    };
    while (this.#cut.length > 0 && this.#cut[0]! < count) batch.cut.push(this.#cut.shift()!);
    for (let i = 0; i < this.#cut.length; i++) this.#cut[i] = this.#cut[i]! - count;
    this.first += count;
    this.#from = to;
    if (this.#from === this.#to) this.#from = this.#to = 0;
    // What is left is moved to the start of the text.
    this.#text = this.#text.slice(next);
    this.#base -= next;
    for (let i = 2 * this.#from; i < 2 * this.#to; i++) this.#spans[i] = this.#spans[i]! - next;
    return batch;
  }
}
