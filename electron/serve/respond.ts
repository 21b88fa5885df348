/** Writing answers: the security headers every answer carries, JSON bodies and errors. */
import type { ServerResponse } from 'node:http';

/** The Content-Security-Policy of every HTML page the server sends. */
export const HTML_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Headers on every answer, errors included. The server is for one local browser tab: nothing
 * may be sniffed, cached, embedded by another origin or leak the token through a referrer.
 * No Access-Control-* header is ever sent, so other origins cannot read any answer.
 */
export function setBaseHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/** Sends a JSON answer with the given status. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  // JSON.stringify answers undefined for undefined; the client always gets a JSON document.
  const body = Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
  });
  res.end(body);
}

/** Sends `{ "error": message }`; messages are short and never carry a stack or a path. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error: message });
}
