import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../electron/engine/read/lines.js';
import type { Layout } from '../../electron/engine/read/encoding.js';
import { rawLines, type RawLine } from '../../electron/engine/read/index.js';
import { BatchBuilder } from '../../electron/engine/read/line-batch.js';
import { put, readAll, tempDir, texts } from './helpers.js';

const UTF8: Layout = { encoding: 'utf-8', bom: 0, newline: 0x0a };

/** Feeds the bytes in pieces of `step` bytes, as a slow stream would. */
function split(bytes: Buffer, layout: Layout, step: number, maxLineBytes = 1 << 20): RawLine[] {
  const splitter = new LineSplitter(layout, { maxLineBytes });
  const out = new BatchBuilder(1);
  for (let i = 0; i < bytes.length; i += step) splitter.push(bytes.subarray(i, i + step), out);
  splitter.end(out);
  return rawLines(out.take(out.count));
}

describe('line splitting', () => {
  it('strips the CR of CRLF lines and counts it out of the line bytes', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.log'), 'one\r\ntwo\r\n');
    const [read] = await readAll([dir]);
    expect(read?.lines).toEqual([
      { no: 1, offset: 0, bytes: 3, text: 'one' },
      { no: 2, offset: 5, bytes: 3, text: 'two' },
    ]);
  });

  it('yields a final line that has no newline', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.log'), 'one\nlast');
    expect(texts(await readAll([dir]))).toEqual(['one', 'last']);
  });

  it('numbers blank lines and yields them', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.log'), '\none\n\n\ntwo\n');
    const [read] = await readAll([dir]);
    expect(read?.lines?.map((l) => [l.no, l.offset, l.text])).toEqual([
      [1, 0, ''],
      [2, 1, 'one'],
      [3, 5, ''],
      [4, 6, ''],
      [5, 7, 'two'],
    ]);
  });

  it('splits an old Mac file on CR when it has no LF at all', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.log'), 'one\rtwo\r');
    expect(texts(await readAll([dir]))).toEqual(['one', 'two']);
  });

  it('gives the same lines whatever the chunk size', () => {
    const bytes = Buffer.from('alpha\r\nbé\n\nlast line');
    const whole = split(bytes, UTF8, bytes.length);
    for (const step of [1, 2, 3, 7]) expect(split(bytes, UTF8, step)).toEqual(whole);
    expect(whole.map((l) => l.text)).toEqual(['alpha', 'bé', '', 'last line']);
  });

  it('splits UTF-16 only on whole units even when chunks cut a unit in half', () => {
    const layout: Layout = { encoding: 'utf-16le-bom', bom: 2, newline: 0x0a };
    // U+0A0A has the LF byte in both halves; it must not end a line.
    const bytes = Buffer.from('\uFEFFa\u0A0Ab\r\nc', 'utf16le');
    for (const step of [1, 3, 5, bytes.length]) {
      expect(split(bytes, layout, step)).toEqual([
        { no: 1, offset: 2, bytes: 6, text: 'a\u0A0Ab' },
        { no: 2, offset: 12, bytes: 2, text: 'c' },
      ]);
    }
  });

  it('cuts a line over maxLineBytes to its head and reports its full length', () => {
    const long = 'x'.repeat(5000);
    const bytes = Buffer.from(`first\n${long}\r\nnext\n`);
    for (const step of [1000, bytes.length]) {
      const lines = split(bytes, UTF8, step, 100);
      expect(lines[1]).toEqual({
        no: 2,
        offset: 6,
        bytes: 5000,
        text: 'x'.repeat(100),
        tooLong: true,
      });
      expect(lines[2]).toEqual({ no: 3, offset: 5008, bytes: 4, text: 'next' });
    }
  });

  it('decodes at most 4 KiB of a too-long line, never half a character', () => {
    const bytes = Buffer.from('a' + 'é'.repeat(10_000) + '\n');
    const [line] = split(bytes, UTF8, 65536, 8192);
    expect(line?.tooLong).toBe(true);
    expect(line?.bytes).toBe(20_001);
    expect(line?.text).toBe('a' + 'é'.repeat(2047));
  });

  it('keeps a line of exactly maxLineBytes whole', () => {
    const [line] = split(Buffer.from('abcd\r\n'), UTF8, 1, 4);
    expect(line).toEqual({ no: 1, offset: 0, bytes: 4, text: 'abcd' });
  });

  it('reads a file larger than one chunk with exact offsets', async () => {
    const dir = await tempDir();
    const lines = Array.from({ length: 120_000 }, (_, i) => `line ${i} ${'é'.repeat(i % 7)}`);
    const body = Buffer.from(lines.join('\n') + '\n');
    await put(path.join(dir, 'big.log'), body);
    const [read] = await readAll([dir], { batchLines: 50_000 });
    // Batches end with the chunk whose lines they hold, and are never over batchLines.
    expect(Math.max(...read!.batchSizes!)).toBeLessThanOrEqual(50_000);
    expect(read!.batchSizes!.length).toBeGreaterThan(1);
    expect(read?.lines?.map((l) => l.text)).toEqual(lines);
    const atOffsets = read!.lines!.map((l) => body.toString('utf8', l.offset, l.offset + l.bytes));
    expect(atOffsets).toEqual(lines);
  });

  it('takes ASCII chunks whole, with exact offsets across chunks, CRLF and blank lines', async () => {
    const dir = await tempDir();
    const lines = Array.from({ length: 60_000 }, (_, i) => (i % 11 === 0 ? '' : `line ${i} x`));
    const body = Buffer.from(lines.join('\r\n') + '\r\n');
    await put(path.join(dir, 'big.log'), body);
    const [read] = await readAll([dir], { batchLines: 7_000 });
    expect(Math.max(...read!.batchSizes!)).toBeLessThanOrEqual(7_000);
    expect(read?.lines?.map((l) => l.text)).toEqual(lines);
    expect(read?.lines?.map((l) => l.no)).toEqual(lines.map((_, i) => i + 1));
    const atOffsets = read!.lines!.map((l) => body.toString('utf8', l.offset, l.offset + l.bytes));
    expect(atOffsets).toEqual(lines);
  });
});
