/**
 * Watcher test helpers: a fresh temp folder per test, and a consumer that mirrors what the
 * events say (sources, their lines, gone marks), checks the counting contract on every event
 * and lets a test wait until a condition over what it received holds.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import {
  rawLines,
  type Found,
  type LineBatch,
  type RawLine,
} from '../../electron/engine/read/index.js';
import { LiveReader, type LiveEvent, type LiveOptions } from '../../electron/engine/watch/index.js';

/** A fresh folder under the OS temp folder, removed when the test ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seclog-watch-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file, creating its folders. */
export async function put(file: string, data: string | Buffer): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
  return file;
}

/** What the consumer holds for one source path. */
export interface Held {
  found: Found;
  lines: RawLine[];
  gone: boolean;
  /** Message of a ReadError the first read ended with. */
  readError?: string;
}

/** Short settle and poll times keep the suite fast; behaviour does not depend on them. */
export const FAST = { settleMs: 120, intervalMs: 40 };

/**
 * A consumer of live events that keeps per-source lines as an engine would and records
 * every breach of the counting contract in `problems` (a test expects none).
 */
export class Mirror {
  readonly events: LiveEvent[] = [];
  readonly problems: string[] = [];
  /** Current holding per display path; a path found again after `gone` starts afresh. */
  readonly held = new Map<string, Held>();
  /** Whether `found` text sources are read through `batches()` (else lines come as `lines`). */
  readFound = true;
  #listeners = new Set<() => void>();

  /** The `onEvent` to give the reader. */
  readonly onEvent = async (event: LiveEvent): Promise<void> => {
    this.events.push(event);
    await this.#apply(event);
    for (const listener of [...this.#listeners]) listener();
  };

  /** The texts of the lines held for a path now. */
  texts(where: string): string[] {
    return this.held.get(where)?.lines.map((l) => l.text) ?? [];
  }

  /** Events of one type, optionally for one path. */
  of<T extends LiveEvent['type']>(type: T, where?: string): Extract<LiveEvent, { type: T }>[] {
    return this.events.filter(
      (e): e is Extract<LiveEvent, { type: T }> =>
        e.type === type && (where === undefined || pathOfEvent(e) === where),
    );
  }

  /** Resolves once `ok()` holds; rejects after `timeoutMs` saying what was awaited and seen. */
  until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (ok()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!ok()) return;
        this.#listeners.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}; events:\n${this.describe()}`));
      }, timeoutMs);
      this.#listeners.add(check);
    });
  }

  /** One line per event, for failure messages. */
  describe(): string {
    return this.events
      .map((e) => {
        const where = pathOfEvent(e) ?? '';
        const extra =
          e.type === 'lines'
            ? ` ${rawLines(e.batch)
                .map((l) => `${l.no}:${l.text}`)
                .join('|')}`
            : e.type === 'found'
              ? ` ${e.found.type}${e.found.type === 'text' ? '' : ` (${e.found.reason})`}`
              : 'reason' in e
                ? ` (${e.reason})`
                : '';
        return `  ${e.type} ${path.basename(where)}${extra}`;
      })
      .join('\n');
  }

  async #apply(e: LiveEvent): Promise<void> {
    if (e.type === 'found') return this.#found(e.found);
    if (e.type === 'root-gone' || e.type === 'error') return;
    const held = this.held.get(e.path);
    if (held === undefined) {
      this.problems.push(`${e.type} for ${e.path}, which was never found`);
      return;
    }
    if (e.type === 'reset') held.lines = [];
    else if (e.type === 'gone') held.gone = true;
    else {
      if (held.gone) this.problems.push(`lines for ${e.path} after it was gone`);
      if (held.found.type !== 'text') this.problems.push(`lines for non-text ${e.path}`);
      this.#append(e.path, held, e.batch);
    }
  }

  async #found(found: Found): Promise<void> {
    const where = found.type === 'text' ? found.source.path : found.path;
    const before = this.held.get(where);
    if (before !== undefined && !before.gone && before.lines.length > 0) {
      this.problems.push(`found ${where} again while holding its lines (no reset before)`);
    }
    const held: Held = { found, lines: [], gone: false };
    this.held.set(where, held);
    if (found.type !== 'text' || !this.readFound) return;
    try {
      for await (const batch of found.source.batches()) this.#append(where, held, batch);
    } catch (error) {
      held.readError = (error as Error).message;
    }
  }

  /** Appends a batch, checking that numbering goes on without gap or repeat. */
  #append(where: string, held: Held, batch: LineBatch): void {
    for (const line of rawLines(batch)) {
      const expected = (held.lines.at(-1)?.no ?? 0) + 1;
      if (line.no !== expected) {
        this.problems.push(`${where}: line ${line.no} ('${line.text}') where ${expected} was due`);
      }
      held.lines.push(line);
    }
  }
}

function pathOfEvent(e: LiveEvent): string | undefined {
  if (e.type === 'found') return e.found.type === 'text' ? e.found.source.path : e.found.path;
  return 'path' in e ? e.path : undefined;
}

/** A LiveReader feeding a fresh Mirror, closed when the test ends. */
export function liveMirror(options: Omit<LiveOptions, 'onEvent'>): {
  reader: LiveReader;
  mirror: Mirror;
} {
  const mirror = new Mirror();
  const reader = new LiveReader({ ...FAST, ...options, onEvent: mirror.onEvent });
  onTestFinished(() => reader.close());
  return { reader, mirror };
}

/** Lets a simulated slow writer pause between bursts; never used to wait for events. */
export function writerPause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
