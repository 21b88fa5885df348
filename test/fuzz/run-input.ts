/**
 * Runs one generated input through the parser in memory or through the readers on disk,
 * and says what broke: an exception that escaped (a crash) or an invariant.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RuleBook } from '../../shared/rules/index.js';
import { ingestSource, SourceBooks, type Ledger } from '../../electron/engine/ingest.js';
import {
  batchOf,
  findSources,
  rawLines as linesOfBatch,
  ReadError,
  type RawLine,
  type TextSource,
} from '../../electron/engine/read/index.js';
import { resolveLimits } from '../../electron/engine/read/limits.js';
import { checkAccount, checkReadLines, CheckingSink, disguisedCrash } from './checks.js';
import type { DiskCase } from './disk-cases.js';
import type { MemoryCase } from './memory-cases.js';
import type { Rng } from './prng.js';

/** What one input came to. */
export interface Outcome {
  crashes: string[];
  problems: string[];
  totals: Totals;
  /** The source that took longest, to name it when the input is slow. */
  slowest?: { path: string; ms: number };
}

/** Figures summed over inputs. */
export interface Totals {
  sources: number;
  lines: number;
  events: number;
  duplicates: number;
  malformed: number;
  other: number;
  skipped: number;
  failed: number;
  readErrors: number;
}

/** Zeroed totals. */
export function noTotals(): Totals {
  return {
    sources: 0,
    lines: 0,
    events: 0,
    duplicates: 0,
    malformed: 0,
    other: 0,
    skipped: 0,
    failed: 0,
    readErrors: 0,
  };
}

function add(
  t: Totals,
  a: { lines: number; events: number; duplicates: number; malformed: number; other: number },
): void {
  t.sources++;
  t.lines += a.lines;
  t.events += a.events;
  t.duplicates += a.duplicates;
  t.malformed += a.malformed;
  t.other += a.other;
}

const stackOf = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/** Numbers lines as a UTF-8 reader would. */
function rawLines(lines: MemoryCase['sources'][number]['lines']): RawLine[] {
  let offset = 0;
  return lines.map((l, i) => {
    const bytes = l.bytes ?? Buffer.byteLength(l.text);
    const raw: RawLine = { no: i + 1, offset, bytes, text: l.text };
    if (l.tooLong) raw.tooLong = true;
    offset += bytes + 1;
    return raw;
  });
}

/** Feeds each source to its own SourceBooks in random batches, then checks the books. */
export function runMemory(c: MemoryCase, ledger: Ledger, rules: RuleBook, rng: Rng): Outcome {
  const out: Outcome = { crashes: [], problems: [], totals: noTotals() };
  c.sources.forEach((src, owner) => {
    const fed = rawLines(src.lines);
    const sink = new CheckingSink(src.path);
    const started = performance.now();
    const books = new SourceBooks(
      { path: src.path, encoding: 'utf-8', container: 'plain' },
      ledger,
      rules,
      owner,
    );
    try {
      for (let at = 0; at < fed.length;) {
        const n = rng.range(1, 64);
        books.take(batchOf(fed.slice(at, at + n)), sink);
        at += n;
      }
      books.flush(sink);
    } catch (error) {
      out.crashes.push(`${src.path}: ${stackOf(error)}`);
      return;
    }
    const ms = performance.now() - started;
    if (ms > (out.slowest?.ms ?? -1)) out.slowest = { path: src.path, ms };
    out.problems.push(...checkAccount(books.account, fed, sink).map((p) => `${src.path}: ${p}`));
    add(out.totals, books.account);
  });
  return out;
}

/** A source that remembers the lines it handed out and what its read threw. */
function watched(src: TextSource): { source: TextSource; lines: RawLine[]; thrown: unknown[] } {
  const seen = { lines: [] as RawLine[], thrown: [] as unknown[] };
  const source: TextSource = {
    ...src,
    batches: async function* () {
      try {
        for await (const batch of src.batches()) {
          seen.lines.push(...linesOfBatch(batch));
          yield batch;
        }
      } catch (error) {
        seen.thrown.push(error);
        throw error;
      }
    },
  };
  return { source, ...seen };
}

/** Writes the files into a fresh folder, reads it with findSources and ingests every source. */
export async function runDisk(
  c: DiskCase,
  dir: string,
  ledger: Ledger,
  rules: RuleBook,
): Promise<Outcome> {
  const out: Outcome = { crashes: [], problems: [], totals: noTotals() };
  await mkdir(dir, { recursive: true });
  for (const f of c.files) await writeFile(path.join(dir, f.name), f.data);
  const limits = resolveLimits(c.options);
  const paths: string[] = [];
  const reasons: string[] = [];
  let owner = 0;
  try {
    for await (const found of findSources([dir], c.options)) {
      if (found.type !== 'text') {
        paths.push(found.path);
        reasons.push(found.reason);
        out.totals[found.type]++;
        if (typeof found.reason !== 'string' || found.reason.trim() === '') {
          out.problems.push(`${found.type} ${found.path} without a reason`);
        }
        continue;
      }
      paths.push(found.source.path);
      const w = watched(found.source);
      const sink = new CheckingSink(found.source.path);
      const account = await ingestSource(w.source, ledger, rules, sink, owner++);
      const where = path.relative(dir, found.source.path);
      add(out.totals, account);
      if (account.error !== undefined) {
        out.totals.readErrors++;
        reasons.push(account.error);
        const thrown = w.thrown[0];
        if (thrown === undefined)
          out.crashes.push(
            `${where}: ingest recorded '${account.error}', which the reader never threw ` +
              '(an exception of the parser?)',
          );
        else if (!(thrown instanceof ReadError))
          out.crashes.push(`${where}: the reader threw ${stackOf(thrown)}`);
        else if (disguisedCrash(thrown.message))
          out.crashes.push(`${where}: a crash read as a ReadError: ${stackOf(thrown)}`);
      } else if (w.thrown.length > 0) out.problems.push(`${where}: a read error was not recorded`);
      const cap = found.source.container === 'plain' ? Infinity : limits.maxDecompressedBytes;
      const checks = [
        ...checkAccount(account, w.lines, sink),
        ...checkReadLines(w.lines, {
          maxLineBytes: limits.maxLineBytes,
          cap,
          container: found.source.container,
        }),
      ];
      out.problems.push(...checks.map((p) => `${where}: ${p}`));
    }
  } catch (error) {
    out.crashes.push(`findSources or ingestSource threw: ${stackOf(error)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const f of c.files) {
    const file = path.join(dir, f.name);
    if (!paths.some((p) => p === file || p.startsWith(`${file}!/`)))
      out.problems.push(`${f.name}: no Found for it`);
  }
  for (const p of paths) {
    const inner = p.split('!/').slice(1).join('!/');
    if (/\p{Cc}/u.test(inner))
      out.problems.push(`zip entry label ${JSON.stringify(p)} holds control characters`);
  }
  if (c.expectCap && !reasons.some((r) => /size cap/.test(r)))
    out.problems.push('the bomb was not stopped by the size cap');
  return out;
}
