/** Starting and stopping the server: address, port, token, and a clean close. */
import { describe, expect, it, vi } from 'vitest';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startServer } from '../../electron/serve/server.js';
import { FakeEngine, serve } from './fixture.js';

/** Whether a TCP connection to host:port is accepted (false: refused or unreachable). */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startServer', () => {
  it('listens on 127.0.0.1 only, not on other loopback or interface addresses', async () => {
    const { server } = await serve();
    expect(await accepts('127.0.0.1', server.port)).toBe(true);
    // 127.0.0.2 is loopback too on Linux: it reaches a server bound to 0.0.0.0, not ours.
    expect(await accepts('127.0.0.2', server.port)).toBe(false);
    expect(await accepts('::1', server.port)).toBe(false);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of others) {
      expect([address, await accepts(address, server.port)]).toEqual([address, false]);
    }
  });

  it('prints a URL on 127.0.0.1 carrying a fresh 32-byte token', async () => {
    const a = await serve();
    const b = await serve();
    expect(a.server.url).toBe(`http://127.0.0.1:${a.server.port}/?token=${a.server.token}`);
    expect(a.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.server.token).not.toBe(b.server.token);
    expect(a.server.port).not.toBe(b.server.port);
    const page = await fetch(a.server.url);
    expect(page.status).toBe(200);
    await page.text();
  });

  it('uses the port and token it is given', async () => {
    const first = await serve();
    const port = first.server.port;
    await first.server.close();
    const { server } = await serve({ port, token: 'a-chosen-token-of-20' });
    expect(server.port).toBe(port);
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=a-chosen-token-of-20`);
  });

  it('refuses a port in use, a port out of range and a weak token', async () => {
    const { server } = await serve();
    const engine = new FakeEngine();
    const base = { api: engine.api, subscribe: engine.subscribe, staticDir: null };
    await expect(startServer({ ...base, port: server.port })).rejects.toThrow(/EADDRINUSE/);
    for (const port of [-1, 65536, 1.5, Number.NaN]) {
      await expect(startServer({ ...base, port })).rejects.toThrow(/port/);
    }
    await expect(startServer({ ...base, token: 'short' })).rejects.toThrow(/token/);
  });

  it('finishes an answer in flight, then closes and frees the port', async () => {
    let release = () => {};
    let called = false;
    const engine = new FakeEngine();
    const api = {
      ...engine.api,
      'events:count': () => {
        called = true;
        return new Promise<{ count: number }>((resolve) => {
          release = () => resolve({ count: 5 });
        });
      },
    };
    const { server, base, auth } = await serve({ api });
    const answer = fetch(`${base}/api/events:count`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: '{}',
    });
    await vi.waitFor(() => expect(called).toBe(true), { timeout: 5000 });
    const closing = server.close();
    expect(await accepts('127.0.0.1', server.port)).toBe(false);
    release();
    const res = await answer;
    expect([res.status, await res.json()]).toEqual([200, { count: 5 }]);
    await closing;
    // Closing twice is harmless.
    await server.close();
  });

  it('closes at once while a client holds idle keep-alive connections', async () => {
    const { server, base, auth } = await serve();
    for (let i = 0; i < 3; i++)
      await (await fetch(`${base}/api/summary`, { headers: auth })).text();
    const started = Date.now();
    await server.close();
    // undici would keep them open 4 s on its own; close() must not wait for that.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
