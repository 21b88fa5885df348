/** The window's security settings, its CSP and the URL checks, read as data. */
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import {
  CSP,
  CSP_DIRECTIVES,
  grantsPermission,
  isAllowedNavigation,
  isAppPage,
  isSafeExternalUrl,
  WEB_PREFERENCES,
  webPreferences,
  withCsp,
} from '../../electron/shell/security.js';

const APP = pathToFileURL('/opt/seclog/resources/app.asar/dist/renderer/index.html').href;

describe('WEB_PREFERENCES', () => {
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['navigateOnDragDrop', false],
  ] as const)('writes %s out as %s', (name, value) => {
    expect(Object.hasOwn(WEB_PREFERENCES, name)).toBe(true);
    expect(WEB_PREFERENCES[name]).toBe(value);
  });

  it('adds the preload path without changing any security setting', () => {
    const prefs = webPreferences('/opt/seclog/dist/preload.cjs');
    expect(prefs.preload).toBe('/opt/seclog/dist/preload.cjs');
    expect({ ...prefs, preload: undefined }).toEqual({ ...WEB_PREFERENCES, preload: undefined });
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
  });
});

describe('CSP', () => {
  const directive = (name: string) =>
    CSP.split(';')
      .map((d) => d.trim())
      .find((d) => d.split(' ')[0] === name);

  it('is the policy the app was specified with', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('lets no inline or evaluated script run', () => {
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).not.toContain('wasm-unsafe-eval');
    expect(CSP_DIRECTIVES['script-src']).not.toContain("'unsafe-inline'");
  });

  it('blocks plugins, framing, base rewriting and form posts', () => {
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('base-uri')).toBe("base-uri 'none'");
    expect(directive('form-action')).toBe("form-action 'none'");
  });

  it('allows no remote host anywhere', () => {
    expect(CSP).not.toMatch(/https?:|\*|ws:|wss:|blob:/);
  });

  it('replaces a policy the response carried, whatever its letter case', () => {
    const headers = withCsp({
      'content-security-policy': ["script-src 'unsafe-inline'"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] });
  });

  it('adds the policy to a response without headers', () => {
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CSP] });
  });
});

describe('isAllowedNavigation', () => {
  it.each([
    ['the app page itself', APP, true],
    ['the app page with a language query', `${APP}?lang=es`, true],
    ['the app page with a route in the hash', `${APP}#/ip/10.42.2.33`, true],
    ['the app page with an escaped letter', APP.replace('index', '%69ndex'), true],
    ['another file beside the page', APP.replace('index.html', 'other.html'), false],
    ['a file reached through ..', APP.replace('renderer/', 'renderer/../../x/'), false],
    ['the app path on a file host', APP.replace('file:///', 'file://evil.example/'), false],
    ['a file anywhere else', 'file:///etc/passwd', false],
    ['a web page', 'https://example.com/', false],
    ['http', 'http://127.0.0.1:8080/', false],
    ['javascript', 'javascript:alert(1)', false],
    ['data', 'data:text/html,<script>alert(1)</script>', false],
    ['blob', 'blob:file:///0b8a', false],
    ['about:blank', 'about:blank', false],
    ['a broken escape', APP.replace('index', '%E0%A4%A'), false],
    ['not a URL', 'index.html', false],
    ['empty', '', false],
  ])('%s: %s', (_what, url, allowed) => {
    expect(isAllowedNavigation(url, APP)).toBe(allowed);
  });

  it('knows the page by its path, so a query cannot make another file the app page', () => {
    expect(isAppPage(`${APP}?x=../../etc/passwd`, APP)).toBe(true);
    expect(isAppPage('file:///etc/passwd?dist/renderer/index.html', APP)).toBe(false);
  });
});

describe('isSafeExternalUrl', () => {
  it.each([
    ['https', 'https://www.vivotek.com/support', 'https://www.vivotek.com/support'],
    ['a path, query and fragment', 'https://a.example/x?y=1#z', 'https://a.example/x?y=1#z'],
    ['punycode', 'https://xn--bcher-kva.example/', 'https://xn--bcher-kva.example/'],
    ['a Unicode host, as punycode', 'https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['an explicit default port', 'https://a.example:443/', 'https://a.example/'],
  ])('opens %s', (_what, url, opened) => {
    expect(isSafeExternalUrl(url)).toBe(opened);
  });

  it.each([
    ['javascript', 'javascript:alert(1)'],
    ['JAVASCRIPT in capitals', 'JAVASCRIPT:alert(1)'],
    ['data', 'data:text/html,hi'],
    ['file', 'file:///etc/passwd'],
    ['http', 'http://www.vivotek.com/'],
    ['ftp', 'ftp://a.example/'],
    ['a custom scheme', 'ms-settings:privacy'],
    ['smb (leaks credentials on Windows)', 'smb://a.example/share'],
    ['https with a user', 'https://user@a.example/'],
    ['https with a password', 'https://user:pw@a.example/'],
    ['https with an empty user', 'https://:pw@a.example/'],
    ['an IPv4 address', 'https://10.42.2.33/'],
    ['an IPv4 address in hex', 'https://0x7f.1/'],
    ['an IPv6 address', 'https://[::1]/'],
    ['localhost', 'https://localhost/'],
    ['a .local name', 'https://nvr.local/'],
    ['a name without a dot', 'https://intranet/'],
    ['another port', 'https://a.example:8443/'],
    ['no host', 'https:///path'],
    ['not a URL', 'www.vivotek.com'],
    ['empty', ''],
    ['too long', `https://a.example/${'x'.repeat(3000)}`],
  ])('refuses %s', (_what, url) => {
    expect(isSafeExternalUrl(url)).toBeNull();
  });
});

describe('permissions', () => {
  it.each(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid'])(
    'denies %s',
    (permission) => {
      expect(grantsPermission(permission)).toBe(false);
    },
  );
});
