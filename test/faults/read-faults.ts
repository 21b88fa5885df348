/** Faults that hit one file while it is being read: deleted, truncated, a zip rewritten. */
import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildZip } from '../read/zip-helper.js';
import { checkEngine, eventsOf, lines, snapshot, strike, until, type Trial } from './kit.js';

/** How big the faults make their files. */
export interface Sizes {
  /** Lines of the large file read while the fault hits. */
  bigLines: number;
  /** Small files of the many-files fault. */
  files: number;
  /** How long the growing file grows, in ms. */
  growMs: number;
}

/** What a fault says besides its problems: a figure worth printing, or why it was skipped. */
export interface Note {
  note?: string;
  skipped?: string;
}

/** Ten lines read before the large file, whose events must survive whatever happens to it. */
const BYSTANDER = 'a-bystander.log';

function setUp(t: Trial, name: string, body: string | Buffer): string {
  writeFileSync(join(t.dir, BYSTANDER), lines(1_000_000, 1_000_010));
  const file = join(t.dir, name);
  writeFileSync(file, body);
  return file;
}

/** Opens the folder and runs `act` mid-read; returns the events stored at that moment. */
async function hitWhileReading(t: Trial, part: string, act: () => void) {
  const e = await t.engine();
  const reading = t.open(e, t.dir);
  let before = snapshot(e);
  const at = await strike(e, part, reading, () => {
    before = snapshot(e);
    act();
  });
  await reading.catch((err) => t.fail(`open threw: ${err}`));
  if (at === null) t.fail(`the fault came after ${part} was read`);
  return { e, before, at };
}

/** A large file deleted while it is read: what was read stays, the source is marked gone. */
export async function deleteWhileReading(t: Trial, size: Sizes): Promise<Note> {
  const file = setUp(t, 'big.log', lines(0, size.bigLines));
  const { e, before, at } = await hitWhileReading(t, 'big.log', () => rmSync(file));
  if (t.mode !== 'load') {
    const gone = () =>
      e.store.listSources().some((s) => s.path.endsWith('big.log') && s.status === 'gone');
    if (!(await until(e, gone))) t.fail('the deleted file was never marked gone');
  }
  if (eventsOf(e, BYSTANDER) !== 10) t.fail(`bystander holds ${eventsOf(e, BYSTANDER)} events`);
  await checkEngine(t, e, before);
  return { note: `deleted at line ${at}, ${eventsOf(e, 'big.log')} events kept` };
}

/**
 * A large file cut to a tenth while it is read. A one-off load keeps what it read; a watch
 * reads the file again (a legitimate reset) and must end with exactly the lines left.
 */
export async function truncateWhileReading(t: Trial, size: Sizes): Promise<Note> {
  const keep = Math.floor(size.bigLines / 10);
  const file = setUp(t, 'big.log', lines(0, size.bigLines));
  const cut = Buffer.byteLength(lines(0, keep));
  const { e, before, at } = await hitWhileReading(t, 'big.log', () => truncateSync(file, cut));
  const big = () => eventsOf(e, 'big.log');
  if (t.mode !== 'load' && !(await until(e, () => big() === keep))) {
    t.fail(`after the cut the file holds ${keep} lines, the engine ${big()} events`);
  }
  if (eventsOf(e, BYSTANDER) !== 10) t.fail(`bystander holds ${eventsOf(e, BYSTANDER)} events`);
  await checkEngine(t, e, before, (p) => t.mode !== 'load' && p.endsWith('big.log'));
  return { note: `cut at line ${at}, ${big()} events after` };
}

/**
 * A large zip overwritten in place with a different archive while its entry is read. A watch
 * must end with the new archive's entry counted and the old entry reset.
 */
export async function zipReplacedWhileReading(t: Trial, size: Sizes): Promise<Note> {
  const old = buildZip([{ name: 'old.log', data: lines(0, size.bigLines) }]);
  const fresh = buildZip([{ name: 'new.log', data: lines(5_000_000, 5_000_100) }]);
  const file = setUp(t, 'big.zip', old);
  const { e, before, at } = await hitWhileReading(t, 'big.zip!/', () => writeFileSync(file, fresh));
  if (t.mode !== 'load') {
    const done = () => eventsOf(e, 'new.log') === 100 && eventsOf(e, 'old.log') === 0;
    if (!(await until(e, done))) {
      t.fail(`new entry holds ${eventsOf(e, 'new.log')}, old ${eventsOf(e, 'old.log')} events`);
    }
  }
  if (eventsOf(e, BYSTANDER) !== 10) t.fail(`bystander holds ${eventsOf(e, BYSTANDER)} events`);
  await checkEngine(t, e, before, (p) => t.mode !== 'load' && p.includes('big.zip!/'));
  const errors = e.store.listSources().filter((s) => s.error !== null).length;
  return { note: `rewritten at line ${at}; ${errors} source(s) with an error` };
}
