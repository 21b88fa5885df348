/** Byte streams: opening files, inflating gzip, and reading a head or a whole small stream. */
import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CHUNK_BYTES } from './limits.js';

/**
 * A file as a stream of chunks; `limit` (bytes wanted) keeps a sniff from reading 1 MiB,
 * and `size` (when known) keeps a small file from getting 1 MiB buffers.
 */
export function fileStream(file: string, limit?: number, start = 0, size?: number): Readable {
  const want = Math.min(limit ?? CHUNK_BYTES, size === undefined ? CHUNK_BYTES : size + 1);
  const highWaterMark = Math.max(64, Math.min(want, CHUNK_BYTES));
  const end = limit === undefined ? undefined : start + limit - 1;
  return createReadStream(file, { start, end, highWaterMark });
}

/**
 * Inflates a gzip stream (all members of a concatenated file). An error on either side ends
 * the returned stream with that error; destroying it releases the source too.
 */
export function gunzip(source: Readable): Readable {
  return pipeline(source, createGunzip({ chunkSize: 256 * 1024 }), () => {
    // Errors reach the consumer through the returned stream; nothing to do here.
  });
}

/** The first bytes of a stream. Never throws: a read error comes back as a value. */
export interface Head {
  bytes: Buffer;
  /** True when `bytes` is the whole stream (or all there was before an error). */
  ended: boolean;
  error?: unknown;
}

/** Reads about `max` bytes from the start of a fresh stream, then releases it. */
export async function readHead(open: () => Promise<Readable>, max: number): Promise<Head> {
  const parts: Buffer[] = [];
  let n = 0;
  try {
    const stream = await open();
    // Leaving the loop early destroys the stream, which closes the file or entry.
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      n += chunk.length;
      if (n >= max) return { bytes: Buffer.concat(parts), ended: false };
    }
    return { bytes: Buffer.concat(parts), ended: true };
  } catch (error) {
    return { bytes: Buffer.concat(parts), ended: true, error };
  }
}

/** Thrown by `readAll` when the stream holds more than its limit. */
export class TooLarge extends Error {
  override name = 'TooLarge';
}

/** Reads a whole stream into memory, refusing more than `limit` bytes. */
export async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    n += chunk.length;
    if (n > limit) throw new TooLarge(`more than ${limit} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
