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

const isDigit = (c: number) => c >= 48 && c <= 57;

/** Two digits at `i` (a space first allowed when `space`), or -1. */
function two(t: string, i: number, space: boolean): number {
  const a = t.charCodeAt(i);
  const b = t.charCodeAt(i + 1) - 48;
  if (b < 0 || b > 9) return -1;
  if (space && a === 32) return b;
  return isDigit(a) ? (a - 48) * 10 + b : -1;
}

/**
 * The rest of a canonical line after its header, as a program of steps the scanner runs
 * in one loop: one function with no calls per field is what keeps the fast path fast (a
 * call per number and per octet cost more than reading them). Four numbers a step:
 * the operation and its arguments.
 */
const HOST = 0; // an address then a space, unless a `[` comes first: slot
const LIT = 1; // literal characters: offset in LITERALS, count
const NUM = 2; // 1 to max digits: max, slot, flags
const IP = 3; // a canonical dotted IPv4 address: slot
const ROLE = 4; // `victim` or `attacker` (first letter either case), then the line's end

/** Flags of NUM: exactly `max` digits; at most 65535; no leading zero. */
const EXACT = 1;
const PORT = 2;
const NONZERO = 4;

/** Where each value goes in `values`, copied to the ScannedRule at the end. */
const SLOTS = [
  'host',
  'seq',
  'rule',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'src',
  'srcPort',
  'dst',
  'dstPort',
  'originator',
] as const;
const slot = (name: (typeof SLOTS)[number]) => SLOTS.indexOf(name);
const values = new Float64Array(SLOTS.length);

const literalCodes: number[] = [];
const program: number[] = [];
const step = (op: number, a = 0, b = 0, c = 0) => program.push(op, a, b, c);
const lit = (text: string) => {
  step(LIT, literalCodes.length, text.length);
  for (const ch of text) literalCodes.push(ch.charCodeAt(0));
};
const num = (max: number, name: (typeof SLOTS)[number], flags = 0) =>
  step(NUM, max, slot(name), flags);
step(HOST, 0, slot('host'));
lit(MARKER);
num(9, 'seq');
lit(' s.');
num(12, 'rule', NONZERO);
lit(', ');
num(4, 'year', EXACT);
lit('/');
num(2, 'month');
lit('/');
num(2, 'day');
lit(' ');
num(2, 'hour');
lit(':');
num(2, 'minute');
lit(':');
num(2, 'second');
lit(', ');
step(IP, 0, slot('src'));
lit(':');
num(5, 'srcPort', PORT);
lit(' > ');
step(IP, 0, slot('dst'));
lit(':');
num(5, 'dstPort', PORT);
lit(', ');
step(IP, 0, slot('originator'));
lit(', ');
step(ROLE);
const PROGRAM = Int32Array.from(program);
const LITERALS = Int32Array.from(literalCodes);

/**
 * Reads `t.slice(start, end)` as a canonical camera security-rule line into `out`. Returns
 * false, with `out` in any state, for every other line. No character past `end` can make a
 * line match: a field never reads past it, and the role must end exactly there.
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
  let p = start + 16;
  for (let k = 0; k < PROGRAM.length; k += 4) {
    const op = PROGRAM[k]!;
    if (op === LIT) {
      const from = PROGRAM[k + 1]!;
      const n = PROGRAM[k + 2]!;
      for (let j = 0; j < n; j++) if (t.charCodeAt(p + j) !== LITERALS[from + j]) return false;
      p += n;
    } else if (op === NUM) {
      const max = PROGRAM[k + 1]!;
      const flags = PROGRAM[k + 3]!;
      if ((flags & NONZERO) !== 0 && t.charCodeAt(p) === 48) return false;
      const stop = p + max < end ? p + max : end;
      let v = 0;
      let j = p;
      for (; j < stop; j++) {
        const c = t.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      // No digit, more digits than allowed, fewer than required, or too large a port.
      if (j === p || (j === p + max && j < end && isDigit(t.charCodeAt(j)))) return false;
      if ((flags & EXACT) !== 0 && j !== p + max) return false;
      if ((flags & PORT) !== 0 && v > 65535) return false;
      values[PROGRAM[k + 2]!] = v;
      p = j;
    } else if (op === IP || op === HOST) {
      if (op === HOST && t.charCodeAt(p) === 91) {
        values[PROGRAM[k + 2]!] = -1;
        continue;
      }
      let v = 0;
      for (let o = 0; o < 4; o++) {
        if (o > 0) {
          if (t.charCodeAt(p) !== 46) return false;
          p++;
        }
        // An octet: 1 to 3 digits, no leading zero, at most 255.
        const a = p < end ? t.charCodeAt(p) - 48 : -1;
        if (a < 0 || a > 9) return false;
        const b = p + 1 < end ? t.charCodeAt(p + 1) - 48 : -1;
        if (b < 0 || b > 9) {
          v = v * 256 + a;
          p += 1;
          continue;
        }
        if (a === 0) return false;
        const c = p + 2 < end ? t.charCodeAt(p + 2) - 48 : -1;
        if (c < 0 || c > 9) {
          v = v * 256 + a * 10 + b;
          p += 2;
          continue;
        }
        const x = a * 100 + b * 10 + c;
        if (x > 255 || (p + 3 < end && isDigit(t.charCodeAt(p + 3)))) return false;
        v = v * 256 + x;
        p += 3;
      }
      if (op === HOST) {
        if (t.charCodeAt(p) !== 32) return false;
        p++;
      }
      values[PROGRAM[k + 2]!] = v;
    } else {
      const rest = end - p;
      const c = t.charCodeAt(p);
      if (rest === 6 && (c === 118 || c === 86) && t.startsWith('ictim', p + 1)) out.victim = true;
      else if (rest === 8 && (c === 97 || c === 65) && t.startsWith('ttacker', p + 1)) {
        out.victim = false;
      } else return false;
    }
  }
  out.host = values[0]!;
  out.seq = values[1]!;
  out.rule = values[2]!;
  out.year = values[3]!;
  out.month = values[4]!;
  out.day = values[5]!;
  out.hour = values[6]!;
  out.minute = values[7]!;
  out.second = values[8]!;
  out.src = values[9]!;
  out.srcPort = values[10]!;
  out.dst = values[11]!;
  out.dstPort = values[12]!;
  out.originator = values[13]!;
  return true;
}
