/** Reading request targets: decoded segments, never a way out of the folder. */
import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../electron/serve/target.js';

describe('parseTarget', () => {
  it('splits on raw slashes, decodes each segment and keeps the query', () => {
    const t = parseTarget('/assets//app%20v1.js?token=abc&x=1');
    expect(t?.segments).toEqual(['assets', 'app v1.js']);
    expect(t?.query.get('token')).toBe('abc');
    expect(parseTarget('/')?.segments).toEqual([]);
    expect(parseTarget('/api/events%3Acount')?.segments).toEqual(['api', 'events:count']);
    expect(parseTarget('//etc/passwd')?.segments).toEqual(['etc', 'passwd']);
  });

  it('refuses targets that are not paths, or whose segments could walk or cut a name', () => {
    const bad = [
      undefined,
      '',
      '*',
      'index.html',
      'http://127.0.0.1:1/',
      '/..',
      '/a/../b',
      '/./a',
      '/%2e%2e/x',
      '/%2E%2E',
      '/%2e',
      '/a%2fb',
      '/a%5cb',
      '/a\\b',
      '/a%00',
      '/%',
      '/%c0%ae%c0%ae/x',
    ];
    for (const url of bad) expect([url, parseTarget(url)]).toEqual([url, null]);
  });
});
