/** Reads one growing file from a byte offset, for live tailing. */
import { stat } from 'node:fs/promises';
import type { Encoding } from '../../../shared/model.js';
import { bomLength } from './encoding.js';
import { formatBytes, resolveLimits } from './limits.js';
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
      const splitter = new LineSplitter(
        { encoding, bom: bomLength(encoding), newline: 0x0a },
        { maxLineBytes: limits.maxLineBytes, firstLine, startOffset: start },
      );
      const queue = new BatchBuilder(firstLine);
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
          splitter.push(chunk, queue);
          while (queue.count > 0) {
            const batch = queue.take(limits.batchLines);
            result.resume = queue.count > 0 ? queue.next! : splitter.pending;
            yield batch;
          }
        }
        result.resume = splitter.pending;
      } catch (error) {
        throw readError(error, file, { line: splitter.pending.line, bytes }, 'plain', 'watch');
      }
    },
  };
  return result;
}
