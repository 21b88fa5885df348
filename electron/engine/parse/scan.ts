/**
 * The fast path's reader for the commonest line of all: an English camera-log header and a
 * well-formed security rule (`Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16
 * 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim`). It reads the line in
 * place, character by character, into numbers: no regular expression, no string, no object
 * per line. Anything else (a Spanish date, other spacing, a damaged or unusual value, an
 * address with leading zeros, a rule ID with a leading zero) makes it answer false, and the
 * general path (source-parser.ts), which is the reference, reads the line instead:
 * test/parse/fast.test.ts checks that both give the same event.
 */

/** What `scanCameraRule` read. One object is reused for every line. */
export interface ScannedRule {
  envMonth: number;
  envDay: number;
  envHour: number;
  envMinute: number;
  envSecond: number;
  /** The address before the marker, or -1 when there is none. */
  host: number;
  seq: number;
  rule: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  src: number;
  srcPort: number;
  dst: number;
  dstPort: number;
  originator: number;
  /** The role was `victim` (or `Victim`); else it was `attacker` (or `Attacker`). */
  victim: boolean;
}

/** A fresh result to scan into. */
export function scannedRule(): ScannedRule {
  return {
    envMonth: 0,
    envDay: 0,
    envHour: 0,
    envMinute: 0,
    envSecond: 0,
    host: -1,
    seq: 0,
    rule: 0,
    year: 0,
    month: 0,
    day: 0,
    hour: 0,
    minute: 0,
    second: 0,
    src: 0,
    srcPort: 0,
    dst: 0,
    dstPort: 0,
    originator: 0,
    victim: false,
  };
}

const MONTH_KEYS = new Map<number, number>(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(
    (m, i) => [(m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2), i + 1],
  ),
);
const MARKER = '[Trend Micro]: ';

/** Where the last read number or address ended; -1 when it could not be read. */
let at = 0;

/** Reads 1 to `max` decimal digits at `i`; sets `at` past them (or -1) and returns the value. */
function digits(t: string, i: number, end: number, max: number): number {
  let v = 0;
  let n = 0;
  for (; i < end && n < max; i++, n++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  // More digits than allowed is no match either.
  if (n === 0 || (i < end && n === max && isDigit(t.charCodeAt(i)))) at = -1;
  else at = i;
  return v;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Two digits at `i` (a space first allowed when `space`), or -1. */
function two(t: string, i: number, space: boolean): number {
  const a = t.charCodeAt(i);
  const b = t.charCodeAt(i + 1) - 48;
  if (b < 0 || b > 9) return -1;
  if (space && a === 32) return b;
  return isDigit(a) ? (a - 48) * 10 + b : -1;
}

/** A canonical dotted IPv4 address at `i` (no leading zeros); sets `at` and returns it. */
function address(t: string, i: number, end: number): number {
  let value = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= end || t.charCodeAt(i) !== 46) return (at = -1);
      i++;
    }
    const start = i;
    const octet = digits(t, i, end, 3);
    if (at < 0 || octet > 255 || (at - start > 1 && t.charCodeAt(start) === 48)) {
      return (at = -1);
    }
    value = value * 256 + octet;
    i = at;
  }
  at = i;
  return value;
}

/** Whether `t` holds `s` at `i`. */
const has = (t: string, i: number, s: string) => t.startsWith(s, i);

/**
 * Reads `t.slice(start, end)` as a canonical camera security-rule line into `out`. Returns
 * false, with `out` in any state, for every other line.
 */
export function scanCameraRule(t: string, start: number, end: number, out: ScannedRule): boolean {
  // `Mon DD HH:MM:SS ` is 16 characters.
  if (end - start < 80 || t.charCodeAt(start + 3) !== 32) return false;
  const key =
    (t.charCodeAt(start) << 16) | (t.charCodeAt(start + 1) << 8) | t.charCodeAt(start + 2);
  const month = MONTH_KEYS.get(key);
  if (month === undefined) return false;
  out.envMonth = month;
  out.envDay = two(t, start + 4, true);
  out.envHour = two(t, start + 7, false);
  out.envMinute = two(t, start + 10, false);
  out.envSecond = two(t, start + 13, false);
  if ((out.envDay | out.envHour | out.envMinute | out.envSecond) < 0) return false;
  if (t.charCodeAt(start + 6) !== 32 || t.charCodeAt(start + 9) !== 58) return false;
  if (t.charCodeAt(start + 12) !== 58 || t.charCodeAt(start + 15) !== 32) return false;
  let i = start + 16;
  out.host = -1;
  if (t.charCodeAt(i) !== 91) {
    out.host = address(t, i, end);
    if (at < 0 || t.charCodeAt(at) !== 32) return false;
    i = at + 1;
  }
  if (!has(t, i, MARKER)) return false;
  i += MARKER.length;
  out.seq = digits(t, i, end, 9);
  if (at < 0 || !has(t, at, ' s.')) return false;
  i = at + 3;
  if (t.charCodeAt(i) === 48) return false;
  out.rule = digits(t, i, end, 12);
  if (at < 0 || !has(t, at, ', ')) return false;
  i = at + 2;
  out.year = digits(t, i, end, 4);
  if (at !== i + 4 || t.charCodeAt(at) !== 47) return false;
  out.month = digits(t, at + 1, end, 2);
  if (at < 0 || t.charCodeAt(at) !== 47) return false;
  out.day = digits(t, at + 1, end, 2);
  if (at < 0 || t.charCodeAt(at) !== 32) return false;
  out.hour = digits(t, at + 1, end, 2);
  if (at < 0 || t.charCodeAt(at) !== 58) return false;
  out.minute = digits(t, at + 1, end, 2);
  if (at < 0 || t.charCodeAt(at) !== 58) return false;
  out.second = digits(t, at + 1, end, 2);
  if (at < 0 || !has(t, at, ', ')) return false;
  out.src = address(t, at + 2, end);
  if (at < 0 || t.charCodeAt(at) !== 58) return false;
  out.srcPort = digits(t, at + 1, end, 5);
  if (at < 0 || out.srcPort > 65535 || !has(t, at, ' > ')) return false;
  out.dst = address(t, at + 3, end);
  if (at < 0 || t.charCodeAt(at) !== 58) return false;
  out.dstPort = digits(t, at + 1, end, 5);
  if (at < 0 || out.dstPort > 65535 || !has(t, at, ', ')) return false;
  out.originator = address(t, at + 2, end);
  if (at < 0 || !has(t, at, ', ')) return false;
  i = at + 2;
  const rest = end - i;
  if (rest === 6 && (has(t, i, 'victim') || has(t, i, 'Victim'))) out.victim = true;
  else if (rest === 8 && (has(t, i, 'attacker') || has(t, i, 'Attacker'))) out.victim = false;
  else return false;
  return true;
}
