/** Faults of the folder tree: a stick pulled, locked files, a link loop, a file turned folder. */
import { appendFileSync, chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEngine, eventsOf, lines, snapshot, strike, total, until, type Trial } from './kit.js';
import type { Note, Sizes } from './read-faults.js';

/** The watched root removed (rm -r) while its first scan reads it: a USB stick pulled. */
export async function rootRemovedMidScan(t: Trial, size: Sizes): Promise<Note> {
  const stick = join(t.dir, 'stick');
  const per = Math.max(10, Math.floor(size.bigLines / 20));
  for (let i = 0; i < 20; i++) {
    mkdirSync(join(stick, `cam${i}`), { recursive: true });
    writeFileSync(join(stick, `cam${i}`, 'syslog.txt'), lines(i * per, (i + 1) * per));
  }
  const e = await t.engine();
  const reading = t.open(e, stick);
  let before = snapshot(e);
  const at = await strike(e, 'syslog.txt', reading, () => {
    before = snapshot(e);
    rmSync(stick, { recursive: true, force: true });
  });
  await reading.catch((err) => t.fail(`open threw: ${err}`));
  if (at === null) t.fail('the stick was pulled after its scan ended');
  if (t.mode !== 'load') {
    const gone = () => e.store.listRoots().every((r) => r.status === 'gone');
    const ok = await until(e, gone);
    if (!ok) t.fail('the pulled root was never marked gone');
  }
  await checkEngine(t, e, before);
  return { note: `pulled at line ${at}, ${total(e)} events kept` };
}

/** Unreadable files and folders (chmod 000) are reported, the rest is read. */
export async function permissionDenied(t: Trial): Promise<Note> {
  if (process.getuid?.() === 0) {
    return { skipped: 'running as root, which reads files whatever their permissions' };
  }
  writeFileSync(join(t.dir, 'open.log'), lines(0, 10));
  const locked = join(t.dir, 'locked.log');
  writeFileSync(locked, lines(10, 20));
  const shut = join(t.dir, 'shut');
  mkdirSync(shut);
  writeFileSync(join(shut, 'inner.log'), lines(20, 30));
  chmodSync(locked, 0o000);
  chmodSync(shut, 0o000);
  try {
    const e = await t.engine();
    await t.open(e, t.dir);
    const read = () => eventsOf(e, 'open.log') === 10;
    if (!(await until(e, read))) t.fail(`open.log holds ${eventsOf(e, 'open.log')} events`);
    const failed = e.store.listSources().filter((s) => s.status === 'failed' && s.error);
    if (!failed.some((s) => s.path.endsWith('locked.log'))) t.fail('locked.log not reported');
    if (!failed.some((s) => s.path.endsWith('shut'))) t.fail('the locked folder not reported');
    await checkEngine(t, e);
    return { note: `${failed.length} unreadable paths reported` };
  } finally {
    chmodSync(locked, 0o644);
    chmodSync(shut, 0o755);
  }
}

/** A link from a folder to itself: read once, finite, and a watch still sees appends. */
export async function symlinkLoop(t: Trial): Promise<Note> {
  const logs = join(t.dir, 'logs');
  mkdirSync(logs);
  const file = join(logs, 'cam.log');
  writeFileSync(file, lines(0, 10));
  symlinkSync(logs, join(logs, 'loop'));
  symlinkSync(t.dir, join(logs, 'up'));
  const e = await t.engine();
  // A loop the watcher follows can grow without end: give up on the scan rather than wait.
  if (!(await t.open(e, t.dir, 20_000))) return { note: 'the watch never ended its first scan' };
  if (!(await until(e, () => total(e) === 10))) {
    t.fail(`10 lines, ${total(e)} events`);
  }
  if (t.mode !== 'load') {
    const before = snapshot(e);
    appendFileSync(file, lines(10, 11));
    if (!(await until(e, () => total(e) === 11))) {
      t.fail(`11 lines after an append, ${total(e)} events`);
    }
    await checkEngine(t, e, before);
  } else await checkEngine(t, e);
  // A path the watcher gave up on is no source being read: nothing may stay "reading".
  for (const src of e.store.listSources()) {
    if (src.status === 'reading') t.fail(`…${src.path.slice(-40)} stays "reading": ${src.error}`);
  }
  const s = e.store.summary();
  return { note: `${s.events} events, ${s.duplicates} duplicates, ${s.sources.length} sources` };
}

/** A log replaced by a folder of the same name holding a log: old events kept, new read. */
export async function fileBecomesFolder(t: Trial): Promise<Note> {
  const where = join(t.dir, 'cam.log');
  writeFileSync(where, lines(0, 5));
  const e = await t.engine();
  await t.open(e, t.dir);
  if (!(await until(e, () => total(e) === 5))) t.fail('first file not read');
  const before = snapshot(e);
  rmSync(where);
  mkdirSync(where);
  writeFileSync(join(where, 'inner.log'), lines(5, 10));
  if (t.mode === 'load') await e.load([t.dir]).catch((err) => t.fail(`load threw: ${err}`));
  const both = () => eventsOf(e, 'inner.log') === 5 && total(e) === 10;
  if (!(await until(e, both))) {
    t.fail(`inner.log holds ${eventsOf(e, 'inner.log')}, all ${total(e)}`);
  }
  if (t.mode !== 'load') {
    const old = e.store.listSources().find((s) => s.path.endsWith('cam.log'));
    if (old?.status !== 'gone') t.fail(`the replaced file is ${old?.status ?? 'forgotten'}`);
  }
  await checkEngine(t, e, before);
  return {};
}
