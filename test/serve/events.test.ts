/** `GET /api/events`: notifications as server-sent events. */
import { describe, expect, it, vi } from 'vitest';
import type { Notification } from '../../shared/api/types.js';
import { connect } from 'node:net';
import { serve } from './fixture.js';

/** Reads an event stream's text until `done(text)` holds or the stream ends. */
async function readUntil(
  body: ReadableStream<Uint8Array>,
  done: (text: string) => boolean,
  timeoutMs = 5000,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => void reader.cancel(new Error('timed out')), timeoutMs);
  try {
    while (!done(text)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  return text;
}

const dataLines = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice('data: '.length)) as Notification);

describe('event stream', () => {
  it('sends each notification as one data event and unsubscribes on abort', async () => {
    const { base, auth, engine } = await serve();
    const abort = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: auth, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(engine.listeners.size).toBe(1);

    const sent: Notification[] = [
      { type: 'counts-changed', events: 3, duplicates: 1, malformed: 0 },
      {
        type: 'quarantine',
        events: [
          { device: '10.0.0.5', peer: '1.2.3.4', time: '2019-12-16 00:58:58', ruleId: '1133820' },
        ],
      },
    ];
    const body = res.body!;
    const reading = readUntil(body, (t) => dataLines(t).length >= 2);
    for (const n of sent) engine.push(n);
    const text = await reading;
    expect(dataLines(text)).toEqual(sent);
    expect(text.startsWith(':')).toBe(true);

    abort.abort();
    await vi.waitFor(() => expect(engine.listeners.size).toBe(0), { timeout: 5000 });
  });

  it('keeps a line break in a notification inside its one data line', async () => {
    const { base, auth, engine } = await serve();
    const abort = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: auth, signal: abort.signal });
    const reading = readUntil(res.body!, (t) => t.includes('data: '));
    const n: Notification = {
      type: 'quarantine',
      events: [{ device: 'cam\n\ndata: {"type":"forged"}', peer: null, time: 't', ruleId: null }],
    };
    engine.push(n);
    const text = await reading;
    expect(text.match(/^data: /gm)).toHaveLength(1);
    expect(dataLines(text)).toEqual([n]);
    abort.abort();
  });

  it('accepts the token in the query string, as EventSource cannot send headers', async () => {
    const { server, base, engine } = await serve();
    const abort = new AbortController();
    const res = await fetch(`${base}/api/events?token=${server.token}`, { signal: abort.signal });
    expect(res.status).toBe(200);
    expect(engine.listeners.size).toBe(1);
    abort.abort();
    await vi.waitFor(() => expect(engine.listeners.size).toBe(0), { timeout: 5000 });
  });

  it('sends a comment heartbeat while idle', async () => {
    const { base, auth } = await serve({ heartbeatMs: 30 });
    const abort = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: auth, signal: abort.signal });
    const text = await readUntil(res.body!, (t) => (t.match(/^: ping$/gm) ?? []).length >= 2);
    expect(text.match(/^: ping$/gm)).toHaveLength(2);
    abort.abort();
  });

  it('ends open streams and their subscriptions when the server closes', async () => {
    const { server, base, auth, engine } = await serve();
    const res = await fetch(`${base}/api/events`, { headers: auth });
    expect(engine.listeners.size).toBe(1);
    const reading = readUntil(res.body!, () => false);
    await server.close();
    await reading;
    expect(engine.listeners.size).toBe(0);
  });
});

describe('a client that stops reading', () => {
  it('is cut off and unsubscribed once its backlog passes 1 MB', async () => {
    const { server, engine } = await serve();
    const socket = connect({ host: '127.0.0.1', port: server.port });
    socket.write(
      `GET /api/events?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`,
    );
    // Never read: the socket stays paused, so what the server writes piles up.
    socket.pause();
    await vi.waitFor(() => expect(engine.listeners.size).toBe(1), { timeout: 5000 });
    const big: Notification = {
      type: 'quarantine',
      events: [{ device: 'x'.repeat(100_000), peer: null, time: 't', ruleId: null }],
    };
    for (let i = 0; i < 500 && engine.listeners.size > 0; i++) {
      engine.push(big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(engine.listeners.size).toBe(0);
    socket.destroy();
  });
});
