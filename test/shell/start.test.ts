/**
 * `npm start` (build/start.mjs) as a user runs it. The Electron package is pointed at a
 * fresh temp folder (ELECTRON_OVERRIDE_DIST_PATH), so each test decides whether a binary
 * is "installed", whatever this machine has.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const MESSAGE =
  'seclog: the Electron binary is not installed here; serving the same UI in the browser instead';

let dir: string;
let child: ChildProcess | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seclog-start-'));
});
afterEach(() => {
  // The child leads its own process group: a failed test must not leave a server behind.
  if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  child = null;
  rmSync(dir, { recursive: true, force: true });
});

function start(): { proc: ChildProcess; lines: string[]; next: (ms: number) => Promise<string> } {
  const proc = spawn(process.execPath, ['build/start.mjs'], {
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child = proc;
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  const next = (ms: number) =>
    new Promise<string>((res, rej) => {
      const queued = lines.shift();
      if (queued !== undefined) return res(queued);
      const timer = setTimeout(() => rej(new Error(`no line within ${ms} ms`)), ms);
      waiting.push((line) => {
        clearTimeout(timer);
        res(line);
      });
    });
  return { proc, lines, next };
}

const exited = (proc: ChildProcess, ms: number) =>
  new Promise<number | null>((res, rej) => {
    if (proc.exitCode !== null) return res(proc.exitCode);
    const timer = setTimeout(() => rej(new Error(`still running after ${ms} ms`)), ms);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      res(code);
    });
  });

describe('npm start without the Electron binary', () => {
  it('says so in one line, then serves the demo exports to a browser until stopped', async () => {
    const { proc, next } = start();
    expect(await next(15_000)).toBe(MESSAGE);
    const open = await next(15_000);
    const m = /^seclog: open (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)$/.exec(open);
    expect(m, open).not.toBeNull();
    const page = new URL(m![1]!);
    const summaryUrl = new URL(`/api/summary?token=${page.searchParams.get('token')}`, page);

    // The demo folder is watched: its events show up in the summary.
    const deadline = Date.now() + 15_000;
    let events = 0;
    while (events === 0 && Date.now() < deadline) {
      const res = await fetch(summaryUrl);
      expect(res.status).toBe(200);
      events = ((await res.json()) as { events: number }).events;
      if (events === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events).toBeGreaterThan(0);

    proc.kill('SIGTERM');
    expect(await exited(proc, 10_000)).toBe(0);
    await expect(fetch(summaryUrl)).rejects.toThrow();
  });
});

// electron is an optional dependency: where its binary cannot be downloaded (and
// ELECTRON_SKIP_BINARY_DOWNLOAD is not set), npm leaves the package out altogether, and
// there is nothing to launch a stand-in binary through.
const electronPackage = existsSync(join('node_modules', 'electron', 'package.json'));

describe.skipIf(!electronPackage)('npm start with the Electron binary', () => {
  it('launches Electron on the app folder and prints no fallback line', async () => {
    const fake = join(dir, 'electron');
    writeFileSync(fake, '#!/bin/sh\necho "electron started with: $*"\nexit 3\n');
    chmodSync(fake, 0o755);
    const { proc, next } = start();
    expect(await next(15_000)).toBe(`electron started with: ${resolve('.')}/`);
    expect(await exited(proc, 10_000)).toBe(3);
  });
});
