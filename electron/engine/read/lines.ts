/**
 * Splits a byte stream into numbered lines with exact byte offsets. Splitting happens on
 * bytes (for UTF-16 on whole two-byte units) before decoding, so offsets stay exact.
 */
import { isAscii } from 'node:buffer';
import { decoderFor, unitsOf, type Decode, type Layout } from './encoding.js';
import type { BatchBuilder } from './line-batch.js';
import { HEAD_BYTES } from './limits.js';
import type { RawLine } from './types.js';

/** Where the splitter starts and how long a line may be. */
export interface SplitOptions {
  maxLineBytes: number;
  /** Number of the first line (default 1). */
  firstLine?: number;
  /** Stream offset of the first byte pushed (default 0); a BOM is only skipped at 0. */
  startOffset?: number;
}

/** Stateful splitter: push chunks in order, then call `end` (or read `pending` to resume). */
export class LineSplitter {
  private readonly unit: 1 | 2;
  private readonly newline: Buffer;
  private readonly cr: Buffer | null;
  private readonly decode: Decode;
  private readonly utf8: boolean;
  /** One byte per character for ASCII (UTF-8 and Windows-1252): lines can be taken as spans. */
  private readonly plainBytes: boolean;
  private readonly maxLine: number;
  private readonly headBytes: number;
  private no: number;
  /** Stream offset of the next byte pushed. */
  private pos: number;
  /** Stream offset of the current line's first byte. */
  private lineStart: number;
  /** BOM bytes still to drop. */
  private skip: number;
  /** Half a UTF-16 unit left over from the last chunk. */
  private odd: Buffer | null = null;
  /** Bytes kept of the current line: all of it, or its head once it is too long. */
  private parts: Buffer[] = [];
  private kept = 0;
  /** Bytes of the current line so far, kept or not. */
  private length = 0;
  /** The current line's last code unit, to strip a CR that ended a chunk. */
  private last: Buffer | null = null;

  constructor(layout: Layout, options: SplitOptions) {
    const { size, bigEndian } = unitsOf(layout.encoding);
    this.unit = size;
    this.newline = unitBytes(layout.newline, size, bigEndian);
    this.cr = layout.newline === 0x0d ? null : unitBytes(0x0d, size, bigEndian);
    this.decode = decoderFor(layout.encoding);
    this.utf8 = layout.encoding.startsWith('utf-8');
    this.plainBytes = size === 1;
    this.maxLine = options.maxLineBytes;
    this.headBytes = Math.min(HEAD_BYTES, options.maxLineBytes) & (size === 2 ? ~1 : ~0);
    this.no = options.firstLine ?? 1;
    this.pos = options.startOffset ?? 0;
    this.skip = this.pos === 0 ? layout.bom : 0;
    this.lineStart = this.pos + this.skip;
  }

  /** Where the line not yet ended starts, and the number it will get. */
  get pending(): { offset: number; line: number } {
    return { offset: this.lineStart, line: this.no };
  }

  /** Feeds the next bytes; complete lines are appended to `out`. */
  push(chunk: Buffer, out: BatchBuilder): void {
    let buf = chunk;
    if (this.skip > 0) {
      const drop = Math.min(this.skip, buf.length);
      buf = buf.subarray(drop);
      this.skip -= drop;
      this.pos += drop;
    }
    if (this.odd !== null) {
      buf = Buffer.concat([this.odd, buf]);
      this.odd = null;
    }
    if (this.unit === 2 && buf.length % 2 === 1) {
      // Keep the half unit so every piece starts on a unit boundary.
      this.odd = Buffer.from(buf.subarray(buf.length - 1));
      buf = buf.subarray(0, buf.length - 1);
    }
    let from = 0;
    if (this.length > 0) {
      // The line the last chunk left open ends first.
      const i = this.findNewline(buf, 0);
      if (i !== -1) {
        this.append(buf, 0, i);
        emit(out, this.finishLine());
        from = i + this.unit;
        this.lineStart = this.pos + from;
      }
    }
    if (this.length === 0 && this.plainBytes) from = this.region(buf, from, out);
    for (let i = this.findNewline(buf, from); i !== -1; i = this.findNewline(buf, from)) {
      if (this.length === 0 && this.unit === 1 && i - from <= this.maxLine) {
        // A whole line inside this chunk: decoded straight from the chunk, without keeping
        // pieces (the general path below costs several Buffer views a line).
        const end = this.cr !== null && i > from && buf[i - 1] === 0x0d ? i - 1 : i;
        out.line(this.decode(buf.subarray(from, end)), this.lineStart, end - from);
        this.no++;
      } else {
        this.append(buf, from, i);
        emit(out, this.finishLine());
      }
      from = i + this.unit;
      this.lineStart = this.pos + from;
    }
    this.append(buf, from, buf.length);
    this.pos += buf.length;
  }

  /**
   * The common case, complete lines of ASCII: the chunk's lines are decoded in one piece
   * and handed over as spans of it. Returns where the lines it took end; a line too long
   * for it, or bytes that are not ASCII, are left to the general path.
   */
  private region(buf: Buffer, from: number, out: BatchBuilder): number {
    const nl = this.newline[0]!;
    const last = buf.lastIndexOf(nl);
    if (last < from || !isAscii(buf.subarray(from, last))) return from;
    const text = buf.toString('latin1', from, last + 1);
    const newline = nl === 0x0a ? '\n' : '\r';
    const stripCr = this.cr !== null;
    out.region(text);
    let s = 0;
    for (let i = text.indexOf(newline); i !== -1; i = text.indexOf(newline, s)) {
      if (i - s > this.maxLine) break;
      const end = stripCr && i > s && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
      out.span(s, end, this.pos + from + s, end - s);
      this.no++;
      s = i + 1;
    }
    from += s;
    this.lineStart = this.pos + from;
    return from;
  }

  /** Ends the stream: a last line without a newline is still a line. */
  end(out: BatchBuilder): void {
    if (this.odd !== null) {
      this.append(this.odd, 0, this.odd.length);
      this.odd = null;
    }
    if (this.length > 0) emit(out, this.finishLine());
  }

  private findNewline(buf: Buffer, from: number): number {
    let i = buf.indexOf(this.newline, from);
    // A UTF-16 newline must start on a unit boundary; pieces always start on one.
    while (i !== -1 && this.unit === 2 && i % 2 === 1) i = buf.indexOf(this.newline, i + 1);
    return i;
  }

  private append(buf: Buffer, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    this.last = n >= this.unit ? buf.subarray(end - this.unit, end) : null;
    this.length += n;
    // Keep one unit beyond the limit so a CR before the newline can still be stripped.
    if (this.kept > this.maxLine + this.unit) return;
    this.parts.push(buf.subarray(start, end));
    this.kept += n;
    if (this.kept > this.maxLine + this.unit) {
      // Too long: keep only the head and drop the rest as it arrives.
      const head = Buffer.from(Buffer.concat(this.parts).subarray(0, this.headBytes + 4));
      this.parts = [head];
    }
  }

  private finishLine(): RawLine {
    let bytes = this.length;
    if (this.cr !== null && this.last !== null && this.last.equals(this.cr)) bytes -= this.unit;
    const joined = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const line: RawLine = { no: this.no, offset: this.lineStart, bytes, text: '' };
    if (bytes > this.maxLine) {
      line.tooLong = true;
      line.text = this.decode(joined.subarray(0, this.cutHead(joined)));
    } else {
      line.text = this.decode(joined.subarray(0, bytes));
    }
    this.no++;
    this.parts = [];
    this.kept = 0;
    this.length = 0;
    this.last = null;
    return line;
  }

  /** Length of the decoded head: backs off so a UTF-8 character is not cut in half. */
  private cutHead(joined: Buffer): number {
    let end = Math.min(this.headBytes, joined.length);
    if (this.utf8) {
      while (end > 0 && end < joined.length && (joined[end]! & 0xc0) === 0x80) end--;
    }
    return end;
  }
}

function emit(out: BatchBuilder, line: RawLine): void {
  out.line(line.text, line.offset, line.bytes, line.tooLong === true);
}

function unitBytes(code: number, size: 1 | 2, bigEndian: boolean): Buffer {
  if (size === 1) return Buffer.from([code]);
  return Buffer.from(bigEndian ? [0, code] : [code, 0]);
}
