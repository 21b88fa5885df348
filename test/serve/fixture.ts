/**
 * Test doubles and helpers for the HTTP server: a fake engine, a built UI in a fresh temp
 * folder, and raw requests through node:http (fetch cannot set Host or send `..`).
 */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { channels, type Api, type Channel } from '../../shared/api/contract.js';
import type { Notification } from '../../shared/api/types.js';
import type { Summary } from '../../shared/summary-types.js';
import { startServer, type RunningServer, type ServeOptions } from '../../electron/serve/server.js';

/** A summary as `seclog summary --json` would print it for a small export. */
export const SUMMARY: Summary = {
  events: 3,
  duplicates: 1,
  malformed: 0,
  other: 2,
  lines: 6,
  byMessageType: { security_rule: 3, wrs: 0, trs: 0 },
  byEventType: { brute_force: 2, cyber_attack: 1, quarantine: 0, unknown: 0 },
  attackers: [{ ip: '10.42.2.33', events: 2 }],
  victims: [{ ip: '192.168.40.78', events: 3 }],
  devices: [],
  unknownRules: [],
  sources: [{ path: 'cam.log', skipped: 'not a log' }],
};

/** A fake engine: a few channels answer, the rest throw; notifications are pushed by hand. */
export class FakeEngine {
  readonly calls: { channel: Channel; request: unknown }[] = [];
  readonly listeners = new Set<(n: Notification) => void>();
  readonly api: Api;

  constructor() {
    const api: Record<string, (req: unknown) => Promise<unknown>> = {};
    for (const channel of Object.keys(channels) as Channel[]) {
      api[channel] = async (request) => {
        this.calls.push({ channel, request });
        throw new Error(`fake engine: ${channel} is not part of this test`);
      };
    }
    api['events:count'] = async (request) => {
      this.calls.push({ channel: 'events:count', request });
      const filter = (request as { filter?: unknown }).filter;
      return { count: filter ? 7 : 42 };
    };
    api['summary:get'] = async (request) => {
      this.calls.push({ channel: 'summary:get', request });
      return SUMMARY;
    };
    this.api = api as unknown as Api;
  }

  /** The `subscribe` of ServeOptions. */
  readonly subscribe = (listener: (n: Notification) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Sends a notification to every subscriber. */
  push(n: Notification): void {
    for (const l of this.listeners) l(n);
  }
}

/** A built UI in a fresh temp folder, with a secret file beside it and links in and out. */
export function makeUi(): { root: string; dir: string; secret: string } {
  const root = mkdtempSync(join(tmpdir(), 'seclog-serve-'));
  const dir = join(root, 'ui');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>seclog UI</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(dir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'assets', 'sql.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  writeFileSync(join(dir, 'assets', 'data.bin'), 'bytes');
  const secret = join(root, 'secret.txt');
  writeFileSync(secret, 'TOP-SECRET-OUTSIDE');
  symlinkSync(secret, join(dir, 'leak.txt'));
  symlinkSync(root, join(dir, 'up'));
  symlinkSync(join(dir, 'assets', 'app.js'), join(dir, 'alias.js'));
  return { root, dir, secret };
}

const running: RunningServer[] = [];
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** Starts a server on a free port with a fake engine and a built UI; closed after the test. */
export async function serve(opts: Partial<ServeOptions> = {}) {
  const engine = new FakeEngine();
  const ui = makeUi();
  folders.push(ui.root);
  const server = await startServer({
    api: engine.api,
    subscribe: engine.subscribe,
    staticDir: ui.dir,
    ...opts,
  });
  running.push(server);
  const base = `http://127.0.0.1:${server.port}`;
  const auth = { Authorization: `Bearer ${server.token}` };
  return { server, engine, ui, base, auth };
}

/** An answer read whole. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Options of a raw request; `host: null` sends no Host header at all. */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  host?: string | null;
  body?: string | Buffer;
}

/** Sends a request exactly as given (path unnormalised, any Host) and reads the answer. */
export function raw(port: number, r: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...r.headers };
    if (r.host !== null) headers.Host = r.host ?? `127.0.0.1:${port}`;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: r.method ?? 'GET',
        path: r.path,
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}
