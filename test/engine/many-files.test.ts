/**
 * Many small files in flight at once (read ahead, parsed while earlier ones are stored):
 * every file stays its own source with its own counts, an event repeated across files
 * belongs to the file read first in walk order, and a file that goes away mid-read is
 * accounted for.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import { scratch } from '../helpers/scratch.js';
import type { SourceInfo } from '../../shared/api/types.js';

const SCRIPT = resolve('dist/parse-worker.cjs');
const LINE = (seq: number) =>
  `Dec 16 00:58:58 [Trend Micro]: ${seq} s.1133810, 2019/12/16 0:58:58, 203.0.113.9:5555 > 192.168.40.78:23, 203.0.113.9, victim\n`;
/** Bytes that sniff as a JPEG photo. */
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 2, 3]);

const made = scratch('many');
const tempDir = made.tempDir;

const engine = (parseWorker: string | false) =>
  made.engine({ notifyMs: 20, settleMs: 80, parseWorker });

/** Reads a folder once or watches it, resolving when the first read is over. */
async function open(e: Engine, how: 'load' | 'watch', dir: string): Promise<void> {
  if (how === 'load') await e.load([dir]);
  else await e.watch(dir);
}

/** Code-unit order, as the walk sorts folder entries. */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Folders `d0`..`d2` of 40 files each, named so that walk order (`cam10` before `cam2`)
 * differs from the order they were written in; file `i` holds events `i` and `i + 1`, so
 * each event but the first and last is in two files. A photo sits among them. Returns the
 * files in walk order with the events each holds.
 */
function writeTree(root: string): { path: string; seqs: number[] }[] {
  const files: { path: string; seqs: number[] }[] = [];
  let i = 0;
  for (const folder of ['d2', 'd0', 'd1']) {
    mkdirSync(join(root, folder));
    for (let n = 0; n < 40; n++, i++) {
      const path = join(root, folder, `cam${n}.log`);
      const seqs = [i, i + 1];
      writeFileSync(path, seqs.map(LINE).join(''));
      files.push({ path, seqs });
    }
  }
  writeFileSync(join(root, 'd1', 'cam20.jpg'), PHOTO);
  return files.sort((a, b) => byCodeUnit(a.path, b.path));
}

describe.each([
  { parser: 'the parse thread', script: SCRIPT },
  { parser: 'the engine thread', script: false as const },
])('many small files parsed in $parser', ({ script }) => {
  it.each(['load', 'watch'] as const)(
    'gives each repeated event to the first file in walk order (%s)',
    async (how) => {
      const root = tempDir();
      const files = writeTree(root);
      // What the books must say, worked out apart from the engine: walk order, first wins.
      const seen = new Set<number>();
      const expected = files.map(({ path, seqs }) => {
        const events = seqs.filter((s) => !seen.has(s));
        for (const s of seqs) seen.add(s);
        return { path, lines: 2, events: events.length, duplicates: 2 - events.length };
      });
      const e = await engine(script);
      await open(e, how, root);
      const sources = e.store.listSources();
      const texts = sources.filter((s) => s.path.endsWith('.log'));
      // Sources are numbered in walk order too: ids follow the order they were found in.
      expect(
        texts.map(({ path, lines, events, duplicates }) => ({ path, lines, events, duplicates })),
      ).toEqual(expected);
      expect(texts.every((s) => s.status === 'live' && s.error === null)).toBe(true);
      expect(sources.find((s) => s.path.endsWith('.jpg'))).toMatchObject({ status: 'skipped' });
      const s = e.store.summary();
      expect([s.events, s.duplicates]).toEqual([files.length + 1, files.length - 1]);
    },
  );
});

/**
 * Removes files as soon as the first source was stored, while those after it are being
 * looked at, read, parsed or are waiting to be stored.
 */
function removeWhileReading(e: Engine, victims: string[], reading: Promise<unknown>) {
  let ended = false;
  void reading.then(
    () => (ended = true),
    () => (ended = true),
  );
  return new Promise<void>((done) => {
    const look = () => {
      if (ended || e.store.listSources().some((s) => s.lines > 0)) {
        for (const victim of victims) rmSync(victim);
        done();
      } else setImmediate(look);
    };
    look();
  });
}

/** How a removed file was accounted for, or null when in no way a race allows. */
function removedAs(s: SourceInfo | undefined, how: 'load' | 'watch'): string | null {
  // Gone before the walk looked at it: a watcher stays quiet (its unlink event follows).
  if (s === undefined) return how === 'watch' ? 'unseen' : null;
  // Read before it went: its event stays, and a watcher marks it gone.
  if (s.events === 1 && s.lines === 1 && s.error === null) {
    if (how === 'load') return s.status === 'live' ? 'read' : null;
    return s.status === 'gone' ? 'read' : null;
  }
  // Gone before its lines were read: nothing counted, and it says why.
  if (s.lines === 0 && /no longer there/.test(s.error ?? '')) return 'told';
  return null;
}

describe('files removed while earlier files are still being stored', () => {
  it.each(['load', 'watch'] as const)(
    'are accounted for, and every other file counted once (%s)',
    async (how) => {
      const root = tempDir();
      const files: string[] = [];
      for (let n = 0; n < 300; n++) {
        const path = join(root, `cam${String(n).padStart(3, '0')}.log`);
        writeFileSync(path, LINE(n));
        files.push(path);
      }
      // Near the first (likely read already), a little further, and far on in the walk.
      const victims = [files[3]!, files[20]!, files[45]!, files[250]!];
      const e = await engine(SCRIPT);
      const reading = open(e, how, root);
      await removeWhileReading(e, victims, reading);
      await reading;
      const source = (victim: string) => e.store.listSources().find((s) => s.path === victim);
      const accounted = () => victims.map((v) => removedAs(source(v), how));
      // A watcher hears of removals after its scan: wait until what it says is in.
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => {
          stop();
          fail(new Error(`removals not accounted: ${JSON.stringify(victims.map(source))}`));
        }, 8000);
        const check = () => {
          if (accounted().includes(null)) return;
          clearTimeout(timer);
          stop();
          done();
        };
        const stop = e.subscribe(check);
        check();
      });
      const others = e.store.listSources().filter((s) => !victims.includes(s.path));
      expect(others.map((s) => s.path)).toEqual(files.filter((f) => !victims.includes(f)));
      for (const s of others) {
        expect(s).toMatchObject({ status: 'live', lines: 1, events: 1, error: null });
      }
      const { count } = await e.api['events:count']({});
      const sources = await e.api['sources:list']({});
      expect(sources.reduce((n, s) => n + s.events, 0)).toBe(count);
      const read = accounted().filter((a) => a === 'read').length;
      expect(count).toBe(296 + read);
    },
  );
});
