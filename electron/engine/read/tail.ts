/** Reads one growing file from a byte offset, for live tailing. */
import { stat } from 'node:fs/promises';
import type { Encoding } from '../../../shared/model.js';
import { bomLength } from './encoding.js';
import { formatBytes, resolveLimits, type Limits } from './limits.js';
import { BatchBuilder, type LineBatch } from './line-batch.js';
import { LineSplitter } from './lines.js';
import { readError, stoppedAt } from './problems.js';
import { fileStream } from './streams.js';
import { ReadError, type ReadOptions } from './types.js';

/** Options of `readFileFrom`. */
export interface TailOptions extends Pick<ReadOptions, 'maxLineBytes' | 'batchLines'> {
  /** Number the first line read gets (default 1); pass the `resume.line` of the last read. */
  firstLine?: number;
}

/** The lines of one tail read, and where the next read resumes once this one is done. */
export interface TailRead extends AsyncIterable<LineBatch> {
  /**
   * Offset of the first byte not consumed (where a held-back partial line starts, or the
   * end of the file) and the number its line will get. Updated after each batch, so it is
   * right even when the caller stops iterating early.
   */
  readonly resume: { offset: number; line: number };
}

/**
 * Reads complete lines of the file from `start` (a line boundary, as a previous `resume`
 * gave) to its current end. A last line without a newline is held back: it may still be
 * written. A BOM is skipped only when `start` is 0. Throws a `ReadError` when the file is
 * now shorter than `start` (truncated or replaced: read it again from 0) or cannot be read.
 * Iterate once.
 */
export function readFileFrom(
  file: string,
  start: number,
  encoding: Encoding,
  options: TailOptions = {},
): TailRead {
  const limits = resolveLimits(options);
  const firstLine = options.firstLine ?? 1;
  const result = {
    resume: { offset: start === 0 ? bomLength(encoding) : start, line: firstLine },
    async *[Symbol.asyncIterator](): AsyncGenerator<LineBatch> {
      const lines = new TailLines(result, encoding, limits, firstLine, start);
      let bytes = 0;
      try {
        const size = (await stat(file)).size;
        if (size < start) {
          const cause = {
            why:
              `the file is now ${formatBytes(size)}, shorter than the ${formatBytes(start)} ` +
              'already read, so it was truncated or replaced',
            fix: 'Read it again from the start (a watched folder does so by itself)',
          };
          throw new ReadError(stoppedAt(file, firstLine, cause));
        }
        for await (const chunk of fileStream(file, undefined, start) as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          yield* lines.push(chunk);
        }
        lines.end();
      } catch (error) {
        throw readError(error, file, { line: lines.line, bytes }, 'plain', 'watch');
      }
    },
  };
  return result;
}

/**
 * The same read as `readFileFrom(file, 0, ...)` over the whole file in memory (a small file
 * the walk read): complete lines, a last line without a newline held back, a BOM skipped.
 */
export function readBytesFrom(bytes: Buffer, encoding: Encoding, options: TailOptions = {}) {
  const limits = resolveLimits(options);
  const firstLine = options.firstLine ?? 1;
  const result = {
    resume: { offset: bomLength(encoding), line: firstLine },
    async *[Symbol.asyncIterator](): AsyncGenerator<LineBatch> {
      const lines = new TailLines(result, encoding, limits, firstLine, 0);
      yield* lines.push(bytes);
      lines.end();
    },
  };
  return result satisfies TailRead;
}

/** Splits a tail read's chunks into batches and keeps its `resume` up to date. */
class TailLines {
  readonly #result: { resume: { offset: number; line: number } };
  readonly #splitter: LineSplitter;
  readonly #queue: BatchBuilder;
  readonly #batchLines: number;

  constructor(
    result: { resume: { offset: number; line: number } },
    encoding: Encoding,
    limits: Limits,
    firstLine: number,
    start: number,
  ) {
    this.#result = result;
    this.#splitter = new LineSplitter(
      { encoding, bom: bomLength(encoding), newline: 0x0a },
      { maxLineBytes: limits.maxLineBytes, firstLine, startOffset: start },
    );
    this.#queue = new BatchBuilder(firstLine);
    this.#batchLines = limits.batchLines;
  }

  /** The number of the line not yet ended. */
  get line(): number {
    return this.#splitter.pending.line;
  }

  *push(chunk: Buffer): Generator<LineBatch> {
    this.#splitter.push(chunk, this.#queue);
    while (this.#queue.count > 0) {
      const batch = this.#queue.take(this.#batchLines);
      this.#result.resume = this.#queue.count > 0 ? this.#queue.next! : this.#splitter.pending;
      yield batch;
    }
  }

  /** The read reached the end: what follows the last newline waits for the next read. */
  end(): void {
    this.#result.resume = this.#splitter.pending;
  }
}
