/**
 * The window's security settings, written out rather than left to defaults, and the URL
 * checks behind navigation and external links. Main applies them; tests read them.
 */
import { isIP } from 'node:net';

/**
 * The BrowserWindow's webPreferences, every security-relevant one spelled out. The page is
 * our own Svelte bundle, but it shows text that attackers wrote into the logs, so it gets
 * no Node, no Electron and no way out of Chromium's sandbox.
 */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const);

/** The webPreferences with the preload script's absolute path added. */
export function webPreferences(preload: string): typeof WEB_PREFERENCES & { preload: string } {
  return { ...WEB_PREFERENCES, preload };
}

/** The Content-Security-Policy directives of the app's pages. */
export const CSP_DIRECTIVES = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // Svelte sets style attributes on elements; inline styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
} as const);

/** The Content-Security-Policy header value built from CSP_DIRECTIVES. */
export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Response headers as Electron's webRequest hands them over. */
export type Headers = Record<string, string | string[]>;

/**
 * The response headers with our CSP in place of any the response carried (a header name
 * differing only in case would otherwise add a second, weaker policy).
 */
export function withCsp(headers: Headers | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CSP];
  return out;
}

/** The decoded path of a file: URL without host, or null for anything else. */
function filePath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return null;
  try {
    // Both sides are compared decoded: Chromium and Node escape some characters differently.
    return decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
}

/**
 * Whether a URL is the app's own page (`appUrl`, the file: URL of the renderer's
 * index.html). Query and fragment may differ: the language is passed in the query.
 */
export function isAppPage(url: string, appUrl: string): boolean {
  const path = filePath(url);
  return path !== null && path === filePath(appUrl);
}

/** Whether the window may navigate to a URL: only to the app's own page again. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isAppPage(url, appUrl);
}

/** The longest URL handed to the system browser. */
export const MAX_EXTERNAL_URL = 2048;

/**
 * The URL to open in the system browser, normalised, or null when it must not be opened:
 * only https on the default port, with a host name (no bare address, no local name) and no
 * user name or password. Addresses are refused because the addresses this app shows come
 * from the logs, and those are the attackers' servers.
 */
export function isSafeExternalUrl(url: string): string | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  const host = parsed.hostname.toLowerCase();
  if (host === '' || !host.includes('.') || host.endsWith('.')) return null;
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return null;
  if (host === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(host)) return null;
  return parsed.href;
}

/** Whether a permission (camera, notifications, clipboard, ...) is granted: never; nothing
 * in the app needs one, and the page shows attacker-written text. */
export function grantsPermission(_permission: string): boolean {
  return false;
}
