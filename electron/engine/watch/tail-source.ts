/**
 * The text source handed out in the first `found` of a plain file. It reads with the same
 * tail reader that later reads growth, so the watcher knows exactly where the consumer's
 * read stopped and the next `lines` batch starts there.
 */
import {
  readBytesFrom,
  readFileFrom,
  ReadError,
  type LineBatch,
  type TextSource,
} from '../read/index.js';
import type { TailOptions } from '../read/index.js';
import type { Tracked } from './tracked.js';

/** A tail-backed source and the switch that ends its use. */
export interface TailSource {
  source: TextSource;
  /** Called once the `found` was handled: later `batches()` calls throw a `ReadError`. */
  seal(): void;
}

const LATE =
  'this source can only be read while its found event is handled; ' +
  'its lines arrive as lines events instead';

/**
 * Lines from the start of the file to its last complete line; a last line without a
 * newline is held back (it is still being written) and comes later as `lines`. Each batch
 * moves `t.offset` and `t.line` on, so leaving the loop early loses nothing.
 */
export function tailSource(t: Tracked, options: TailOptions, whole?: Buffer): TailSource {
  let sealed = false;
  let used = false;
  const source: TextSource = {
    path: t.file,
    encoding: t.encoding,
    container: 'plain',
    batches: () => ({
      [Symbol.asyncIterator]: () => {
        if (sealed) throw new ReadError(LATE);
        if (used) throw new ReadError('a source can be read only once');
        used = true;
        return read(t, options, () => sealed, whole);
      },
    }),
  };
  return { source, seal: () => (sealed = true) };
}

/** `whole`: the file's bytes as the walk read them, split instead of reading it again. */
async function* read(
  t: Tracked,
  options: TailOptions,
  isSealed: () => boolean,
  whole: Buffer | undefined,
): AsyncGenerator<LineBatch> {
  // The body starts at the first `next()`, which may come after the event was handled.
  if (isSealed()) throw new ReadError(LATE);
  let done = (): void => {};
  t.reading = new Promise((resolve) => (done = resolve));
  try {
    const from = { ...options, firstLine: t.line };
    const tail =
      whole !== undefined && t.offset === 0
        ? readBytesFrom(whole, t.encoding, from)
        : readFileFrom(t.file, t.offset, t.encoding, from);
    for await (const batch of tail) {
      t.offset = tail.resume.offset;
      t.line = tail.resume.line;
      yield batch;
    }
  } finally {
    t.reading = null;
    done();
  }
}
