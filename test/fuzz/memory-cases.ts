/**
 * Inputs fed to the parser in memory, as the readers would hand them over: sources of
 * lines built from random bytes, mutated guide and fixture lines, and hostile shapes.
 */
import type { Rng } from './prng.js';
import { mutateLine, TOKENS } from './mutate.js';
import { TABLE_HEADERS } from './seeds.js';

/** One line as a reader hands it over; `tooLong` lines carry only their start. */
export interface MemLine {
  text: string;
  tooLong?: true;
  /** Byte length before cutting; defaults to the UTF-8 length of `text`. */
  bytes?: number;
}

/** One generated input: one or more sources read into one duplicate ledger. */
export interface MemoryCase {
  kind: string;
  sources: { path: string; lines: MemLine[] }[];
}

/** What the generators start from. */
export interface Corpus {
  /** Guide lines, format samples and fixture lines. */
  seeds: readonly string[];
  /** Largest flood is 2^floodPow characters; largest whole line 2^hugePow bytes (max 20). */
  floodPow: number;
  hugePow: number;
}

type Make = (rng: Rng, corpus: Corpus) => MemLine[];

const plain = (texts: string[]): MemLine[] => texts.map((text) => ({ text }));

function randomText(rng: Rng, n: number): string {
  const bytes = rng.bytes(n);
  const how = rng.int(3);
  return how === 0
    ? bytes.toString('utf8')
    : how === 1
      ? bytes.toString('latin1')
      : bytes.toString('utf16le');
}

function someSeeds(rng: Rng, corpus: Corpus, n: number): string[] {
  return Array.from({ length: n }, () => rng.pick(corpus.seeds));
}

/** Random bytes decoded as UTF-8, Latin-1 or UTF-16 and split at line breaks. */
const randomBytes: Make = (rng) => plain(randomText(rng, rng.size(13)).split(/\r?\n|\r/));

/** Guide and fixture lines, most of them mutated. */
const mutatedLines: Make = (rng, corpus) =>
  plain(
    someSeeds(rng, corpus, rng.range(1, 40)).map((l) =>
      rng.chance(0.8) ? mutateLine(l, rng, corpus.seeds) : l,
    ),
  );

/** A plausible export: seed lines repeated (duplicates), shuffled, a few damaged. */
const dirtyExport: Make = (rng, corpus) => {
  const base = someSeeds(rng, corpus, rng.range(5, 30));
  const out = [...base, ...base.filter(() => rng.chance(0.3))];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return plain(out.map((l) => (rng.chance(0.15) ? mutateLine(l, rng, corpus.seeds, 2) : l)));
};

/** Lines cut and broken in two, as a pulled stick or a wrapping editor leaves them. */
const cutLines: Make = (rng, corpus) => {
  const out: string[] = [];
  for (const l of someSeeds(rng, corpus, rng.range(1, 20))) {
    const at = rng.int(l.length + 1);
    if (rng.chance(0.5)) out.push(l.slice(0, at), l.slice(at));
    else out.push(l.slice(0, at));
  }
  return plain(out);
};

const JUNK_ROWS: readonly ((rng: Rng, corpus: Corpus) => string)[] = [
  (r) => randomText(r, r.size(8)),
  (r, c) => mutateLine(r.pick(c.seeds), r, c.seeds),
  (r) => `2019.11.06 12:34:43,Security rule,"[Trend Micro]: 62 s.1133810, ${r.size(10)}`,
  (r) => `2019.11.06 12:34:43,Secu"rity rule,[Trend"Micro]: 6"2 s.1133810"${r.size(5)}`,
  (r) => `"${'a,'.repeat(r.size(12))}`,
  (r) => r.pick([',', '\t']).repeat(r.size(13)),
  (r) => 'Cyber attack,2018/10/9 01:33:52,-,WRS,"-,-,"-'.repeat(r.range(1, 4)),
  (r) =>
    `Brute force attack\t${'\t'.repeat(r.int(12))}Security Rule\t1133810${'\t-'.repeat(r.int(30))}`,
  (r) => `"${'""'.repeat(r.size(8))}`,
  (r) => `Security rule\t${r.pick(TOKENS)}\t${r.pick(TOKENS)}`,
];

/** A table header (sometimes damaged) followed by junk rows, broken quoting, wrong widths. */
export const tableJunk: Make = (rng, corpus) => {
  let header = rng.pick(TABLE_HEADERS);
  if (rng.chance(0.2)) header = mutateLine(header, rng, TABLE_HEADERS, 2);
  const rows = Array.from({ length: rng.int(30) }, () => rng.pick(JUNK_ROWS)(rng, corpus));
  // A header in the middle resets the table; a header alone is a legal empty export.
  if (rng.chance(0.2)) rows.splice(rng.int(rows.length + 1), 0, rng.pick(TABLE_HEADERS));
  return plain([header, ...rows]);
};

/** Runs that make regular expressions backtrack: floods of one token inside a payload. */
const TEMPLATES: readonly string[] = [
  'Dec 16 00:58:58 [Trend Micro]: @',
  'Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, @x',
  'Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, @ > 1.2.3.4:80, @, victim',
  "Dec 16 00:58:58 [Trend Micro]: WRS, [1, 2, 3, 4], 2019/12/16 0:58:58, '@",
  "Dec 16 00:58:58 [Trend Micro]: TRS, [@], 2019/12/16 0:58:58, '1.2.3.4:80/'@x",
  '9953 2019-12-12T11:25:24.631862+08:00 @[Trend Micro]: @',
  '2019.11.06 12:34:43\t@\t[Trend Micro]: @',
  '@',
];
const FLOOD_TOKENS: readonly string[] = [' ', '\t', '1', '0.', ', ', ':', '[', '"', 'a ', '. '];

/** A template with a flood of one token; floods stay small so a blow-up shows as slow. */
const backtracking: Make = (rng, corpus) => {
  const run = rng.pick(FLOOD_TOKENS).repeat(rng.size(corpus.floodPow));
  return plain([rng.pick(TEMPLATES).replaceAll('@', run)]);
};

/** NUL bytes, lone surrogates, byte order marks and line separators inside lines. */
const oddCharacters: Make = (rng, corpus) =>
  plain(
    someSeeds(rng, corpus, rng.range(1, 10)).map((l) => {
      const odd = rng.pick(['\0', '\uD800', '\uDC00', '\uFEFF', '\u2028', '\uFFFF', '\u0085']);
      const i = rng.int(l.length + 1);
      return l.slice(0, i) + odd.repeat(rng.range(1, 4)) + l.slice(i);
    }),
  );

/**
 * A huge line. The reader hands over at most 1 MiB of a line whole; anything longer (here
 * sometimes 10 MB) arrives cut to its start with `tooLong`, as the reader would pass it.
 */
const hugeLine: Make = (rng, corpus) => {
  const whole = 2 ** Math.min(corpus.hugePow, 20);
  const size = rng.chance(0.05) ? 10 * 1024 * 1024 : rng.range(Math.min(1024, whole), whole);
  const unit = rng.chance(0.5) ? rng.pick(corpus.seeds) : randomText(rng, 512);
  const text = unit.repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size);
  if (size <= whole && rng.chance(0.5)) return [{ text }];
  return [{ text: text.slice(0, 4096), tooLong: true, bytes: Buffer.byteLength(text) }];
};

/** Generators of in-memory sources, in the order inputs cycle through them. */
export const MEMORY_MAKERS: readonly { kind: string; make: Make }[] = [
  { kind: 'random-bytes', make: randomBytes },
  { kind: 'mutated-lines', make: mutatedLines },
  { kind: 'dirty-export', make: dirtyExport },
  { kind: 'cut-lines', make: cutLines },
  { kind: 'table-junk', make: tableJunk },
  { kind: 'backtracking', make: backtracking },
  { kind: 'odd-characters', make: oddCharacters },
  { kind: 'mutated-lines', make: mutatedLines },
  { kind: 'huge-line', make: hugeLine },
];

/** Builds in-memory input `n` of a run: one to three sources of the n-th maker's kind. */
export function memoryCase(n: number, rng: Rng, corpus: Corpus): MemoryCase {
  const maker = MEMORY_MAKERS[n % MEMORY_MAKERS.length]!;
  const count = maker.kind === 'huge-line' ? 1 : rng.range(1, 3);
  const sources: MemoryCase['sources'] = [];
  for (let s = 0; s < count; s++) {
    // A second source sometimes repeats the first: the same export copied twice.
    const lines = s > 0 && rng.chance(0.3) ? sources[0]!.lines : maker.make(rng, corpus);
    sources.push({ path: `mem-${n}-${s}.log`, lines });
  }
  return { kind: maker.kind, sources };
}
