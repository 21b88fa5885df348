/**
 * What every fault shares: Trend Micro lines to write, an engine per trial (closed by the
 * trial), waiting on the engine's notifications, and the checks run after each fault.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine.js';

/** One camera log line with a unique sequence number, so every line is a distinct event. */
export function line(seq: number): string {
  const peer = `203.0.${(seq >> 8) & 255}.${seq & 255}`;
  return `Dec 16 00:58:58 [Trend Micro]: ${seq} s.1133810, 2019/12/16 0:58:58, ${peer}:5555 > 192.168.40.78:23, ${peer}, victim\n`;
}

/** Lines `from` to `to - 1`, joined. */
export function lines(from: number, to: number): string {
  const out: string[] = [];
  for (let seq = from; seq < to; seq++) out.push(line(seq));
  return out.join('');
}

/** How a trial reads: one-off load, or watching with native events or by polling. */
export type Mode = 'load' | 'native' | 'polling';

/** Events of each source path at one moment. */
export type Snapshot = Map<string, number>;

/**
 * One run of one fault in one mode. Owns a temp folder and the engines it creates: `close()`
 * must be awaited to stop their watchers, free their stores and remove the folder.
 */
export class Trial {
  readonly dir = mkdtempSync(join(tmpdir(), 'seclog-fault-'));
  readonly problems: string[] = [];
  /** Events that were stored before the fault and are missing after it. */
  lost = 0;
  readonly #engines: Engine[] = [];

  constructor(readonly mode: Mode) {}

  /** An engine as the app runs it, with fast notifications and a short settle time. */
  async engine(): Promise<Engine> {
    const e = await Engine.create({ notifyMs: 20, settleMs: 80, poll: this.mode === 'polling' });
    this.#engines.push(e);
    return e;
  }

  /**
   * Reads a folder the way the mode says: load once, or watch. A read that has not ended
   * after `limitMs` is a failure; the trial goes on (and `close()` stops the engine).
   * Resolves whether the read ended.
   */
  async open(e: Engine, path: string, limitMs = 180_000): Promise<boolean> {
    const reading = this.mode === 'load' ? e.load([path]) : e.watch(path);
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, limitMs, 'late')));
    const done = reading.then(
      () => 'done' as const,
      (err: unknown) => {
        this.fail(`the first read threw: ${err instanceof Error ? err.message : String(err)}`);
        return 'done' as const;
      },
    );
    const result = await Promise.race([done, limit]);
    clearTimeout(timer);
    if (result === 'late') this.fail(`the first read did not end within ${limitMs / 1000} s`);
    return result === 'done';
  }

  /** Records a problem (an invariant that failed). */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Stops every engine and removes the folder. */
  async close(): Promise<void> {
    for (const e of this.#engines) await e.close().catch((err) => this.fail(`close: ${err}`));
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Events stored per source path right now. */
export function snapshot(e: Engine): Snapshot {
  return new Map(e.store.listSources().map((s) => [s.path, s.events]));
}

/**
 * Resolves once `ok` holds, looking at every notification (and on a short timer, as a quiet
 * engine sends none); resolves false after `ms` instead of throwing, so a trial can say what
 * it saw.
 */
export function until(e: Engine, ok: () => boolean, ms = 15_000): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (result: boolean) => {
      stop();
      clearInterval(tick);
      clearTimeout(timer);
      resolve(result);
    };
    const look = () => {
      try {
        if (ok()) done(true);
      } catch {
        // The engine is closing or the condition is not ready yet: look again later.
      }
    };
    const stop = e.subscribe(look);
    const tick = setInterval(look, 25);
    const timer = setTimeout(() => done(false), ms);
    look();
  });
}

/** Total events of the sources whose path contains `part`. */
export function eventsOf(e: Engine, part: string): number {
  let n = 0;
  for (const s of e.store.listSources()) if (s.path.includes(part)) n += s.events;
  return n;
}

/**
 * The checks after every fault: the engine answers its API, its totals agree with each
 * other, each source's lines add up, and every source in `before` (events stored before the
 * fault) still has at least those events, unless the fault legitimately reset it (`reset`).
 */
export async function checkEngine(
  t: Trial,
  e: Engine,
  before: Snapshot = new Map(),
  reset: (path: string) => boolean = () => false,
): Promise<void> {
  try {
    const summary = e.store.summary();
    const { count } = await e.api['events:count']({});
    const sources = await e.api['sources:list']({});
    if (count !== summary.events) t.fail(`events:count ${count} != summary ${summary.events}`);
    const sum = sources.reduce((n, s) => n + s.events, 0);
    if (sum !== count) t.fail(`sources hold ${sum} events, the store ${count}`);
    for (const s of sources) {
      const parts = s.events + s.duplicates + s.malformed + s.other;
      if (s.lines !== parts) t.fail(`${s.path}: lines ${s.lines} != parts ${parts}`);
    }
    const now = snapshot(e);
    for (const [path, had] of before) {
      if (reset(path)) continue;
      const has = now.get(path) ?? 0;
      if (has < had) {
        t.lost += had - has;
        t.fail(`${path}: ${had} events before the fault, ${has} after`);
      }
    }
  } catch (err) {
    t.fail(`engine stopped answering: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Runs `act` as soon as a source whose path contains `part` has some lines counted, looking
 * between every step of the read. Resolves with the lines counted at that moment, or null
 * when `reading` ended first (the fault came too late to hit a read in progress).
 */
export function strike(
  e: Engine,
  part: string,
  reading: Promise<unknown>,
  act: () => void,
): Promise<number | null> {
  let ended = false;
  void reading.then(
    () => (ended = true),
    () => (ended = true),
  );
  return new Promise((resolve) => {
    const look = () => {
      const hit = e.store.listSources().find((s) => s.path.includes(part) && s.lines > 0);
      if (hit) {
        act();
        resolve(hit.lines);
      } else if (ended) resolve(null);
      else setImmediate(look);
    };
    look();
  });
}

/** Events stored, cheaply: the summary walks every source, too slow to ask on every look. */
export function total(e: Engine): number {
  return e.store.countEvents();
}
