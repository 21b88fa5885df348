/** What the watcher remembers about each file it has read, and how it tells a file changed. */
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Encoding } from '../../../shared/model.js';
import type { FileSnapshot } from '../read/index.js';

/** Bytes of a tailed file's start kept to notice it being rewritten in place. */
export const HEAD_BYTES = 256;

/**
 * One file under a root (a plain log, a gzip, a zip with many entries, or a skipped file).
 * - `tail`: a plain LF text file; growth is read from `offset` as `lines`.
 * - `whole`: gzip, zip or a CR-only text file; any change means reset and a full re-read.
 * - `inert`: nothing but skipped or failed; a change means looking at it again.
 */
export interface Tracked {
  file: string;
  mode: 'tail' | 'whole' | 'inert';
  /** Display paths of the text sources found (what a `reset` must drop). */
  texts: string[];
  /** Display paths of every `found` (what `gone` must mark). */
  paths: string[];
  /** What the last look found, to stay quiet when a skipped file changes but stays skipped. */
  outcome: string;
  /** The file's identity and shape when it was read. */
  stamp: Stamp;
  /** Tail mode: where the next read starts and the number its first line gets. */
  encoding: Encoding;
  offset: number;
  line: number;
  /** Tail mode: the file's first bytes when it was first read. */
  head: Buffer;
  /**
   * When the file was found while being written to, grew or failed (ms since the epoch; 0
   * for a file found left alone): it is swept for a while after.
   */
  activeAt: number;
  /** Tail mode: the problem last reported, so retries do not repeat it; null when reading. */
  error: string | null;
  /** Tail mode: the consumer's read of the first `found`, while it runs. */
  reading: Promise<void> | null;
}

/** Identity (device and inode, birth time) and shape (size, modification time) of a file. */
export interface Stamp {
  dev: number;
  ino: number;
  birth: number;
  size: number;
  mtimeMs: number;
}

/** The stamp of a stat result. */
export function stampOf(s: Stats): Stamp {
  return { dev: s.dev, ino: s.ino, birth: s.birthtimeMs, size: s.size, mtimeMs: s.mtimeMs };
}

/** Whether two stamps name the same file (not whether its content is the same). */
export function sameFile(a: Stamp, b: Stamp): boolean {
  // Birth time is 0 where the file system does not keep it; then only the inode tells.
  const birthKnown = a.birth > 0 && b.birth > 0;
  return a.dev === b.dev && a.ino === b.ino && (!birthKnown || a.birth === b.birth);
}

/** Whether a file read whole may have changed since the stamp. */
export function changed(a: Stamp, b: Stamp): boolean {
  return !sameFile(a, b) || a.size !== b.size || a.mtimeMs !== b.mtimeMs;
}

/** The first `n` bytes of a file (fewer when it is shorter). Throws what `open` throws. */
export async function readStart(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What follows a reset, said with its reason: nothing for the user to do. */
const AGAIN = 'its events were dropped and it is read again from the start';

/**
 * Why a tailed file can no longer be read on from its offset, or null when it only grew
 * (or did not change). Throws what `open` throws when the file cannot be read.
 */
export async function replacedReason(t: Tracked, now: Stamp): Promise<string | null> {
  if (!sameFile(t.stamp, now)) return `the file was replaced by another one: ${AGAIN}`;
  if (now.size < t.offset) {
    return `the file was truncated (it is now shorter than what was read): ${AGAIN}`;
  }
  // Truncated and written again past the old end: only the content can tell.
  const start = await readStart(t.file, t.head.length);
  if (!start.equals(t.head)) return `the file was rewritten (its first bytes changed): ${AGAIN}`;
  return null;
}

/**
 * How long a file must have been left alone for its times to tell that nothing is being
 * written to it: longer than the coarsest file time (FAT keeps two seconds) and clock drift.
 */
const SETTLED_MS = 5_000;

/**
 * Whether a file had not been written to for a while when it was looked at (`at`, ms since
 * the epoch): every write sets its modification and change times to the time of writing.
 */
export function settledAt(stats: Stats, at: number): boolean {
  return Math.max(stats.mtimeMs, stats.ctimeMs) < at - SETTLED_MS;
}

/**
 * Whether a small file the walk read whole needs no further look: every line of it was
 * counted, and it had been left alone when it was looked at. Any write since then sets its
 * times to the time of writing, which differs from those seen, so the watcher (ready
 * before the walk began) reports it as a change, and that change is read like any other.
 * A file written shortly before is looked at again, as after any other read.
 */
export function readInFull(snapshot: FileSnapshot, offset: number): boolean {
  return offset === snapshot.bytes.length && settledAt(snapshot.stats, snapshot.at);
}
