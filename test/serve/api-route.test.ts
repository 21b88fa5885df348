/** The engine over HTTP: `POST /api/<channel>` and `GET /api/summary`. */
import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { MAX_BODY_BYTES } from '../../electron/serve/body.js';
import { SUMMARY, raw, serve } from './fixture.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('API', () => {
  it('answers POST /api/events:count with the engine answer, uncached', async () => {
    const { base, auth, engine } = await serve();
    const res = await fetch(`${base}/api/events:count`, {
      method: 'POST',
      headers: { ...auth, ...JSON_TYPE },
      body: JSON.stringify({ filter: { eventTypes: ['brute_force'], ip: '10.42.2.0/24' } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.json()).toEqual({ count: 7 });
    expect(engine.calls).toEqual([
      {
        channel: 'events:count',
        request: { filter: { eventTypes: ['brute_force'], ip: '10.42.2.0/24' } },
      },
    ]);
  });

  it('accepts the channel name percent-encoded and a charset on the type', async () => {
    const { base, auth } = await serve();
    const res = await fetch(`${base}/api/events%3Acount`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json; charset=UTF-8' },
      body: '{}',
    });
    expect([res.status, await res.json()]).toEqual([200, { count: 42 }]);
  });

  it('answers GET /api/summary with the object summary --json prints', async () => {
    const { base, auth, engine } = await serve();
    const res = await fetch(`${base}/api/summary`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual(SUMMARY);
    expect(engine.calls).toEqual([{ channel: 'summary:get', request: {} }]);
  });

  it('refuses bad requests with a short reason, without calling the engine', async () => {
    const { server, engine } = await serve();
    const auth = { Authorization: `Bearer ${server.token}` };
    const post = (path: string, body: string | Buffer, type = 'application/json') => ({
      method: 'POST',
      path,
      headers: { ...auth, 'Content-Type': type },
      body,
    });
    const cases: [string, Parameters<typeof raw>[1], number, string | RegExp][] = [
      ['an unknown channel', post('/api/events:drop', '{}'), 404, 'unknown channel'],
      ['a prototype name', post('/api/__proto__', '{}'), 404, 'unknown channel'],
      ['a nested path', post('/api/events:count/x', '{}'), 404, 'not found'],
      ['the bare /api', post('/api', '{}'), 404, 'not found'],
      ['bad JSON', post('/api/events:count', '{"filter":'), 400, 'the body is not valid JSON'],
      ['an empty body', post('/api/events:count', ''), 400, 'the body is not valid JSON'],
      ['invalid UTF-8', post('/api/events:count', Buffer.from([0x7b, 0xff, 0x7d])), 400, /UTF-8/],
      ['text/plain', post('/api/events:count', '{}', 'text/plain'), 415, /application\/json/],
      [
        'a form',
        post('/api/events:count', 'a=1', 'application/x-www-form-urlencoded'),
        415,
        /json/,
      ],
      [
        'another charset',
        post('/api/events:count', '{}', 'application/json; charset=latin1'),
        415,
        /json/,
      ],
      ['no Content-Type', { ...post('/api/events:count', '{}'), headers: auth }, 415, /json/],
      ['an unknown field', post('/api/events:count', '{"limit":5}'), 400, 'limit: unknown field'],
      [
        'a wrong type',
        post('/api/events:count', '{"filter":{"port":"80"}}'),
        400,
        'filter.port: expected a whole number',
      ],
      [
        'an out of range value',
        post('/api/events:count', '{"filter":{"port":70000}}'),
        400,
        /filter\.port: expected a number from 0 to 65535/,
      ],
      [
        'a wrong enum',
        post('/api/events:count', '{"filter":{"eventTypes":["<b>x</b>"]}}'),
        400,
        /filter\.eventTypes\[0\]: expected one of/,
      ],
      ['an array body', post('/api/events:count', '[]'), 400, 'request: expected an object'],
      ['a null body', post('/api/events:count', 'null'), 400, 'request: expected an object'],
      ['a missing field', post('/api/roots:remove', '{}'), 400, 'id: expected a whole number'],
      [
        'GET on a channel',
        { method: 'GET', path: '/api/events:count', headers: auth },
        405,
        'method not allowed',
      ],
      ['POST to summary', post('/api/summary', '{}'), 405, 'method not allowed'],
      ['POST to events', post('/api/events', '{}'), 405, 'method not allowed'],
    ];
    for (const [what, req, status, error] of cases) {
      const answer = await raw(server.port, req);
      expect([what, answer.status]).toEqual([what, status]);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = JSON.parse(answer.body) as { error: string };
      expect(Object.keys(body)).toEqual(['error']);
      if (typeof error === 'string') expect([what, body.error]).toEqual([what, error]);
      else expect(body.error).toMatch(error);
    }
    expect(engine.calls).toEqual([]);
  });

  it('answers an engine error with 500 and its message only, never its stack', async () => {
    const { base, auth } = await serve();
    const res = await fetch(`${base}/api/sql:run`, {
      method: 'POST',
      headers: { ...auth, ...JSON_TYPE },
      body: JSON.stringify({ sql: 'SELECT 1' }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'fake engine: sql:run is not part of this test' });
    expect(text).not.toMatch(/fixture|at |\.ts/);
  });

  it('refuses a body declared larger than 25 MB with 413 before reading it', async () => {
    const { base, auth, engine } = await serve();
    const body = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const res = await fetch(`${base}/api/rules:import`, {
      method: 'POST',
      headers: { ...auth, ...JSON_TYPE },
      body,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: `the body is larger than ${MAX_BODY_BYTES} bytes` });
    expect(engine.calls).toEqual([]);
  });

  it('counts an undeclared (chunked) body and refuses it with 413 once past 25 MB', async () => {
    const { server, engine } = await serve();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/rules:import',
          headers: { Authorization: `Bearer ${server.token}`, ...JSON_TYPE },
          agent: false,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 27) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(engine.calls).toEqual([]);
  });

  it('accepts a body just under the cap', async () => {
    const { base, auth, engine } = await serve();
    const text = 'x'.repeat(5 * 1024 * 1024);
    const res = await fetch(`${base}/api/rules:import`, {
      method: 'POST',
      headers: { ...auth, ...JSON_TYPE },
      body: JSON.stringify({ text, name: 'rules.csv' }),
    });
    // The fake engine throws for rules:import: the body was read, checked and passed on.
    expect(res.status).toBe(500);
    await res.arrayBuffer();
    expect(engine.calls.map((c) => c.channel)).toEqual(['rules:import']);
    expect((engine.calls[0]!.request as { text: string }).text).toHaveLength(text.length);
  });
});
