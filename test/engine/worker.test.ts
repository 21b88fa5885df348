/** The engine in its worker thread, and `seclog serve` in front of it, as a user runs them. */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { EngineClient } from '../../electron/engine/client.js';

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.map((c) => c()));
  cleanup = [];
});

describe('the engine worker', () => {
  it('reads, answers and pushes notifications through messages', async () => {
    const client = new EngineClient(resolve('dist/engine-worker.cjs'), { notifyMs: 20 });
    cleanup.push(() => client.close());
    const seen: string[] = [];
    client.subscribe((n) => seen.push(n.type));
    await client.watch('build/demo');
    expect(await client.api['events:count']({})).toEqual({ count: 14 });
    expect((await client.api['stats:devices']({})).map((d) => d.device)).toContain('60.251.25.44');
    await expect(client.api['events:query']({ after: 'garbage' })).rejects.toThrow(/cursor/i);
    await expect.poll(() => seen.includes('counts-changed')).toBe(true);
  });
});

describe('sessions and exports through the worker', () => {
  it('saves a session, opens it again with its data and imported rules, and exports', async () => {
    const first = new EngineClient(resolve('dist/engine-worker.cjs'));
    cleanup.push(() => first.close());
    await first.load(['build/demo']);
    await first.api['rules:import']({
      text: 'Rule ID,Name\n1134560,Telnet probe\n',
      name: 'list.csv',
    });
    const bytes = await first.saveSession();

    const second = new EngineClient(resolve('dist/engine-worker.cjs'));
    cleanup.push(() => second.close());
    await expect(second.openSession(new Uint8Array([1, 2, 3]))).rejects.toThrow(
      /not a seclog session/,
    );
    await second.openSession(bytes);
    expect(await second.api['events:count']({})).toEqual({ count: 14 });
    expect((await second.api['rules:lookup']({ id: '1134560' })).rule?.name.en).toBe(
      'Telnet probe',
    );

    const out = join(mkdtempSync(join(tmpdir(), 'seclog-export-')), 'events.csv');
    expect(await second.exportTo('csv', out)).toMatchObject({ rows: 14 });
    expect(readFileSync(out, 'utf8').split('\r\n').length).toBeGreaterThan(14);
  });
});

function serve(args: string[]): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, ['dist/seclog.cjs', 'serve', '--port', '0', ...args]);
  cleanup.push(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: new URL(m[1]!) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

describe('seclog serve', () => {
  it('answers /api/summary with what summary --json prints', async () => {
    const { url } = await serve(['build/demo']);
    const token = url.searchParams.get('token')!;
    const expected = JSON.parse(
      spawnSync(process.execPath, ['dist/seclog.cjs', 'summary', '--json', 'build/demo'], {
        encoding: 'utf8',
      }).stdout,
    );
    await expect
      .poll(async () => {
        const r = await fetch(new URL('/api/summary', url), {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await r.json()) as { events: number }).events;
      })
      .toBe(14);
    const r = await fetch(new URL('/api/summary', url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await r.json()).toEqual(expected);
  });

  it('refuses a request without the token', async () => {
    const { url } = await serve([]);
    const r = await fetch(new URL('/api/summary', url));
    expect(r.status).toBe(401);
  });

  it('refuses a port that is no number, in one line', () => {
    const r = spawnSync(process.execPath, ['dist/seclog.cjs', 'serve', '--port', 'http'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      "seclog: serve: --port must be a number from 0 to 65535, not 'http'",
    );
  });
});
