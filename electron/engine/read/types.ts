/**
 * What the readers hand to the parsers: text sources split into numbered lines,
 * or the reason a path was not read. Readers never interpret log content.
 */
import type { Stats } from 'node:fs';
import type { Encoding } from '../../../shared/model.js';
import type { LineBatch } from './line-batch.js';

export type { LineBatch } from './line-batch.js';

/** One physical line of a decoded source, without its line ending. */
export interface RawLine {
  /** 1-based line number; blank lines are numbered too. */
  no: number;
  /** Byte offset of the line's first byte in the (decompressed) source. */
  offset: number;
  /** Length in bytes of the line without its ending. */
  bytes: number;
  /** Decoded text; for a line over the limit, only its beginning. */
  text: string;
  /** Set when the line was longer than `maxLineBytes` and `text` holds only its start. */
  tooLong?: true;
}

/** A file or archive entry that decodes to text. */
export interface TextSource {
  /** Display path: as the user named it, zip entries as `a.zip!/dir/file.log`. */
  path: string;
  encoding: Encoding;
  /** How the bytes were wrapped before decoding. */
  container: 'plain' | 'gzip' | 'zip';
  /**
   * Lines in batches of a few thousand (line-batch.ts), in order. Iterate once. Throws a `ReadError`
   * when the bytes stop early (truncated gzip, size cap, file vanished); lines yielded
   * before the throw stay valid.
   */
  batches(): AsyncIterable<LineBatch>;
  /**
   * The bytes the source should hold, when known before reading (a plain file's size, a
   * zip entry's declared size): the parse side makes room for its events at once.
   */
  expectedBytes?: number;
  /**
   * A small plain file the walk read whole: its bytes (what `batches()` splits, unless the
   * file changed since) and its stat taken just before the read. The live reader tails on
   * from them instead of opening the file again. Absent for larger files and archives.
   */
  snapshot?: FileSnapshot;
}

/** A whole file as one read saw it, with the stat taken just before that read. */
export interface FileSnapshot {
  bytes: Buffer;
  stats: Stats;
  /** When the stat was taken (ms since the epoch). */
  at: number;
}

/** What discovery found at one path. */
export type Found =
  | { type: 'text'; source: TextSource }
  | { type: 'skipped'; path: string; reason: string }
  | { type: 'failed'; path: string; reason: string };

/** Limits that protect memory against hostile input. */
export interface ReadOptions {
  /** Decompressed bytes allowed per gzip stream or zip entry (default 1 GiB). */
  maxDecompressedBytes?: number;
  /** Bytes one line may hold before it is cut (default 1 MiB). */
  maxLineBytes?: number;
  /** Lines per batch (default 4096). */
  batchLines?: number;
}

/** A read that could not finish; the message says what, why, where and what to do. */
export class ReadError extends Error {
  override name = 'ReadError';
}
