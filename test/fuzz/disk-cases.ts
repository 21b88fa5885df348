/**
 * Inputs written to real files and read with findSources: damaged archives, bombs,
 * hostile zip entry names, broken encodings, huge lines, odd line endings.
 */
import { gzipSync } from 'node:zlib';
import type { ReadOptions } from '../../electron/engine/read/types.js';
import { buildZip, type ZipEntrySpec } from '../read/zip-helper.js';
import { tableJunk, type Corpus } from './memory-cases.js';
import { mutateBytes, mutateLine } from './mutate.js';
import type { Rng } from './prng.js';
import type { Fixtures } from './seeds.js';

/** One file to write under the input's folder; names are ours, never generated. */
export interface DiskFile {
  name: string;
  data: Buffer;
}

/** One on-disk input: files to write, the read options, and what must hold afterwards. */
export interface DiskCase {
  kind: string;
  files: DiskFile[];
  options: ReadOptions;
  /** Set for bombs: some source or Found must say the size cap stopped it. */
  expectCap?: true;
}

/** The size cap passed to the readers for every on-disk input. */
export const FUZZ_CAP = 1024 * 1024;

type Make = (rng: Rng, corpus: Corpus, fixtures: Fixtures) => Omit<DiskCase, 'kind' | 'options'>;

function seedText(rng: Rng, corpus: Corpus, n: number, eol = '\n'): string {
  const lines = Array.from({ length: n }, () => rng.pick(corpus.seeds));
  return lines.map((l) => (rng.chance(0.2) ? mutateLine(l, rng, corpus.seeds, 2) : l)).join(eol);
}

// Bombs are built once: 16 MiB of a repeated event line deflates to a few KiB.
let bombText: Buffer | null = null;
function bomb(): Buffer {
  const line =
    'Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, ' +
    '10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim\n';
  bombText ??= Buffer.from(line.repeat(140_000));
  return bombText;
}
let zipBombBytes: Buffer | null = null;
let gzipBombBytes: Buffer | null = null;

const mutatedFixture: Make = (rng, _c, fx) => {
  const f = rng.pick(fx.files);
  return {
    files: [{ name: `m-${f.name.replace(/[\\/]/g, '_')}`, data: mutateBytes(f.data, rng) }],
  };
};

const randomFile: Make = (rng) => ({
  files: [{ name: 'random.bin', data: rng.bytes(rng.size(14)) }],
});

const truncatedGzip: Make = (rng, c) => {
  const full = gzipSync(seedText(rng, c, rng.range(1, 200)));
  const how = rng.int(3);
  const data =
    how === 0
      ? full.subarray(0, rng.int(full.length))
      : how === 1
        ? Buffer.concat([full, rng.bytes(rng.size(6))])
        : Buffer.concat([full, full.subarray(0, rng.int(full.length))]);
  return { files: [{ name: 'syslog.1.gz', data }] };
};

const gzipBomb: Make = () => {
  gzipBombBytes ??= gzipSync(bomb(), { level: 9 });
  return { files: [{ name: 'bomb.log.gz', data: gzipBombBytes }], expectCap: true };
};

const zipBomb: Make = (rng) => {
  zipBombBytes ??= buildZip([{ name: 'bomb.log', data: bomb() }]);
  // The same bomb one level down: a zip inside the zip is read into memory first.
  const data = rng.chance(0.5)
    ? zipBombBytes
    : buildZip([{ name: 'inner.zip', data: zipBombBytes, method: 'store' }]);
  return { files: [{ name: 'bomb.zip', data }], expectCap: true };
};

const HOSTILE_NAMES: readonly ((rng: Rng) => string | Buffer)[] = [
  () => '../../x',
  () => '../../../../../../tmp/evil.log',
  () => '/etc/passwd',
  () => 'C:\\Windows\\System32\\evil.log',
  (r) => 'a'.repeat(r.range(256, 65_000)),
  (r) => `${'d/'.repeat(r.range(1, 3000))}x.log`,
  () => 'ctl\u0001\u001b[31m\u0007\r\nname.log',
  () => Buffer.from([0x6e, 0x00, 0x6d, 0x2e, 0x6c, 0x6f, 0x67]),
  (r) => r.bytes(r.range(1, 64)),
  () => '',
  () => '__MACOSX/._x.log',
  () => 'System Volume Information/x.log',
  () => '._evil.log',
  () => 'dir/',
];

const hostileZip: Make = (rng, c) => {
  const entries: ZipEntrySpec[] = Array.from({ length: rng.range(1, 6) }, () => ({
    name: rng.pick(HOSTILE_NAMES)(rng),
    data: seedText(rng, c, rng.range(0, 20)),
    method: rng.chance(0.5) ? 'deflate' : 'store',
    encrypted: rng.chance(0.05),
    symlink: rng.chance(0.05),
  }));
  let data = buildZip(entries);
  if (rng.chance(0.3)) data = mutateBytes(data, rng, 2);
  return { files: [{ name: 'hostile.zip', data }] };
};

const nested: Make = (rng, c) => {
  let data: Buffer = Buffer.from(seedText(rng, c, rng.range(1, 20)));
  const depth = rng.range(1, 7);
  for (let d = 0; d < depth; d++) {
    data = rng.chance(0.5) ? gzipSync(data) : buildZip([{ name: `level${d}.bin`, data }]);
  }
  return { files: [{ name: 'nested.bin', data }] };
};

function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

const brokenUtf16: Make = (rng, c) => {
  const text = seedText(rng, c, rng.range(1, 30), rng.pick(['\n', '\r\n']));
  const bom = Buffer.from([0xff, 0xfe]);
  const variants: (() => Buffer)[] = [
    () => Buffer.concat([bom, utf16le(text)]).subarray(0, 2 + 2 * rng.int(text.length) + 1),
    () => Buffer.concat([bom, utf16le(text), Buffer.from([0x00, 0xd8, 0x41, 0x00])]),
    () =>
      Buffer.concat([bom, utf16le(text.slice(0, 10)), Buffer.from([0x00, 0xdc]), utf16le(text)]),
    () => Buffer.concat([bom, Buffer.from(text, 'utf8')]),
    () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf16le(text)]),
    () => Buffer.from(text, 'utf16le').swap16(),
    () => utf16le(text).subarray(0, 2 * rng.int(text.length) + 1),
    () => bom,
    () => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16le(text)]),
  ];
  return { files: [{ name: 'unicode.txt', data: rng.pick(variants)() }] };
};

const longLine: Make = (rng, c) => {
  const size = rng.chance(0.25) ? 10 * 1024 * 1024 : rng.range(1024, 2 * 1024 * 1024);
  const unit = Buffer.from(rng.pick(c.seeds) + ' ');
  const line = Buffer.alloc(size);
  for (let at = 0; at < size; at += unit.length) unit.copy(line, at);
  const after = Buffer.from(`\n${seedText(rng, c, rng.range(0, 5))}\n`);
  const data = Buffer.concat([line, after]);
  return { files: [{ name: 'long.log', data: rng.chance(0.3) ? gzipSync(data) : data }] };
};

const nulBytes: Make = (rng, c) => {
  const text = Buffer.from(seedText(rng, c, rng.range(1, 40)));
  for (let k = rng.range(1, 8); k > 0; k--) text[rng.int(text.length)] = 0;
  return { files: [{ name: 'nul.log', data: text }] };
};

const lineEndings: Make = (rng, c) => {
  const lines = Array.from({ length: rng.range(1, 40) }, () => rng.pick(c.seeds));
  const text = lines.map((l) => l + rng.pick(['\n', '\r\n', '\r', '\r\r\n', '\n\r'])).join('');
  return { files: [{ name: 'endings.log', data: Buffer.from(text) }] };
};

/** In-memory table inputs written out in a random encoding. */
const tableFile: Make = (rng, c) => {
  const text = tableJunk(rng, c)
    .map((l) => l.text)
    .join(rng.pick(['\n', '\r\n']));
  const how = rng.int(3);
  const data =
    how === 0
      ? Buffer.from(text)
      : how === 1
        ? Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)])
        : Buffer.from(text, 'latin1');
  return { files: [{ name: rng.pick(['events.csv', 'events.tsv', 'EVENTS.TXT']), data }] };
};

/** Generators of on-disk inputs, in the order disk inputs cycle through them. */
export const DISK_MAKERS: readonly { kind: string; make: Make }[] = [
  { kind: 'mutated-fixture', make: mutatedFixture },
  { kind: 'random-file', make: randomFile },
  { kind: 'truncated-gzip', make: truncatedGzip },
  { kind: 'gzip-bomb', make: gzipBomb },
  { kind: 'zip-bomb', make: zipBomb },
  { kind: 'hostile-zip', make: hostileZip },
  { kind: 'nested-archives', make: nested },
  { kind: 'broken-utf16', make: brokenUtf16 },
  { kind: 'long-line', make: longLine },
  { kind: 'nul-bytes', make: nulBytes },
  { kind: 'line-endings', make: lineEndings },
  { kind: 'table-file', make: tableFile },
  { kind: 'mutated-fixture', make: mutatedFixture },
  { kind: 'hostile-zip', make: hostileZip },
];

/** Builds on-disk input `n`: the n-th maker's files and random read limits. */
export function diskCase(n: number, rng: Rng, corpus: Corpus, fixtures: Fixtures): DiskCase {
  const maker = DISK_MAKERS[n % DISK_MAKERS.length]!;
  const made = maker.make(rng, corpus, fixtures);
  const options: ReadOptions = { maxDecompressedBytes: FUZZ_CAP };
  if (rng.chance(0.2)) options.maxLineBytes = rng.pick([1, 2, 3, 100, 4096]);
  if (rng.chance(0.2)) options.batchLines = rng.pick([1, 3, 100]);
  if (rng.chance(0.05) && !made.expectCap) options.maxDecompressedBytes = rng.range(1, 5000);
  return { kind: maker.kind, options, ...made };
}
