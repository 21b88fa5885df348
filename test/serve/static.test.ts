/** The built UI: files from one folder only, with their types and the page's CSP. */
import { describe, expect, it } from 'vitest';
import { HTML_CSP } from '../../electron/serve/respond.js';
import { contentType } from '../../electron/serve/static.js';
import { raw, serve } from './fixture.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "frame-ancestors 'none'; form-action 'none'";

describe('static files', () => {
  it('serves index.html with the strict CSP and the security headers', async () => {
    const { base, auth } = await serve();
    const res = await fetch(`${base}/`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(HTML_CSP).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('<title>seclog UI</title>');
  });

  it('serves each kind of file with its own Content-Type and no CSP on non-HTML', async () => {
    const { base, auth } = await serve();
    const want: [string, string][] = [
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/app.css', 'text/css; charset=utf-8'],
      ['/assets/logo.svg', 'image/svg+xml'],
      ['/assets/sql.wasm', 'application/wasm'],
      ['/assets/data.bin', 'application/octet-stream'],
      ['/alias.js', 'text/javascript; charset=utf-8'],
    ];
    for (const [path, type] of want) {
      const res = await fetch(base + path, { headers: auth });
      await res.arrayBuffer();
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, type]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBeNull();
    }
    expect(await (await fetch(`${base}/assets/app.js`, { headers: auth })).text()).toBe(
      'console.log("app");',
    );
  });

  it('names the types of the UI build', () => {
    const want: Record<string, string> = {
      'a.html': 'text/html; charset=utf-8',
      'a.JS': 'text/javascript; charset=utf-8',
      'a.css': 'text/css; charset=utf-8',
      'a.svg': 'image/svg+xml',
      'a.png': 'image/png',
      'a.woff2': 'font/woff2',
      'a.json': 'application/json; charset=utf-8',
      'a.wasm': 'application/wasm',
      'a.exe': 'application/octet-stream',
      noext: 'application/octet-stream',
    };
    for (const [name, type] of Object.entries(want))
      expect([name, contentType(name)]).toEqual([name, type]);
  });

  it('refuses every path that would leave the folder, however it is spelled', async () => {
    const { server, ui } = await serve();
    const headers = { Authorization: `Bearer ${server.token}` };
    const cases: [string, number][] = [
      ['/../package.json', 400],
      ['/assets/../../secret.txt', 400],
      ['/%2e%2e/%2e%2e/etc/passwd', 400],
      ['/%2E%2E/secret.txt', 400],
      ['/..%2fsecret.txt', 400],
      ['/..%2Fsecret.txt', 400],
      ['/assets%2f..%2f..%2fsecret.txt', 400],
      ['/..%5csecret.txt', 400],
      ['/static/%00', 400],
      ['/index.html%00.js', 400],
      ['/%', 400],
      ['/%zz', 400],
      ['/./index.html', 400],
      [`/${encodeURIComponent(ui.secret)}`, 400],
      ['/C:%5cWindows%5cwin.ini', 400],
      ['/C:secret.txt', 400],
      ['/leak.txt', 404],
      ['/up/secret.txt', 404],
      [`/${ui.secret.slice(1)}`, 404],
      [`//${ui.secret.slice(1)}`, 404],
      // An extension-less path is a page of the app: index.html, never the system's file.
      ['/etc/passwd', 200],
    ];
    for (const [path, status] of cases) {
      const answer = await raw(server.port, { path, headers });
      expect([path, answer.status]).toEqual([path, status]);
      expect(answer.body).not.toContain('TOP-SECRET');
      expect(answer.body).not.toContain('root:');
    }
  });

  it('refuses an absolute-form request target', async () => {
    const { server } = await serve();
    const answer = await raw(server.port, {
      path: `http://127.0.0.1:${server.port}/index.html`,
      headers: { Authorization: `Bearer ${server.token}` },
    });
    expect(answer.status).toBe(400);
  });

  it('answers index.html for extension-less paths and 404 for missing files', async () => {
    // A last segment with a dot counts as a file name, so app routes keep dots out of it.
    const { base, auth } = await serve();
    for (const path of ['/events', '/devices/cam-1', '/assets']) {
      const res = await fetch(base + path, { headers: auth });
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(await res.text()).toContain('seclog UI');
    }
    for (const path of ['/assets/missing.js', '/favicon.ico', '/robots.txt']) {
      const res = await fetch(base + path, { headers: auth });
      await res.arrayBuffer();
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { server, base, auth } = await serve();
    const head = await fetch(`${base}/assets/app.js`, { method: 'HEAD', headers: auth });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String('console.log("app");'.length));
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await raw(server.port, {
        method,
        path: '/index.html',
        headers: { Authorization: `Bearer ${server.token}` },
      });
      expect([method, answer.status, answer.headers.allow]).toEqual([method, 405, 'GET, HEAD']);
    }
  });

  it('serves a page saying the UI is not built when there is no UI folder', async () => {
    const { base, auth } = await serve({ staticDir: null });
    const res = await fetch(`${base}/`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    const text = await res.text();
    expect(text).toContain('not built');
    expect(text).not.toContain('<script');
    const asset = await fetch(`${base}/assets/app.js`, { headers: auth });
    expect([asset.status, await asset.json()]).toEqual([404, { error: 'not found' }]);
    // The API does not depend on the UI.
    const summary = await fetch(`${base}/api/summary`, { headers: auth });
    expect([summary.status, ((await summary.json()) as { events: number }).events]).toEqual([
      200, 3,
    ]);
  });

  it('refuses to start on a UI folder that does not exist', async () => {
    await expect(serve({ staticDir: '/nonexistent/seclog-ui' })).rejects.toThrow(/ENOENT/);
  });
});
