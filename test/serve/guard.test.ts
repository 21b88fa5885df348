/** Who may talk to the server: token, Host, Origin and Sec-Fetch-Site checks. */
import { describe, expect, it } from 'vitest';
import { checkTokenForm, newToken, tokenMatches } from '../../electron/serve/guard.js';
import { raw, serve, type RawRequest } from './fixture.js';

describe('request checks', () => {
  it('refuses every request that lacks a valid token, a right Host or its own Origin', async () => {
    const { server } = await serve();
    const { port, token } = server;
    const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
    const wrongSameLength = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const cases: [string, RawRequest, number, string][] = [
      ['no token', { path: '/api/summary' }, 401, 'unauthorized'],
      ['no token on the page', { path: '/' }, 401, 'unauthorized'],
      [
        'a wrong token',
        { path: '/api/summary', headers: bearer(wrongSameLength) },
        401,
        'unauthorized',
      ],
      [
        'a token too short',
        { path: '/api/summary', headers: bearer(token.slice(1)) },
        401,
        'unauthorized',
      ],
      [
        'a token too long',
        { path: '/api/summary', headers: bearer(token + 'x') },
        401,
        'unauthorized',
      ],
      ['an empty query token', { path: '/api/summary?token=' }, 401, 'unauthorized'],
      ['a wrong query token', { path: `/?token=${wrongSameLength}` }, 401, 'unauthorized'],
      [
        'the token as Basic',
        { path: '/api/summary', headers: { Authorization: `Basic ${token}` } },
        401,
        'unauthorized',
      ],
      [
        'a wrong cookie',
        { path: '/', headers: { Cookie: `seclog-${port}=${wrongSameLength}` } },
        401,
        'unauthorized',
      ],
      [
        'the cookie of another port',
        { path: '/', headers: { Cookie: `seclog-${port + 1}=${token}` } },
        401,
        'unauthorized',
      ],
      [
        'a foreign Host',
        { path: '/api/summary', headers: bearer(token), host: `evil.example:${port}` },
        421,
        'wrong host',
      ],
      [
        'a rebound name',
        { path: '/api/summary', headers: bearer(token), host: `127.0.0.1.nip.io:${port}` },
        421,
        'wrong host',
      ],
      [
        'Host without the port',
        { path: '/api/summary', headers: bearer(token), host: '127.0.0.1' },
        421,
        'wrong host',
      ],
      [
        'Host with another port',
        { path: '/api/summary', headers: bearer(token), host: `localhost:${port + 1}` },
        421,
        'wrong host',
      ],
      [
        'a foreign Origin',
        { path: '/api/summary', headers: { ...bearer(token), Origin: 'https://evil.example' } },
        403,
        'foreign origin',
      ],
      [
        'an Origin on another port',
        { path: '/api/summary', headers: { ...bearer(token), Origin: 'http://127.0.0.1:1' } },
        403,
        'foreign origin',
      ],
      [
        'Origin null',
        { path: '/api/summary', headers: { ...bearer(token), Origin: 'null' } },
        403,
        'foreign origin',
      ],
      [
        'a cross-site fetch',
        { path: '/api/summary', headers: { ...bearer(token), 'Sec-Fetch-Site': 'cross-site' } },
        403,
        'foreign origin',
      ],
      [
        'a same-site page on another port',
        {
          path: '/',
          headers: { Cookie: `seclog-${port}=${token}`, 'Sec-Fetch-Site': 'same-site' },
        },
        403,
        'foreign origin',
      ],
    ];
    for (const [what, req, status, error] of cases) {
      const answer = await raw(port, req);
      expect([what, answer.status]).toEqual([what, status]);
      expect([what, JSON.parse(answer.body)]).toEqual([what, { error }]);
      expect(answer.body).not.toContain(token);
      expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
        [],
      );
    }
  });

  it('accepts the token from a Bearer header, the query or the cookie', async () => {
    const { server } = await serve();
    const { port, token } = server;
    const good: RawRequest[] = [
      { path: '/api/summary', headers: { Authorization: `Bearer ${token}` } },
      { path: '/api/summary', headers: { Authorization: `bearer ${token}` } },
      { path: `/api/summary?token=${token}` },
      { path: '/api/summary', headers: { Cookie: `other=1; seclog-${port}=${token}` } },
      { path: `/api/summary?token=${token}`, host: `localhost:${port}` },
      { path: `/api/summary?token=${token}`, headers: { Origin: `http://localhost:${port}` } },
      { path: `/api/summary?token=${token}`, headers: { 'Sec-Fetch-Site': 'same-origin' } },
      { path: `/?token=${token}`, headers: { 'Sec-Fetch-Site': 'none' } },
    ];
    for (const req of good) expect([req, (await raw(port, req)).status]).toEqual([req, 200]);
  });

  it('sets an HttpOnly SameSite=Strict cookie on the first page load', async () => {
    const { server } = await serve();
    const first = await raw(server.port, { path: `/?token=${server.token}` });
    expect(first.status).toBe(200);
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(`seclog-${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
    const pair = cookie.split(';')[0]!;
    const later = await raw(server.port, { path: '/assets/app.js', headers: { Cookie: pair } });
    expect(later.status).toBe(200);
    // Only a page load from the URL sets it, not a request that already had a credential.
    const withHeader = await raw(server.port, {
      path: '/',
      headers: { Authorization: `Bearer ${server.token}` },
    });
    expect(withHeader.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a request without Host before it reaches the routes', async () => {
    const { server } = await serve();
    const headers = { Authorization: `Bearer ${server.token}` };
    // Node itself answers 400 to an HTTP/1.1 request without Host; either way, no data.
    const answer = await raw(server.port, { path: '/api/summary', headers, host: null });
    expect(answer.status).toBe(400);
    expect(answer.body).not.toContain('10.42.2.33');
  });

  it('answers OPTIONS with 405 and no CORS headers', async () => {
    const { server } = await serve();
    const answer = await raw(server.port, {
      method: 'OPTIONS',
      path: '/api/events:count',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Access-Control-Request-Method': 'POST',
      },
    });
    expect(answer.status).toBe(405);
    expect(Object.keys(answer.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
  });

  it('refuses a repeated Host or Origin header', async () => {
    const { server } = await serve();
    const answer = await raw(server.port, {
      path: '/api/summary',
      headers: {
        Authorization: `Bearer ${server.token}`,
        Origin: [`http://127.0.0.1:${server.port}`, 'https://evil.example'] as unknown as string,
      },
    });
    expect(answer.status).toBe(403);
  });
});

describe('tokens', () => {
  it('makes 32 random bytes in base64url, different each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(a);
  });

  it('matches only the exact token, whatever the length of the guess', () => {
    expect(tokenMatches('abcdefghijklmnop', 'abcdefghijklmnop')).toBe(true);
    for (const guess of [
      '',
      'abcdefghijklmno',
      'abcdefghijklmnoq',
      'abcdefghijklmnopq',
      'ABCDEFGHIJKLMNOP',
    ]) {
      expect([guess, tokenMatches(guess, 'abcdefghijklmnop')]).toEqual([guess, false]);
    }
  });

  it('refuses a chosen token that is short or would need escaping in a URL or cookie', () => {
    for (const bad of [
      '',
      'short',
      'a'.repeat(15),
      'a'.repeat(20) + ';',
      'a'.repeat(20) + ' b',
      'é'.repeat(20),
    ]) {
      expect(() => checkTokenForm(bad)).toThrow(/token/);
    }
    expect(checkTokenForm('a-long_enough.token~1')).toBe('a-long_enough.token~1');
  });
});
