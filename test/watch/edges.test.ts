import { appendFile, chmod, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReadError } from '../../electron/engine/read/index.js';
import { LiveReader, type LiveEvent } from '../../electron/engine/watch/index.js';
import { buildZip } from '../read/zip-helper.js';
import { FAST, liveMirror, Mirror, put, tempDir } from './helpers.js';

const asRoot = process.getuid?.() === 0;

describe.each([
  { mode: 'native', poll: false },
  { mode: 'polling', poll: true },
])('LiveReader edge cases ($mode)', ({ poll }) => {
  it('reports a root that does not exist as failed and gone, without throwing', async () => {
    const dir = await tempDir();
    const missing = path.join(dir, 'no-stick');
    const { reader, mirror } = liveMirror({ poll });
    const root = await reader.add(missing);
    expect(mirror.of('found')[0]?.found).toMatchObject({ type: 'failed', path: missing });
    expect(mirror.events.at(-1)).toEqual({ type: 'root-gone', rootId: root.id });
  });

  it('tails a single file given as the root', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'syslog'), 'first\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(file);
    await appendFile(file, 'second\n');
    await mirror.until('the second line', () => mirror.texts(file).length === 2);
    expect(mirror.texts(file)).toEqual(['first', 'second']);
    expect(mirror.problems).toEqual([]);
  });

  it('delivers every line as lines events when the found source is not read', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'a.log'), 'one\ntwo\nthr');
    const mirror = new Mirror();
    mirror.readFound = false;
    let late: { batches(): AsyncIterable<unknown> } | null = null;
    const reader = new LiveReader({
      ...FAST,
      poll,
      onEvent: async (e: LiveEvent) => {
        if (e.type === 'found' && e.found.type === 'text') late = e.found.source;
        await mirror.onEvent(e);
      },
    });
    try {
      await reader.add(dir);
      expect(mirror.texts(file)).toEqual(['one', 'two']);
      await appendFile(file, 'ee\n');
      await mirror.until('line three', () => mirror.texts(file).length === 3);
      expect(mirror.texts(file)).toEqual(['one', 'two', 'three']);
      // Reading the source after its event would count lines twice: it refuses.
      const reading = (async () => {
        for await (const _ of late!.batches()) void _;
      })();
      await expect(reading).rejects.toThrow(ReadError);
      expect(mirror.problems).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('reports a failing handler as an error event and keeps watching', async () => {
    const dir = await tempDir();
    const mirror = new Mirror();
    const reader = new LiveReader({
      ...FAST,
      poll,
      onEvent: async (e: LiveEvent) => {
        await mirror.onEvent(e);
        if (
          e.type === 'found' &&
          e.found.type === 'text' &&
          e.found.source.path.endsWith('bad.log')
        ) {
          throw new Error('store is full');
        }
      },
    });
    try {
      await reader.add(dir);
      const bad = await put(path.join(dir, 'bad.log'), 'x\n');
      await mirror.until('the error', () => mirror.of('error', bad).length === 1);
      expect(mirror.of('error', bad)[0]?.reason).toMatch(/handler failed: store is full/);
      const good = await put(path.join(dir, 'good.log'), 'y\n');
      await mirror.until('the next file', () => mirror.texts(good).length === 1);
    } finally {
      await reader.close();
    }
  });

  it('tails a UTF-16 log with a byte order mark', async () => {
    const dir = await tempDir();
    const utf16 = (s: string) => Buffer.from(s, 'utf16le');
    const file = await put(path.join(dir, 'win.txt'), Buffer.concat([utf16('\uFEFFuno\r\n')]));
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.held.get(file)?.found).toMatchObject({ source: { encoding: 'utf-16le-bom' } });
    await appendFile(file, utf16('dós\r\ntr'));
    await mirror.until('line two', () => mirror.texts(file).length === 2);
    await appendFile(file, utf16('es\r\n'));
    await mirror.until('line three', () => mirror.texts(file).length === 3);
    expect(mirror.texts(file)).toEqual(['uno', 'dós', 'tres']);
    expect(mirror.problems).toEqual([]);
  });

  it('reads a log with CR-only line ends whole again when it grows', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'mac.log'), 'a\rb\r');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.texts(file)).toEqual(['a', 'b']);
    await appendFile(file, 'c\r');
    await mirror.until('line c', () => mirror.texts(file).length === 3);
    expect(mirror.texts(file)).toEqual(['a', 'b', 'c']);
    expect(mirror.of('reset', file)).toHaveLength(1);
    expect(mirror.problems).toEqual([]);
  });

  it('reads a file that was empty when first seen once lines arrive', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'later.log'), '');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.held.get(file)?.found).toMatchObject({ type: 'skipped', reason: 'empty file' });
    await writeFile(file, 'now\n');
    await mirror.until('its line', () => mirror.texts(file).length === 1);
    expect(mirror.of('reset', file)).toEqual([]);
    expect(mirror.problems).toEqual([]);
  });

  it('reads a zip that was half copied at the scan once it is complete', async () => {
    const dir = await tempDir();
    const bytes = buildZip([{ name: 'cam.log', data: 'one\ntwo\n' }]);
    const zip = await put(path.join(dir, 'e.zip'), bytes.subarray(0, 50));
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.held.get(zip)?.found.type).toBe('failed');
    await appendFile(zip, bytes.subarray(50));
    await mirror.until('the entry', () => mirror.texts(`${zip}!/cam.log`).length === 2);
    expect(mirror.problems).toEqual([]);
  });

  it('marks a zip entry gone when the archive is replaced without it', async () => {
    const dir = await tempDir();
    const two = buildZip([
      { name: 'a.log', data: 'a\n' },
      { name: 'b.log', data: 'b\n' },
    ]);
    const zip = await put(path.join(dir, 'x.zip'), two);
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    await writeFile(zip, buildZip([{ name: 'a.log', data: 'a\na2\n' }]));
    await mirror.until('b gone', () => mirror.held.get(`${zip}!/b.log`)?.gone === true);
    expect(mirror.texts(`${zip}!/a.log`)).toEqual(['a', 'a2']);
    expect(
      mirror
        .of('reset')
        .map((e) => path.relative(dir, e.path))
        .sort(),
    ).toEqual(['x.zip!/a.log', 'x.zip!/b.log']);
    expect(mirror.problems).toEqual([]);
  });

  it('skips new macOS metadata files and does not look inside system folders', async () => {
    const dir = await tempDir();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    await mkdir(path.join(dir, 'System Volume Information'));
    await put(path.join(dir, 'System Volume Information', 'x.log'), 'hidden\n');
    const meta = await put(path.join(dir, '._cam.log'), 'junk\n');
    await mirror.until('the metadata file', () => mirror.held.has(meta));
    expect(mirror.held.get(meta)?.found).toMatchObject({ type: 'skipped' });
    const probe = await put(path.join(dir, 'probe.log'), 'p\n');
    await mirror.until('the probe', () => mirror.texts(probe).length === 1);
    expect(
      mirror.events.some(
        (e) =>
          e.type === 'found' &&
          e.found.type === 'text' &&
          e.found.source.path.includes('System Volume'),
      ),
    ).toBe(false);
  });

  it('stays quiet about a file deleted right after it appeared', async () => {
    const dir = await tempDir();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    const flash = await put(path.join(dir, 'flash.log'), 'x\n');
    await unlink(flash);
    const probe = await put(path.join(dir, 'probe.log'), 'p\n');
    await mirror.until('the probe', () => mirror.texts(probe).length === 1);
    expect(mirror.of('error')).toEqual([]);
    expect(mirror.problems).toEqual([]);
  });

  it.skipIf(asRoot)('reports a log that cannot be read as failed, not as a crash', async () => {
    const dir = await tempDir();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    const file = path.join(dir, 'locked.log');
    await writeFile(file, 'secret\n', { mode: 0o000 });
    await chmod(file, 0o000);
    await mirror.until('the file', () => mirror.held.has(file));
    expect(mirror.held.get(file)?.found).toMatchObject({
      type: 'failed',
      reason: expect.stringMatching(/^cannot read '.*locked\.log': permission denied/),
    });
  });

  it.skipIf(asRoot)('reports a tailed log that became unreadable, then reads on', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'a.log'), 'one\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    // Write-only: the owner can still append, the watcher can no longer read.
    await chmod(file, 0o200);
    await appendFile(file, 'two\n');
    await mirror.until('the error', () => mirror.of('error', file).length > 0);
    expect(mirror.of('error', file)[0]?.reason).toMatch(/permission denied/);
    await chmod(file, 0o644);
    // No write now: the watcher must come back to the file by itself.
    await mirror.until('line two', () => mirror.texts(file).length === 2);
    await appendFile(file, 'three\n');
    await mirror.until('lines two and three', () => mirror.texts(file).length === 3);
    expect(mirror.texts(file)).toEqual(['one', 'two', 'three']);
    // Retrying while unreadable repeats no error.
    expect(mirror.of('error', file)).toHaveLength(1);
    expect(mirror.problems).toEqual([]);
  });
});
