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
  #spans: number[] = [];
  #offsets: number[] = [];
  #bytes: number[] = [];
  #cut: number[] = [];

  constructor(
    /** The number the next line taken out will have. */
    private first: number,
  ) {}

  /** Lines held. */
  get count(): number {
    return this.#offsets.length;
  }

  /** Where the first line held starts and the number it has, or null when none is held. */
  get next(): { offset: number; line: number } | null {
    return this.count > 0 ? { offset: this.#offsets[0]!, line: this.first } : null;
  }

  /** Characters held. */
  get chars(): number {
    return this.#text.length;
  }

  /** Adds a line given as its own string. */
  line(text: string, offset: number, bytes: number, cut = false): void {
    if (cut) this.#cut.push(this.count);
    const start = this.#text.length;
    this.#text += text;
    this.#spans.push(start, this.#text.length);
    this.#offsets.push(offset);
    this.#bytes.push(bytes);
    this.#text += '\n';
  }

  /** Starts a region of text whose lines are added with `span`. */
  region(text: string): void {
    this.#base = this.#text.length;
    this.#text += text;
  }

  /** Adds a line at `start`..`end` of the current region. */
  span(start: number, end: number, offset: number, bytes: number): void {
    this.#spans.push(this.#base + start, this.#base + end);
    this.#offsets.push(offset);
    this.#bytes.push(bytes);
  }

  /** Takes the first `n` lines (at most all) out as a batch. */
  take(n: number): LineBatch {
    const count = Math.min(n, this.count);
    const spans = this.#spans.splice(0, 2 * count);
    const rest = this.#spans;
    // The text up to the last line taken; what follows starts where the next line does.
    const end = count > 0 ? spans[2 * count - 1]! : 0;
    const next = rest.length > 0 ? rest[0]! : this.#text.length;
    const batch: LineBatch = {
      first: this.first,
      count,
      text: this.#text.slice(0, end),
      spans: Int32Array.from(spans),
      offsets: Float64Array.from(this.#offsets.splice(0, count)),
      bytes: Float64Array.from(this.#bytes.splice(0, count)),
      cut: [],
    };
    while (this.#cut.length > 0 && this.#cut[0]! < count) batch.cut.push(this.#cut.shift()!);
    for (let i = 0; i < this.#cut.length; i++) this.#cut[i] = this.#cut[i]! - count;
    this.first += count;
    this.#text = this.#text.slice(next);
    this.#base -= next;
    for (let i = 0; i < rest.length; i++) rest[i] = rest[i]! - next;
    return batch;
  }
}
