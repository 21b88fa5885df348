/** Streams a text source as batches of lines, guarding against decompression bombs. */
import type { Readable } from 'node:stream';
import type { Layout } from './encoding.js';
import { toReadError } from './errors.js';
import { BATCH_BYTES, formatBytes, type Limits } from './limits.js';
import { LineSplitter } from './lines.js';
import { ReadError, type RawLine, type TextSource } from './types.js';

/** What `lineBatches` reads and how. */
export interface BatchInput {
  /** A fresh stream of the source's (decompressed) bytes. */
  open: () => Promise<Readable>;
  layout: Layout;
  limits: Limits;
  /** The outermost container, which also decides whether the size cap applies. */
  container: TextSource['container'];
}

/** The message for a stream stopped by the size cap. */
export function capMessage(cap: number): string {
  return (
    `stopped after ${formatBytes(cap)} of decompressed data (size cap against zip bombs); ` +
    'lines before this point were read'
  );
}

/**
 * Yields the source's lines in batches of at most `batchLines`. Lines complete before a
 * failure are yielded first, then a `ReadError` says what stopped the read.
 */
export async function* lineBatches(input: BatchInput): AsyncGenerator<RawLine[]> {
  const { layout, limits, container } = input;
  // Plain files are read whole whatever their size; only inflated bytes can explode.
  const cap = container === 'plain' ? Infinity : limits.maxDecompressedBytes;
  const splitter = new LineSplitter(layout, { maxLineBytes: limits.maxLineBytes });
  const pending: RawLine[] = [];
  let failure: ReadError | null = null;
  let total = 0;
  try {
    const stream = await input.open();
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (total + chunk.length > cap) {
        splitter.push(chunk.subarray(0, cap - total), pending);
        failure = new ReadError(capMessage(cap));
        break;
      }
      total += chunk.length;
      splitter.push(chunk, pending);
      // Hand over full batches; a batch of huge lines goes early so memory stays bounded.
      while (pending.length >= limits.batchLines) yield pending.splice(0, limits.batchLines);
      if (pending.length > 0 && textSize(pending) >= BATCH_BYTES) yield pending.splice(0);
    }
    if (failure === null) splitter.end(pending);
  } catch (error) {
    failure = toReadError(error, container);
  }
  while (pending.length > 0) yield pending.splice(0, limits.batchLines);
  if (failure !== null) throw failure;
}

/** Characters the batch holds; under `batchLines` lines, so cheap enough per chunk. */
function textSize(lines: RawLine[]): number {
  let n = 0;
  for (const line of lines) n += line.text.length;
  return n;
}
