/**
 * Who may talk to the server: only a client that names this server's own address (DNS
 * rebinding defence), comes from no foreign page, and carries the access token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A refused request: the status and the short message the client gets. */
export interface Refusal {
  status: number;
  error: string;
}

/** A fresh access token: 32 random bytes as base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

// A token given by the caller ends up in a URL and a cookie, so it keeps to characters that
// need no escaping in either; 16 characters is the least that resists guessing.
const TOKEN_FORM = /^[A-Za-z0-9._~-]{16,512}$/;

/** Checks a caller-chosen token; throws when it is too short or would need escaping. */
export function checkTokenForm(token: string): string {
  if (!TOKEN_FORM.test(token)) {
    throw new Error('serve: the token must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ -');
  }
  return token;
}

/** The name of the cookie holding the token; ports differ because cookies ignore ports. */
export function cookieName(port: number): string {
  return `seclog-${port}`;
}

/** Compares a presented token with the real one in time that does not depend on the match. */
export function tokenMatches(given: string, token: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(token, 'utf8');
  // timingSafeEqual needs equal lengths; the length of the token is no secret (it is fixed
  // by the form), so a wrong length is simply a miss.
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where the request carried a valid token, or null when it carried none that matches. */
export type TokenSource = 'header' | 'query' | 'cookie';

/**
 * Finds a valid token in the Authorization header (`Bearer`), the `token` query parameter
 * or the server's cookie; any one that matches is enough.
 */
export function findToken(
  req: IncomingMessage,
  query: URLSearchParams,
  token: string,
  port: number,
): TokenSource | null {
  const auth = req.headers.authorization;
  const bearer = auth ? /^Bearer +(\S+) *$/i.exec(auth) : null;
  if (bearer?.[1] !== undefined && tokenMatches(bearer[1], token)) return 'header';
  for (const given of query.getAll('token')) if (tokenMatches(given, token)) return 'query';
  const name = cookieName(port);
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    if (tokenMatches(pair.slice(eq + 1).trim(), token)) return 'cookie';
  }
  return null;
}

/** The one value of a header that must appear at most once; undefined when repeated. */
function single(req: IncomingMessage, name: string): string | null | undefined {
  const values = req.headersDistinct[name];
  if (!values || values.length === 0) return null;
  return values.length === 1 ? values[0] : undefined;
}

/**
 * Checks what a request says about where it comes from, before its token is looked at:
 * Host must be this server's own address, Origin (when sent) one of its own origins, and a
 * browser must not report the request as started by another site (Sec-Fetch-Site).
 */
export function checkOrigin(req: IncomingMessage, port: number): Refusal | null {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = single(req, 'host');
  // 421: a page on a rebound DNS name reached us under a name that is not ours.
  if (!host || !own.includes(host)) return { status: 421, error: 'wrong host' };
  const origin = single(req, 'origin');
  if (origin === undefined || (origin !== null && !own.some((h) => origin === `http://${h}`))) {
    return { status: 403, error: 'foreign origin' };
  }
  // Pages on other ports of 127.0.0.1 count as the same site, so SameSite cookies reach us
  // from them; browsers say so in Sec-Fetch-Site, which a page cannot forge.
  const site = single(req, 'sec-fetch-site');
  if (site === undefined || site === 'cross-site' || site === 'same-site') {
    return { status: 403, error: 'foreign origin' };
  }
  return null;
}
