/**
 * Bytes found somewhere (a file, a zip entry, the inside of a gzip) and the step that
 * decides what they are: a text source, a container to open, or something to skip.
 */
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { lineBatches } from './batches.js';
import type { Layout } from './encoding.js';
import {
  MAX_ARCHIVE_DEPTH,
  NESTED_ZIP_BYTES,
  SAMPLE_BYTES,
  formatBytes,
  type Limits,
} from './limits.js';
import { streamCause, unreadable } from './problems.js';
import { sniff } from './sniff.js';
import { gunzip, readAll, readHead, TooLarge } from './streams.js';
import type { FileSnapshot, Found, TextSource } from './types.js';
import { walkZip } from './zip.js';

/** Bytes not yet classified. */
export interface Blob {
  /** Display path. */
  path: string;
  /** Outermost wrapper: anything inside a zip is `zip`, a gzip file's content `gzip`. */
  container: TextSource['container'];
  /** How many archives (zip or gzip) enclose these bytes. */
  depth: number;
  /** A fresh stream of the bytes from the first; `limit` hints how many are wanted. */
  open(limit?: number): Promise<Readable>;
  /** The file on disk, when the bytes are a whole regular file. */
  file?: string;
  /** Size a header declares (zip entries); may lie, so reads count bytes anyway. */
  declared?: number;
  /** Size of the file on disk, when the bytes are a whole regular file. */
  size?: number;
  /** A small file read whole already, with its stat: sniffed and split without reading again. */
  snapshot?: FileSnapshot;
}

/** Classifies a blob and yields what it holds. */
export type Explore = (blob: Blob, limits: Limits) => AsyncGenerator<Found>;

/** Sniffs a blob and yields its Founds: one for text or a skip, many for a zip. */
export async function* explore(blob: Blob, limits: Limits): AsyncGenerator<Found> {
  const whole = blob.snapshot?.bytes;
  const head =
    whole !== undefined
      ? { bytes: whole.subarray(0, SAMPLE_BYTES), ended: whole.length < SAMPLE_BYTES }
      : await readHead(() => blob.open(SAMPLE_BYTES), SAMPLE_BYTES);
  if (head.error !== undefined && head.bytes.length === 0) {
    const reason = unreadable(blob.path, streamCause(head.error, blob.container));
    yield { type: 'failed', path: blob.path, reason };
    return;
  }
  // Bytes before a read error are sniffed as the whole stream; `batches` reports the error.
  const sniffed = sniff(head.bytes, head.ended);
  switch (sniffed.kind) {
    case 'skip':
      yield { type: 'skipped', path: blob.path, reason: sniffed.reason };
      return;
    case 'text':
      yield { type: 'text', source: textSource(blob, sniffed.layout, limits) };
      return;
    case 'gzip':
      if (blob.depth >= MAX_ARCHIVE_DEPTH) break;
      yield* explore(inflated(blob), limits);
      return;
    case 'zip':
      if (blob.depth >= MAX_ARCHIVE_DEPTH) break;
      yield* zipContent(blob, limits);
      return;
  }
  const reason = `archive nested more than ${MAX_ARCHIVE_DEPTH} levels deep, not opened`;
  yield { type: 'skipped', path: blob.path, reason };
}

function textSource(blob: Blob, layout: Layout, limits: Limits): TextSource {
  const { snapshot, file } = blob;
  const source: TextSource = {
    path: blob.path,
    encoding: layout.encoding,
    container: blob.container,
    batches: () =>
      lineBatches({
        path: blob.path,
        open: () => blob.open(),
        whole: snapshot && file !== undefined ? () => stillAsRead(file, snapshot) : undefined,
        layout,
        limits,
        container: blob.container,
      }),
  };
  if (snapshot !== undefined) source.snapshot = snapshot;
  const expected = blob.size ?? blob.declared;
  if (expected !== undefined) source.expectedBytes = expected;
  return source;
}

/**
 * The bytes of a small file read whole, when it is still the file that was read and has
 * not been written to since (a write moves its times); else null, and it is read again,
 * which also says what became of it (deleted, unreadable).
 */
async function stillAsRead(file: string, snapshot: FileSnapshot): Promise<Buffer | null> {
  const now = await stat(file).catch(() => null);
  const then = snapshot.stats;
  const same =
    now !== null &&
    now.isFile() &&
    now.dev === then.dev &&
    now.ino === then.ino &&
    now.size === then.size &&
    now.mtimeMs === then.mtimeMs &&
    now.ctimeMs === then.ctimeMs;
  return same ? snapshot.bytes : null;
}

/** The inside of a gzip blob; the display path stays the same. */
function inflated(blob: Blob): Blob {
  return {
    path: blob.path,
    container: blob.container === 'plain' ? 'gzip' : blob.container,
    depth: blob.depth + 1,
    open: async () => gunzip(await blob.open()),
  };
}

async function* zipContent(blob: Blob, limits: Limits): AsyncGenerator<Found> {
  if (blob.file !== undefined) {
    yield* walkZip(blob, { file: blob.file }, limits, explore);
    return;
  }
  // yauzl needs random access: an archive inside an archive is read into memory first.
  const limit = Math.min(NESTED_ZIP_BYTES, limits.maxDecompressedBytes);
  if (blob.declared !== undefined && blob.declared > limit) {
    const reason = `zip inside an archive is larger than ${formatBytes(limit)}; extract it first`;
    yield { type: 'skipped', path: blob.path, reason };
    return;
  }
  let buffer: Buffer;
  try {
    buffer = await readAll(await blob.open(), limit);
  } catch (error) {
    const cause =
      error instanceof TooLarge
        ? {
            why:
              `the zip inside the archive holds more than ${formatBytes(limit)} once ` +
              'decompressed, over the size cap for an archive inside an archive (it is read ' +
              'into memory)',
            fix: 'Extract it with another tool and add the extracted files',
          }
        : streamCause(error, blob.container);
    const reason = unreadable(blob.path, cause);
    yield { type: 'failed', path: blob.path, reason };
    return;
  }
  yield* walkZip(blob, { buffer }, limits, explore);
}
