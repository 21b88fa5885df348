/**
 * The fast path's readers for the commonest lines of all, with an English camera-log
 * header: a well-formed security rule (`Dec 16 00:58:58 [Trend Micro]: 1 s.1133810,
 * 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim`) and a
 * well-formed WRS or TRS message (`Dec 16 01:02:03 192.168.40.78 [Trend Micro]: WRS, [21,
 * -1, -1, -1], 2019/12/16 1:2:3, '203.0.113.5:80/x.exe'`). They read the line in place,
 * character by character, into numbers: no regular expression, no string, no object per
 * line. Anything else (a Spanish date, other spacing, a damaged or unusual value, an
 * address with leading zeros, a rule ID with a leading zero, a host name) makes them answer
 * false, and the general path (source-parser.ts), which is the reference, reads the line
 * instead: test/parse/fast.test.ts checks that both give the same event.
 */

/** The header's time as read. */
export interface ScannedHeader {
  envMonth: number;
  envDay: number;
  envHour: number;
  envMinute: number;
  envSecond: number;
}

/** The event's own time as read (the same slots in both programs). */
export interface ScannedTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What `scanCameraRule` read. One object is reused for every line. */
export interface ScannedRule extends ScannedHeader, ScannedTime {
  /** The address before the marker, or -1 when there is none. */
  host: number;
  seq: number;
  rule: number;
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
  'port',
] as const;
const slot = (name: (typeof SLOTS)[number]) => SLOTS.indexOf(name);
const values = new Float64Array(SLOTS.length);

/** Copies the event's time out of the value slots. */
function readTime(out: ScannedTime): void {
  out.year = values[3]!;
  out.month = values[4]!;
  out.day = values[5]!;
  out.hour = values[6]!;
  out.minute = values[7]!;
  out.second = values[8]!;
}

const literalCodes: number[] = [];
/** Builds a program with `build`, which adds its steps with the helpers below. */
function program(build: () => void): Int32Array {
  steps = [];
  build();
  return Int32Array.from(steps);
}
let steps: number[] = [];
const step = (op: number, a = 0, b = 0, c = 0) => steps.push(op, a, b, c);
const lit = (text: string) => {
  step(LIT, literalCodes.length, text.length);
  for (const ch of text) literalCodes.push(ch.charCodeAt(0));
};
const num = (max: number, name: (typeof SLOTS)[number], flags = 0) =>
  step(NUM, max, slot(name), flags);
/** The payload's time: `2019/12/16 0:58:58`. */
const payloadTime = () => {
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
};
/** A camera security rule after its header, up to its role. */
const CAMERA = program(() => {
  step(HOST, 0, slot('host'));
  lit(MARKER);
  num(9, 'seq');
  lit(' s.');
  num(12, 'rule', NONZERO);
  lit(', ');
  payloadTime();
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
});
/** The header's address, then a space. */
const HOST_ONLY = program(() => step(IP, 0, slot('host')));
/** A WRS or TRS message after its header's address, up to its message type. */
const REPUTATION_HEAD = program(() => lit(' ' + MARKER));
/** A port after its colon. */
const PORT_ONLY = program(() => num(5, 'port', PORT));
/** A WRS or TRS message's time, up to its quoted address. */
const REPUTATION_TIME = program(() => {
  payloadTime();
  lit(", '");
});
/** The quoted address's host. */
const SERVER_ONLY = program(() => step(IP, 0, slot('dst')));
/** The characters of every literal, built with the programs above. */
const LITERALS = Int32Array.from(literalCodes);

/**
 * Runs `prog` on `t` from `p`: returns where it stopped reading, or -1 when the text is not
 * what it says. Values go to `values`.
 */
function run(prog: Int32Array, t: string, p: number, end: number): number {
  const literals = LITERALS;
  for (let k = 0; k < prog.length; k += 4) {
    const op = prog[k]!;
    if (op === LIT) {
      const from = prog[k + 1]!;
      const n = prog[k + 2]!;
      for (let j = 0; j < n; j++) if (t.charCodeAt(p + j) !== literals[from + j]) return -1;
      p += n;
    } else if (op === NUM) {
      const max = prog[k + 1]!;
      const flags = prog[k + 3]!;
      if ((flags & NONZERO) !== 0 && t.charCodeAt(p) === 48) return -1;
      const stop = p + max < end ? p + max : end;
      let v = 0;
      let j = p;
      for (; j < stop; j++) {
        const c = t.charCodeAt(j) - 48;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      // No digit, more digits than allowed, fewer than required, or too large a port.
      if (j === p || (j === p + max && j < end && isDigit(t.charCodeAt(j)))) return -1;
      if ((flags & EXACT) !== 0 && j !== p + max) return -1;
      if ((flags & PORT) !== 0 && v > 65535) return -1;
      values[prog[k + 2]!] = v;
      p = j;
    } else {
      if (op === HOST && t.charCodeAt(p) === 91) {
        values[prog[k + 2]!] = -1;
        continue;
      }
      let v = 0;
      for (let o = 0; o < 4; o++) {
        if (o > 0) {
          if (t.charCodeAt(p) !== 46) return -1;
          p++;
        }
        // An octet: 1 to 3 digits, no leading zero, at most 255.
        const a = p < end ? t.charCodeAt(p) - 48 : -1;
        if (a < 0 || a > 9) return -1;
        const b = p + 1 < end ? t.charCodeAt(p + 1) - 48 : -1;
        if (b < 0 || b > 9) {
          v = v * 256 + a;
          p += 1;
          continue;
        }
        if (a === 0) return -1;
        const c = p + 2 < end ? t.charCodeAt(p + 2) - 48 : -1;
        if (c < 0 || c > 9) {
          v = v * 256 + a * 10 + b;
          p += 2;
          continue;
        }
        const x = a * 100 + b * 10 + c;
        if (x > 255 || (p + 3 < end && isDigit(t.charCodeAt(p + 3)))) return -1;
        v = v * 256 + x;
        p += 3;
      }
      if (op === HOST) {
        if (t.charCodeAt(p) !== 32) return -1;
        p++;
      }
      values[prog[k + 2]!] = v;
    }
  }
  return p;
}

/** Reads the header `Mon DD HH:MM:SS ` at `start` into `out`; false when it is not one. */
function header(t: string, start: number, out: ScannedHeader): boolean {
  if (t.charCodeAt(start + 3) !== 32) return false;
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
  return t.charCodeAt(start + 12) === 58 && t.charCodeAt(start + 15) === 32;
}

/**
 * Reads `t.slice(start, end)` as a canonical camera security-rule line into `out`. Returns
 * false, with `out` in any state, for every other line. No character past `end` can make a
 * line match: a field never reads past it, and the role must end exactly there.
 */
export function scanCameraRule(t: string, start: number, end: number, out: ScannedRule): boolean {
  // `Mon DD HH:MM:SS ` is 16 characters; no canonical line is shorter than 80.
  if (end - start < 80 || !header(t, start, out)) return false;
  const p = run(CAMERA, t, start + 16, end);
  if (p < 0) return false;
  const rest = end - p;
  const c = t.charCodeAt(p);
  if (rest === 6 && (c === 118 || c === 86) && t.startsWith('ictim', p + 1)) out.victim = true;
  else if (rest === 8 && (c === 97 || c === 65) && t.startsWith('ttacker', p + 1)) {
    out.victim = false;
  } else return false;
  out.host = values[0]!;
  out.seq = values[1]!;
  out.rule = values[2]!;
  readTime(out);
  out.src = values[9]!;
  out.srcPort = values[10]!;
  out.dst = values[11]!;
  out.dstPort = values[12]!;
  out.originator = values[13]!;
  return true;
}

/** What `scanReputation` read. One object is reused for every line. */
export interface ScannedReputation extends ScannedHeader, ScannedTime {
  /** The address before the marker (the device). */
  host: number;
  /** TRS (threats from outside); else WRS. */
  trs: boolean;
  /** The scores: `count` of them. */
  scores: number[];
  count: number;
  /** The quoted address's host, its port (-1 when none) and its text (start and end). */
  server: number;
  port: number;
  addressStart: number;
  addressEnd: number;
  /** Where its path starts (its `/`), or -1 when it has none. */
  pathStart: number;
}

/** A fresh result to scan into. */
export function scannedReputation(): ScannedReputation {
  return {
    envMonth: 0,
    envDay: 0,
    envHour: 0,
    envMinute: 0,
    envSecond: 0,
    host: 0,
    trs: false,
    scores: [],
    count: 0,
    year: 0,
    month: 0,
    day: 0,
    hour: 0,
    minute: 0,
    second: 0,
    server: 0,
    port: -1,
    addressStart: 0,
    addressEnd: 0,
    pathStart: -1,
  };
}

/**
 * Reads `t.slice(start, end)` as a canonical WRS or TRS line (the header's address present,
 * one space around each comma, scores from -1 to 100 without leading zeros, the address
 * quoted, an IPv4 host with an optional port and path, no space in it, nothing after it)
 * into `out`. Returns false, with `out` in any state, for every other line.
 */
export function scanReputation(
  t: string,
  start: number,
  end: number,
  out: ScannedReputation,
): boolean {
  if (end - start < 60 || !header(t, start, out) || t.charCodeAt(start + 16) === 91) return false;
  let p = run(HOST_ONLY, t, start + 16, end);
  if (p < 0) return false;
  out.host = values[0]!;
  p = run(REPUTATION_HEAD, t, p, end);
  if (p < 0) return false;
  const m = t.charCodeAt(p);
  if ((m !== 87 && m !== 84) || t.charCodeAt(p + 1) !== 82 || t.charCodeAt(p + 2) !== 83) {
    return false;
  }
  out.trs = m === 84;
  p += 3;
  if (t.charCodeAt(p) !== 44 || t.charCodeAt(p + 1) !== 32 || t.charCodeAt(p + 2) !== 91) {
    return false;
  }
  p += 3;
  // Scores: -1, or 0 to 100 without a leading zero, then `, ` or `]`.
  out.count = 0;
  for (;;) {
    let v: number;
    if (t.charCodeAt(p) === 45) {
      if (t.charCodeAt(p + 1) !== 49) return false;
      v = -1;
      p += 2;
    } else {
      const a = t.charCodeAt(p) - 48;
      if (a < 0 || a > 9) return false;
      v = a;
      p++;
      for (let n = 1; isDigit(t.charCodeAt(p)); n++, p++) {
        if (a === 0 || n === 3) return false;
        v = v * 10 + t.charCodeAt(p) - 48;
      }
      if (v > 100) return false;
    }
    out.scores[out.count++] = v;
    const c = t.charCodeAt(p);
    if (c === 93) break;
    if (c !== 44 || t.charCodeAt(p + 1) !== 32 || p + 2 >= end) return false;
    p += 2;
  }
  if (t.charCodeAt(p + 1) !== 44 || t.charCodeAt(p + 2) !== 32) return false;
  p = run(REPUTATION_TIME, t, p + 3, end);
  if (p < 0) return false;
  out.addressStart = p;
  p = run(SERVER_ONLY, t, p, end);
  if (p < 0) return false;
  readTime(out);
  out.server = values[11]!;
  out.port = -1;
  if (t.charCodeAt(p) === 58) {
    p = run(PORT_ONLY, t, p + 1, end);
    if (p < 0) return false;
    out.port = values[14]!;
  }
  out.pathStart = -1;
  if (t.charCodeAt(p) === 47) {
    out.pathStart = p;
    // Up to the closing quote: no space, no control character, no quote.
    while (p < end && t.charCodeAt(p) > 32 && t.charCodeAt(p) !== 39) p++;
  }
  if (p !== end - 1 || t.charCodeAt(p) !== 39) return false;
  out.addressEnd = p;
  return true;
}
