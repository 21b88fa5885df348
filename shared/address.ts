/** IPv4 (and bracketed IPv6) addresses as the devices write them. */
import { isIPv6 } from 'node:net';

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Is this a dotted IPv4 address with every octet 0-255? */
export function isIPv4(text: string): boolean {
  const m = V4.exec(text);
  return !!m && m.slice(1).every((o) => Number(o) <= 255);
}

/** What is wrong with an address, or null when it is a valid IPv4 or IPv6 address. */
export function addressProblem(text: string): string | null {
  if (isIPv4(text) || isIPv6(text)) return null;
  const m = V4.exec(text);
  if (m) {
    const bad = m.slice(1).find((o) => Number(o) > 255);
    return `'${text}' has an impossible octet (${bad})`;
  }
  return `'${text}' is not an IP address`;
}

/** The IPv4 address as an unsigned 32-bit integer, or null for anything else. */
export function ipv4ToInt(text: string): number | null {
  const m = V4.exec(text);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return null;
  return ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
}

/**
 * The value of an IPv4 address written the one way its value is written back (no leading
 * zeros, every octet 0-255), or -1. Two texts with the same canonical value are the same
 * text, so the parser's fast path can key addresses by value.
 */
export function canonicalV4(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(i - digits) === 48)) {
        return -1;
      }
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      octet = octet * 10 + c - 48;
      digits++;
    } else return -1;
  }
  return dots === 4 ? value : -1;
}

/** The dotted text of an IPv4 value (0 to 2^32 - 1). */
export function formatV4(value: number): string {
  return `${Math.floor(value / 16777216)}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Orders addresses as addresses: IPv4 numerically, before anything else, which sorts as text. */
export function compareAddresses(a: string, b: string): number {
  const x = ipv4ToInt(a);
  const y = ipv4ToInt(b);
  if (x !== null && y !== null) return x - y;
  if (x !== null) return -1;
  if (y !== null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Is this a private, loopback or link-local IPv4 address (RFC 1918, 127/8, 169.254/16)? */
export function isPrivateIPv4(text: string): boolean {
  const n = ipv4ToInt(text);
  return n !== null && isPrivateV4(n);
}

/** isPrivateIPv4 of an address's 32-bit value. */
export function isPrivateV4(n: number): boolean {
  const a = n >>> 24;
  const b = (n >>> 16) & 0xff;
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  );
}

/**
 * Splits `host:port` (or `[v6]:port`) at its last colon. The host comes back trimmed;
 * the port is null when absent or not a number 0-65535.
 */
export function splitHostPort(text: string): {
  host: string;
  port: number | null;
  portText: string | null;
} {
  const t = text.trim();
  const v6 = /^\[([^\]]*)\](?::\s*(\S*))?$/.exec(t);
  if (v6) return withPort(v6[1]!.trim(), v6[2] ?? null);
  const i = t.lastIndexOf(':');
  if (i < 0 || t.indexOf(':') !== i) return { host: t, port: null, portText: null };
  return withPort(t.slice(0, i).trim(), t.slice(i + 1).trim());
}

function withPort(host: string, portText: string | null) {
  const port = portText !== null && /^\d{1,5}$/.test(portText) ? Number(portText) : null;
  return { host, port: port !== null && port <= 65535 ? port : null, portText };
}
