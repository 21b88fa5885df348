/** Streams a text source as batches of lines, guarding against decompression bombs. */
import type { Readable } from 'node:stream';
import type { Layout } from './encoding.js';
import { formatBytes, type Limits } from './limits.js';
import { BatchBuilder, type LineBatch } from './line-batch.js';
import { LineSplitter } from './lines.js';
import { capCause, readError, stoppedAt } from './problems.js';
import { ReadError, type TextSource } from './types.js';

/** What `lineBatches` reads and how. */
export interface BatchInput {
  /** Display path, for messages. */
  path: string;
  /** A fresh stream of the source's (decompressed) bytes. */
  open: () => Promise<Readable>;
  /** The source's bytes when they are in memory and still current; null: call `open`. */
  whole?: () => Promise<Buffer | null>;
  layout: Layout;
  limits: Limits;
  /** The outermost container, which also decides whether the size cap applies. */
  container: TextSource['container'];
}

/**
 * Yields the source's lines in batches of at most `batchLines`. Lines complete before a
 * failure are yielded first, then a `ReadError` says what stopped the read.
 */
export async function* lineBatches(input: BatchInput): AsyncGenerator<LineBatch> {
  const { layout, limits, container } = input;
  // Plain files are read whole whatever their size; only inflated bytes can explode.
  const cap = container === 'plain' ? Infinity : limits.maxDecompressedBytes;
  const splitter = new LineSplitter(layout, { maxLineBytes: limits.maxLineBytes });
  const pending = new BatchBuilder(1);
  let failure: ReadError | null = null;
  let total = 0;
  try {
    const whole = (await input.whole?.()) ?? null;
    const stream = whole !== null ? [whole] : ((await input.open()) as AsyncIterable<Buffer>);
    for await (const chunk of stream) {
      if (total + chunk.length > cap) {
        splitter.push(chunk.subarray(0, cap - total), pending);
        const at = splitter.pending.line;
        failure = new ReadError(stoppedAt(input.path, at, capCause(formatBytes(cap))));
        break;
      }
      total += chunk.length;
      splitter.push(chunk, pending);
      // Every complete line of the chunk goes now, in batches of at most `batchLines`: a
      // line held back would make the next chunk's text be copied onto it.
      while (pending.count > 0) yield pending.take(limits.batchLines);
    }
    if (failure === null) splitter.end(pending);
  } catch (error) {
    failure = readError(
      error,
      input.path,
      { line: splitter.pending.line, bytes: total },
      container,
    );
  }
  while (pending.count > 0) yield pending.take(limits.batchLines);
  if (failure !== null) throw failure;
}
