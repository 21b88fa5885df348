import { appendFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../read/zip-helper.js';
import { rawLines } from '../../electron/engine/read/index.js';
import { liveMirror, put, tempDir, writerPause, type Mirror } from './helpers.js';

/** Bytes that sniff as a JPEG photo. */
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]);

const LOG = [
  'Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim',
  'Dec 16 00:59:01 [httpd]: GET /index.html',
];

function numbered(n: number, prefix = 'line'): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
}

/** Every path the mirror received a text `found` for. */
function foundTexts(mirror: Mirror, where: string): number {
  return mirror.of('found', where).filter((e) => e.found.type === 'text').length;
}

describe.each([
  { mode: 'native', poll: false },
  { mode: 'polling', poll: true },
])('LiveReader ($mode)', ({ poll }) => {
  it('emits a folder log and skips a photo in the initial scan, before add resolves', async () => {
    const dir = await tempDir();
    const log = await put(path.join(dir, 'export', 'cam1.log'), LOG.join('\n') + '\n');
    const photo = await put(path.join(dir, 'photo.jpg'), PHOTO);
    const { reader, mirror } = liveMirror({ poll });
    const root = await reader.add(dir);
    expect(root.path).toBe(dir);
    expect(mirror.texts(log)).toEqual(LOG);
    const skipped = mirror.held.get(photo)?.found;
    expect(skipped).toMatchObject({ type: 'skipped', reason: expect.stringMatching(/JPEG/) });
    // The scan's order is findSources': folder entries by name, depth first.
    expect(mirror.of('found').map((e) => e.rootId)).toEqual([root.id, root.id]);
    expect(mirror.problems).toEqual([]);
  });

  it('reads a file that appears later in a new subfolder', async () => {
    const dir = await tempDir();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    const log = await put(path.join(dir, 'day2', 'new.log'), 'one\ntwo\n');
    await mirror.until('the new file', () => mirror.texts(log).length === 2);
    expect(mirror.texts(log)).toEqual(['one', 'two']);
    expect(foundTexts(mirror, log)).toBe(1);
    expect(mirror.problems).toEqual([]);
  });

  it('reads a file copied slowly in bursts once, counting every line once', async () => {
    const dir = await tempDir();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    const file = path.join(dir, 'slow.log');
    const lines = numbered(500);
    const text = lines.join('\n') + '\n';
    const cuts = [0, 1234, 1235, 3000, 4321, text.length];
    await writeFile(file, '');
    for (let i = 1; i < cuts.length; i++) {
      await appendFile(file, text.slice(cuts[i - 1], cuts[i]));
      await writerPause(15);
    }
    await mirror.until('all 500 lines', () => mirror.texts(file).length === 500);
    expect(mirror.texts(file)).toEqual(lines);
    expect(foundTexts(mirror, file)).toBe(1);
    expect(mirror.of('reset', file)).toEqual([]);
    expect(mirror.problems).toEqual([]);
  });

  it('holds a partial last line back until its newline arrives', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'live.log'), 'A\nB');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.texts(file)).toEqual(['A']);
    await appendFile(file, 'C\n');
    await mirror.until('line BC', () => mirror.texts(file).length === 2);
    expect(mirror.texts(file)).toEqual(['A', 'BC']);
    const appended = mirror.of('lines', file);
    expect(appended.flatMap((e) => rawLines(e.batch))).toEqual([
      { no: 2, offset: 2, bytes: 2, text: 'BC' },
    ]);
    expect(appended.at(-1)).toMatchObject({ bytesRead: 5, bytesTotal: 5 });
    expect(mirror.problems).toEqual([]);
  });

  it('keeps appending lines of a growing log in order', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'grow.log'), 'line 1\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    for (let i = 2; i <= 6; i++) {
      await appendFile(file, `line ${i}\n`);
      await mirror.until(`line ${i}`, () => mirror.texts(file).length === i);
    }
    expect(mirror.texts(file)).toEqual(numbered(6));
    expect(mirror.problems).toEqual([]);
  });

  it('reads every line of a quick burst of appends, the last one included', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'burst.log'), 'line 0\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    const lines = numbered(60);
    // One write per line with no pause: the watcher sees far fewer events than writes.
    for (const line of lines) await appendFile(file, `${line}\n`);
    await mirror.until('all 61 lines', () => mirror.texts(file).length === 61);
    expect(mirror.texts(file)).toEqual(['line 0', ...lines]);
    expect(mirror.problems).toEqual([]);
  });

  it.each([
    { change: 'truncated to fewer bytes', content: 'x\n' },
    { change: 'rewritten in place past the old end', content: 'new first\nnew second\nthird\n' },
  ])('resets and reads again a log $change', async ({ content }) => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'cam.log'), 'old one\nold two\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    await writeFile(file, content);
    const expected = content.trimEnd().split('\n');
    await mirror.until('the new content', () => foundTexts(mirror, file) === 2);
    await mirror.until('its lines', () => mirror.texts(file).length === expected.length);
    expect(mirror.texts(file)).toEqual(expected);
    expect(mirror.of('reset', file)).toHaveLength(1);
    expect(mirror.problems).toEqual([]);
  });

  it('reads a rotated log under its new name and the new log from its start', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'app.log'), 'old 1\nold 2\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    await rename(file, `${file}.1`);
    await writeFile(file, 'new 1\n');
    await mirror.until('the new log', () => mirror.texts(file).join() === 'new 1');
    await mirror.until('the rotated log', () => mirror.texts(`${file}.1`).length === 2);
    expect(mirror.texts(`${file}.1`)).toEqual(['old 1', 'old 2']);
    // The old content under the old name was dropped (reset) or marked gone before.
    const ended = mirror.of('reset', file).length + mirror.of('gone', file).length;
    expect(ended).toBeGreaterThanOrEqual(1);
    expect(mirror.problems).toEqual([]);
  });

  it('marks a deleted file gone and keeps its lines', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'a.log'), 'kept\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    await unlink(file);
    await mirror.until('gone', () => mirror.held.get(file)?.gone === true);
    expect(mirror.texts(file)).toEqual(['kept']);
    expect(mirror.of('gone', file)).toHaveLength(1);
    expect(mirror.problems).toEqual([]);
  });

  it('marks every source of a removed subfolder gone, zip entries included', async () => {
    const dir = await tempDir();
    const a = await put(path.join(dir, 'sub', 'a.log'), 'a\n');
    const zip = await put(
      path.join(dir, 'sub', 'deep', 'x.zip'),
      buildZip([{ name: 'e.log', data: 'e\n' }]),
    );
    const b = await put(path.join(dir, 'b.log'), 'b\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    await rm(path.join(dir, 'sub'), { recursive: true });
    const entry = `${zip}!/e.log`;
    await mirror.until('both gone', () => mirror.of('gone').length === 2);
    expect(
      mirror
        .of('gone')
        .map((e) => e.path)
        .sort(),
    ).toEqual([a, entry].sort());
    expect(mirror.held.get(b)?.gone).toBe(false);
    expect(mirror.of('root-gone')).toEqual([]);
    expect(mirror.problems).toEqual([]);
  });

  it('says every source, then the root, are gone when the watched folder disappears', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'stick');
    const a = await put(path.join(dir, 'sub', 'a.log'), 'a\n');
    const b = await put(path.join(dir, 'b.log'), 'b\n');
    const { reader, mirror } = liveMirror({ poll });
    const root = await reader.add(dir);
    await rm(dir, { recursive: true });
    await mirror.until('root-gone', () => mirror.of('root-gone').length === 1);
    expect(
      mirror
        .of('gone')
        .map((e) => e.path)
        .sort(),
    ).toEqual([a, b].sort());
    expect(mirror.events.at(-1)).toEqual({ type: 'root-gone', rootId: root.id });
    expect(mirror.problems).toEqual([]);
  });

  it('reads each entry of a zip dropped in later', async () => {
    const dir = await tempDir();
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    const zip = path.join(dir, 'export.zip');
    const bytes = buildZip([
      { name: 'cam1.log', data: 'one\ntwo\n' },
      { name: 'nvr/sys.log', data: 'three\n' },
    ]);
    // Copied in two bursts, as a slow stick would.
    await writeFile(zip, bytes.subarray(0, 40));
    await writerPause(15);
    await appendFile(zip, bytes.subarray(40));
    await mirror.until('both entries', () => mirror.texts(`${zip}!/nvr/sys.log`).length === 1);
    expect(mirror.texts(`${zip}!/cam1.log`)).toEqual(['one', 'two']);
    expect(mirror.of('found').map((e) => e.found.type)).toEqual(['text', 'text']);
    expect(mirror.problems).toEqual([]);
  });

  it('resets a gzip log that changed and reads it whole again', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'old.log.gz'), gzipSync('g1\n'));
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.texts(file)).toEqual(['g1']);
    await writeFile(file, gzipSync('g1\ng2\n'));
    await mirror.until('the new content', () => mirror.texts(file).length === 2);
    expect(mirror.of('reset', file)).toHaveLength(1);
    expect(mirror.problems).toEqual([]);
  });

  it('stops all events of a root once remove resolves', async () => {
    const dir = await tempDir();
    const other = await tempDir();
    const file = await put(path.join(dir, 'a.log'), 'a\n');
    const { reader, mirror } = liveMirror({ poll });
    const gone = await reader.add(dir);
    const kept = await reader.add(other);
    await reader.remove(gone.id);
    const count = mirror.events.length;
    await appendFile(file, 'b\n');
    await put(path.join(dir, 'new.log'), 'n\n');
    // The other root is still watched: its events prove time passed for the removed one's.
    const probe = await put(path.join(other, 'probe.log'), 'p\n');
    await mirror.until('the probe', () => mirror.texts(probe).length === 1);
    await appendFile(probe, 'q\n');
    await mirror.until('the probe grew', () => mirror.texts(probe).length === 2);
    const after = mirror.events.slice(count);
    expect(after.every((e) => e.rootId === kept.id)).toBe(true);
    expect(mirror.problems).toEqual([]);
  });
});
