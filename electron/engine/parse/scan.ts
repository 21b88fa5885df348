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
const MARKER_CODES = Array.from(MARKER, (c) => c.charCodeAt(0));

/** Where the last read number or address ended; -1 when it could not be read. */
let at = 0;

/** Reads 1 to `max` decimal digits at `i`; sets `at` past them (or -1) and returns the value. */
function digits(t: string, i: number, end: number, max: number): number {
  let v = 0;
  const stop = i + max < end ? i + max : end;
  let j = i;
  for (; j < stop; j++) {
    const c = t.charCodeAt(j) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  // No digit, or more digits than allowed, is no match.
  if (j === i || (j === i + max && j < end && isDigit(t.charCodeAt(j)))) at = -1;
  else at = j;
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

/** One octet at `i`: 1 to 3 digits, no leading zero, at most 255; sets `at` (or -1). */
function octet(t: string, i: number, end: number): number {
  const a = i < end ? t.charCodeAt(i) - 48 : -1;
  if (a < 0 || a > 9) return (at = -1);
  const b = i + 1 < end ? t.charCodeAt(i + 1) - 48 : -1;
  if (b < 0 || b > 9) {
    at = i + 1;
    return a;
  }
  if (a === 0) return (at = -1);
  const c = i + 2 < end ? t.charCodeAt(i + 2) - 48 : -1;
  if (c < 0 || c > 9) {
    at = i + 2;
    return a * 10 + b;
  }
  const v = a * 100 + b * 10 + c;
  const d = i + 3 < end ? t.charCodeAt(i + 3) : 0;
  if (v > 255 || isDigit(d)) return (at = -1);
  at = i + 3;
  return v;
}

/** A canonical dotted IPv4 address at `i` (no leading zeros); sets `at` and returns it. */
function address(t: string, i: number, end: number): number {
  const a = octet(t, i, end);
  if (at < 0 || t.charCodeAt(at) !== 46) return (at = -1);
  const b = octet(t, at + 1, end);
  if (at < 0 || t.charCodeAt(at) !== 46) return (at = -1);
  const c = octet(t, at + 1, end);
  if (at < 0 || t.charCodeAt(at) !== 46) return (at = -1);
  const d = octet(t, at + 1, end);
  if (at < 0) return -1;
  return ((a * 256 + b) * 256 + c) * 256 + d;
}

/** Whether `t` holds ', ' at `i`. */
const commaSpace = (t: string, i: number) => t.charCodeAt(i) === 44 && t.charCodeAt(i + 1) === 32;

/**
 * Reads `t.slice(start, end)` as a canonical camera security-rule line into `out`. Returns
 * false, with `out` in any state, for every other line.
 */
export function scanCameraRule(t: string, start: number, end: number, out: ScannedRule): boolean {
  // `Mon DD HH:MM:SS ` is 16 characters; no canonical line is shorter than 80.
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
  for (let k = 0; k < MARKER.length; k++) if (t.charCodeAt(i + k) !== MARKER_CODES[k]) return false;
  i += MARKER.length;
  out.seq = digits(t, i, end, 9);
  if (at < 0 || t.charCodeAt(at) !== 32 || t.charCodeAt(at + 1) !== 115) return false;
  if (t.charCodeAt(at + 2) !== 46 || t.charCodeAt(at + 3) === 48) return false;
  out.rule = digits(t, at + 3, end, 12);
  if (at < 0 || !commaSpace(t, at)) return false;
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
  if (at < 0 || !commaSpace(t, at)) return false;
  out.src = address(t, at + 2, end);
  if (at < 0 || t.charCodeAt(at) !== 58) return false;
  out.srcPort = digits(t, at + 1, end, 5);
  if (at < 0 || out.srcPort > 65535 || t.charCodeAt(at) !== 32) return false;
  if (t.charCodeAt(at + 1) !== 62 || t.charCodeAt(at + 2) !== 32) return false;
  out.dst = address(t, at + 3, end);
  if (at < 0 || t.charCodeAt(at) !== 58) return false;
  out.dstPort = digits(t, at + 1, end, 5);
  if (at < 0 || out.dstPort > 65535 || !commaSpace(t, at)) return false;
  out.originator = address(t, at + 2, end);
  if (at < 0 || !commaSpace(t, at)) return false;
  i = at + 2;
  const rest = end - i;
  const c = t.charCodeAt(i);
  if (rest === 6 && (c === 118 || c === 86) && t.startsWith('ictim', i + 1)) out.victim = true;
  else if (rest === 8 && (c === 97 || c === 65) && t.startsWith('ttacker', i + 1)) {
    out.victim = false;
  } else return false;
  return true;
}
