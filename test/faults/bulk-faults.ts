/** Faults of volume: very many small files, and a file that keeps growing for a while. */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../electron/engine/engine.js';
import { checkEngine, line, snapshot, total, until, type Trial } from './kit.js';
import type { Note, Sizes } from './read-faults.js';

/** Files per folder, and folders per parent folder, of the many-files tree. */
const PER_FOLDER = 100;
const FAN_OUT = 10;

/** `size.files` files of one line each, 100 per folder, folders nested three deep. */
export async function manySmallFiles(t: Trial, size: Sizes): Promise<Note> {
  const root = join(t.dir, 'export');
  const started = Date.now();
  for (let i = 0; i < size.files; i++) {
    const leaf = Math.floor(i / PER_FOLDER);
    const dir = join(root, `n${Math.floor(leaf / FAN_OUT)}`, `m${leaf % FAN_OUT}`);
    if (i % PER_FOLDER === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `cam${i}.log`), line(i));
  }
  const written = Date.now();
  const e = await t.engine();
  await t.open(e, root);
  const all = () => total(e) === size.files;
  if (!(await until(e, all, 120_000))) {
    t.fail(`${size.files} files, ${total(e)} events`);
  }
  const read = Date.now();
  const sources = e.store.listSources();
  if (sources.length !== size.files) t.fail(`${size.files} files, ${sources.length} sources`);
  const other = sources.filter((s) => s.lines !== 1 || s.events !== 1).length;
  if (other) t.fail(`${other} sources without exactly one line and one event`);
  await checkEngine(t, e);
  const rate = Math.round(size.files / Math.max(0.001, (read - written) / 1000));
  const times = `written in ${written - started} ms, read in ${read - written} ms`;
  return { note: `${size.files} files ${times} (${rate} files/s)` };
}

/** Resolves after about `ms` milliseconds; here to space appends, never to wait on the engine. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A watched log that grows a line every few milliseconds for `size.growMs`, every seventh
 * line written in two halves: at the end every line is counted exactly once.
 */
export async function growingFile(t: Trial, size: Sizes): Promise<Note> {
  if (t.mode === 'load') return { skipped: 'a one-off load does not follow growth' };
  const file = join(t.dir, 'grow.log');
  writeFileSync(file, line(0));
  const e = await t.engine();
  await t.open(e, t.dir);
  if (!(await until(e, () => total(e) === 1))) t.fail('first line not read');
  const before = snapshot(e);
  let n = 1;
  const end = Date.now() + size.growMs;
  while (Date.now() < end) {
    const text = line(n++);
    if (n % 7 === 0) {
      appendFileSync(file, text.slice(0, 40));
      await pause(1);
      appendFileSync(file, text.slice(40));
    } else appendFileSync(file, text);
    await pause(2);
  }
  const exact = () => total(e) === n;
  if (!(await until(e, exact, 30_000))) t.fail(`${n} lines appended, ${summaryOf(e)}`);
  const s = e.store.listSources();
  const src = s.find((x) => x.path.endsWith('grow.log'));
  if (s.length !== 1 || !src) t.fail(`${s.length} sources for one growing file`);
  else if (src.lines !== n || src.events !== n || src.duplicates || src.malformed) {
    t.fail(`${n} lines written; counted ${JSON.stringify(src)}`);
  }
  await checkEngine(t, e, before);
  return { note: `${n} lines appended over ${size.growMs} ms` };
}

function summaryOf(e: Engine): string {
  const s = e.store.summary();
  return `events ${s.events}, duplicates ${s.duplicates}, malformed ${s.malformed}`;
}
