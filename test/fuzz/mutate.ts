/** Mutations of lines (as text) and of files (as bytes), driven by a seeded generator. */
import type { Rng } from './prng.js';

/** Fragments that matter to the parsers: separators, markers, numbers at their limits. */
export const TOKENS: readonly string[] = [
  ',',
  ', ',
  '\t',
  ' ',
  '  ',
  ':',
  '.',
  '>',
  ' > ',
  '[',
  ']',
  '"',
  '""',
  "'",
  '/',
  '-',
  '...',
  '…',
  '[Trend Micro]:',
  '[ Trend  Micro ]:',
  's.',
  's.1133810',
  'WRS',
  'TRS',
  'victim',
  'attacker',
  'víctima',
  'Security rule',
  'Regla de seguridad',
  '-1',
  '0',
  '999999999999999999',
  '256.256.256.256',
  '::1',
  '1.2.3.4:99999',
  '2019/02/30 25:61:61',
  '13/13/2019 0:0:0',
  '\0',
  '\r',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\uFFFD',
  '\u202E',
  '\u2028',
  'NaN',
  '__proto__',
  'constructor',
  '=cmd|/c calc!A1',
  '<script>',
  "'; DROP TABLE events; --",
  '%s%n',
  '${x}',
];

/** One mutation of a line; each keeps the rest of the line as it was. */
type LineMutation = (line: string, rng: Rng, others: readonly string[]) => string;

const LINE_MUTATIONS: readonly LineMutation[] = [
  // Flip bits of one character (may make a lone surrogate).
  (s, r) => {
    if (s.length === 0) return s;
    const i = r.int(s.length);
    return s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ (1 << r.int(16))) + s.slice(i + 1);
  },
  // Insert a token or a random character.
  (s, r) => {
    const i = r.int(s.length + 1);
    const ins = r.chance(0.7) ? r.pick(TOKENS) : String.fromCharCode(r.int(0x10000));
    return s.slice(0, i) + ins + s.slice(i);
  },
  // Insert a run of one token, as a flood of separators or digits.
  (s, r) => {
    const i = r.int(s.length + 1);
    return s.slice(0, i) + r.pick(TOKENS).repeat(r.range(2, 64)) + s.slice(i);
  },
  // Delete a range.
  (s, r) => {
    const i = r.int(s.length + 1);
    return s.slice(0, i) + s.slice(i + r.size(5));
  },
  // Cut the line short, as a pulled stick leaves it.
  (s, r) => s.slice(0, r.int(s.length + 1)),
  // Cut the line's start.
  (s, r) => s.slice(r.int(s.length + 1)),
  // Duplicate a range in place.
  (s, r) => {
    const i = r.int(s.length + 1);
    const j = Math.min(s.length, i + r.size(6));
    return s.slice(0, j) + s.slice(i, j) + s.slice(j);
  },
  // Splice the start of this line onto the end of another (a lost line break).
  (s, r, others) => {
    const o = others.length > 0 ? r.pick(others) : s;
    return s.slice(0, r.int(s.length + 1)) + o.slice(r.int(o.length + 1));
  },
  // Swap two fields (comma, tab or space separated).
  (s, r) => {
    const sep = r.pick([',', '\t', ' ', ', ']);
    const parts = s.split(sep);
    if (parts.length < 2) return s;
    const i = r.int(parts.length);
    const j = r.int(parts.length);
    [parts[i], parts[j]] = [parts[j]!, parts[i]!];
    return parts.join(sep);
  },
  // Replace a digit run with another number.
  (s, r) => s.replace(/\d+/, () => r.pick(['', '0', '-1', '4294967296', '1e309', '0x1F', '٣'])),
  // Change the letter case.
  (s, r) => (r.chance(0.5) ? s.toUpperCase() : s.toLowerCase()),
  // Put NUL bytes in.
  (s, r) => {
    const i = r.int(s.length + 1);
    return s.slice(0, i) + '\0'.repeat(r.range(1, 8)) + s.slice(i);
  },
];

/** Applies 1 to `max` random mutations to a line. */
export function mutateLine(line: string, rng: Rng, others: readonly string[], max = 4): string {
  let s = line;
  const n = rng.range(1, max);
  for (let k = 0; k < n; k++) s = rng.pick(LINE_MUTATIONS)(s, rng, others);
  return s;
}

/** One mutation of a byte buffer. */
type ByteMutation = (b: Buffer, rng: Rng) => Buffer;

const BYTE_MUTATIONS: readonly ByteMutation[] = [
  (b, r) => {
    if (b.length === 0) return b;
    const out = Buffer.from(b);
    const i = r.int(out.length);
    out[i] = out[i]! ^ (1 << r.int(8));
    return out;
  },
  (b, r) => {
    const i = r.int(b.length + 1);
    return Buffer.concat([b.subarray(0, i), r.bytes(r.size(6)), b.subarray(i)]);
  },
  (b, r) => {
    const i = r.int(b.length + 1);
    return Buffer.concat([b.subarray(0, i), b.subarray(i + r.size(8))]);
  },
  (b, r) => b.subarray(0, r.int(b.length + 1)),
  (b, r) => {
    const i = r.int(b.length + 1);
    const j = Math.min(b.length, i + r.size(9));
    return Buffer.concat([b.subarray(0, j), b.subarray(i, j), b.subarray(j)]);
  },
  (b, r) => {
    const i = r.int(b.length + 1);
    return Buffer.concat([b.subarray(0, i), Buffer.alloc(r.range(1, 64)), b.subarray(i)]);
  },
];

/** Applies 1 to `max` random byte mutations. */
export function mutateBytes(data: Buffer, rng: Rng, max = 4): Buffer {
  let b = data;
  const n = rng.range(1, max);
  for (let k = 0; k < n; k++) b = rng.pick(BYTE_MUTATIONS)(b, rng);
  return b;
}
