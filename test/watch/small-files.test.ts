/**
 * Small files are read whole once by the walk: their lines come from those bytes (when the
 * file is still as read), a watched file is tailed on from them, and a file left alone for
 * a while is not looked at again after its first read: the watcher reports later writes.
 */
import { appendFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findSources,
  rawLines,
  readBytesFrom,
  readFileFrom,
  type FileSnapshot,
  type LineBatch,
  type RawLine,
  type TailRead,
} from '../../electron/engine/read/index.js';
import { readInFull, settledAt } from '../../electron/engine/watch/tracked.js';
import { liveMirror, put, tempDir } from './helpers.js';

async function linesOf(read: AsyncIterable<LineBatch>): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const batch of read) out.push(...rawLines(batch));
  return out;
}

/** The text source the walk finds for one file. */
async function foundText(file: string) {
  for await (const found of findSources([file])) {
    if (found.type === 'text') return found.source;
  }
  throw new Error(`no text source for ${file}`);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the walk of a small file', () => {
  it('hands over its bytes and the stat taken before reading them', async () => {
    const file = await put(path.join(await tempDir(), 'cam.log'), 'one\ntwo\n');
    const source = await foundText(file);
    expect(source.snapshot?.bytes.toString()).toBe('one\ntwo\n');
    expect(source.snapshot?.stats.ino).toBe((await stat(file)).ino);
    expect((await linesOf(source.batches())).map((l) => l.text)).toEqual(['one', 'two']);
  });

  it('reads the file again when it was written to after the walk read it', async () => {
    const file = await put(path.join(await tempDir(), 'cam.log'), 'old one\nold two\n');
    const source = await foundText(file);
    // The same size: only the file's times tell that it changed.
    await writeFile(file, 'new one\nnew two\n');
    const told = (await stat(file)).ctimeMs !== source.snapshot?.stats.ctimeMs;
    const texts = (await linesOf(source.batches())).map((l) => l.text);
    // Two writes within one tick of the file system's clock look alike; then the walk's
    // bytes are the file as it was a moment ago, which is also a true reading.
    if (told) expect(texts).toEqual(['new one', 'new two']);
    else
      expect([
        ['new one', 'new two'],
        ['old one', 'old two'],
      ]).toContainEqual(texts);
  });

  it('is not kept for a file larger than a sniff sample', async () => {
    const big = `${'x'.repeat(99)}\n`.repeat(1000);
    const file = await put(path.join(await tempDir(), 'big.log'), big);
    const source = await foundText(file);
    expect(source.snapshot).toBeUndefined();
    expect(await linesOf(source.batches())).toHaveLength(1000);
  });
});

describe('tailing from the bytes the walk read', () => {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  it.each([
    { name: 'complete lines', bytes: Buffer.from('one\ntwo\n'), encoding: 'utf-8' as const },
    {
      name: 'a partial last line',
      bytes: Buffer.from('one\r\ntwo\npar'),
      encoding: 'utf-8' as const,
    },
    { name: 'a BOM', bytes: Buffer.from('\uFEFFuno\ndos\n'), encoding: 'utf-8-bom' as const },
    {
      name: 'UTF-16 with a BOM',
      bytes: utf16('\uFEFFuno\r\ndós\r\ntr'),
      encoding: 'utf-16le-bom' as const,
    },
    { name: 'blank lines', bytes: Buffer.from('\n\nx\n\n'), encoding: 'utf-8' as const },
    {
      name: 'a line over the limit',
      bytes: Buffer.from(`short\n${'y'.repeat(300)}\nafter\n`),
      encoding: 'utf-8' as const,
    },
  ])('gives the lines and resume point the file read gives ($name)', async (c) => {
    const file = await put(path.join(await tempDir(), 'cam.log'), c.bytes);
    const options = { batchLines: 2, maxLineBytes: 100 };
    const fromFile = readFileFrom(file, 0, c.encoding, options);
    const fromBytes: TailRead = readBytesFrom(c.bytes, c.encoding, options);
    expect(await linesOf(fromBytes)).toEqual(await linesOf(fromFile));
    expect(fromBytes.resume).toEqual(fromFile.resume);
  });
});

describe('whether a file read whole needs another look', () => {
  it('is settled only when its last write is well before the look', async () => {
    const file = await put(path.join(await tempDir(), 'cam.log'), 'a\n');
    const stats = await stat(file);
    const changed = Math.max(stats.mtimeMs, stats.ctimeMs);
    expect(settledAt(stats, changed + 60_000)).toBe(true);
    expect(settledAt(stats, changed + 1_000)).toBe(false);
    const snapshot = (at: number): FileSnapshot => ({ bytes: Buffer.from('a\n'), stats, at });
    expect(readInFull(snapshot(changed + 60_000), 2)).toBe(true);
    // A line held back (no newline yet) or lines not read: look again.
    expect(readInFull(snapshot(changed + 60_000), 0)).toBe(false);
    // Written just before: it may still be being written, look again.
    expect(readInFull(snapshot(changed + 1_000), 2)).toBe(false);
  });
});

describe.each([
  { mode: 'native', poll: false },
  { mode: 'polling', poll: true },
])('a small file left alone for a while, watched ($mode)', ({ poll }) => {
  /** Makes files written now look written a minute before they are looked at. */
  function lookLater(): void {
    const now = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => now() + 60_000);
  }

  it('is read once by the scan, then read on from where it stopped as it grows', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'cam.log'), 'A\nB\n');
    lookLater();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.texts(file)).toEqual(['A', 'B']);
    expect(mirror.events.map((e) => e.type)).toEqual(['found']);
    await appendFile(file, 'C\nD');
    await mirror.until('line C', () => mirror.texts(file).length === 3);
    await appendFile(file, '\n');
    await mirror.until('line D', () => mirror.texts(file).length === 4);
    expect(mirror.texts(file)).toEqual(['A', 'B', 'C', 'D']);
    expect(mirror.of('reset', file)).toEqual([]);
    expect(mirror.problems).toEqual([]);
  });

  it('is read again when rewritten in place to the same size', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'cam.log'), 'old one\nold two\n');
    lookLater();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    await writeFile(file, 'new one\nnew two\n');
    await mirror.until('the new content', () => mirror.texts(file)[0] === 'new one');
    expect(mirror.texts(file)).toEqual(['new one', 'new two']);
    expect(mirror.of('reset', file)).toHaveLength(1);
    expect(mirror.problems).toEqual([]);
  });

  it('delivers its lines as lines events when the found source is not read', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'cam.log'), 'A\nB\n');
    lookLater();
    const { reader, mirror } = liveMirror({ poll });
    mirror.readFound = false;
    await reader.add(dir);
    expect(mirror.texts(file)).toEqual(['A', 'B']);
    expect(mirror.events.map((e) => e.type)).toEqual(['found', 'lines']);
    expect(mirror.problems).toEqual([]);
  });

  it('holds back a last line without a newline, as any other file', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'cam.log'), 'A\nB');
    lookLater();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.texts(file)).toEqual(['A']);
    await appendFile(file, 'C\n');
    await mirror.until('line BC', () => mirror.texts(file).length === 2);
    expect(mirror.texts(file)).toEqual(['A', 'BC']);
    expect(mirror.problems).toEqual([]);
  });
});
