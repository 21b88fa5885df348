/**
 * Reading the next few small files before their turn in a one-off load. Each costs a file
 * system look (to tell it did not change since the walk read it); waiting for each in turn
 * left the engine's thread idle. The Founds still come out in walk order.
 */
import type { LineBatch } from './line-batch.js';
import type { Found } from './types.js';

/** Small files whose reading starts before their turn. */
const READ_EARLY = 16;

/** The Founds of a walk, in order, with the next few small files' reading started. */
export async function* startedEarly(founds: AsyncIterable<Found>): AsyncGenerator<Found> {
  const waiting: { found: Found; stop?: () => void }[] = [];
  const walk = founds[Symbol.asyncIterator]();
  let walked = false;
  try {
    for (;;) {
      while (!walked && waiting.length < READ_EARLY) {
        const next = await walk.next();
        if (next.done) walked = true;
        else waiting.push(readEarly(next.value));
      }
      const first = waiting.shift();
      if (first === undefined) return;
      yield first.found;
    }
  } finally {
    // Left early (a failure): close what was started and not taken.
    for (const { stop } of waiting) stop?.();
    await walk.return?.();
  }
}

/** A small file's Found with its first batch already asked for; others as they are. */
function readEarly(found: Found): { found: Found; stop?: () => void } {
  if (found.type !== 'text' || found.source.snapshot === undefined) return { found };
  const lines = found.source.batches()[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<LineBatch>> | null = lines.next();
  first.catch(() => undefined); // seen when the source is read
  const started: AsyncIterator<LineBatch> = {
    next: () => {
      const result = first ?? lines.next();
      first = null;
      return result;
    },
    return: async (value?: unknown) => (await lines.return?.(value)) ?? { done: true, value },
  };
  const source = { ...found.source, batches: () => ({ [Symbol.asyncIterator]: () => started }) };
  const stop = () => void lines.return?.().catch(() => undefined);
  return { found: { type: 'text', source }, stop };
}
