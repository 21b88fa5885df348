/**
 * The readers: find text sources under input paths (files, folders, gzip and zip archives,
 * in any of the supported encodings) and hand over their lines. They never interpret logs.
 */
import { resolveLimits } from './limits.js';
import type { Found, ReadOptions } from './types.js';
import { walkInputs } from './walk.js';

export { ReadError } from './types.js';
export type { FileSnapshot, Found, RawLine, ReadOptions, TextSource } from './types.js';
export { readBytesFrom, readFileFrom } from './tail.js';
export { batchOf, lineText, rawLine, rawLines, type LineBatch } from './line-batch.js';
export type { TailOptions, TailRead } from './tail.js';

/**
 * Walks each input (file or folder, recursively) and yields one `Found` per file or archive
 * entry, in a deterministic order: inputs as given, folder entries by name (code units),
 * depth first. Never throws; unreadable paths come back as `failed`. A text source may be
 * read while the walk waits or after it moved on; each `batches()` call opens its own stream.
 */
export function findSources(inputs: string[], options?: ReadOptions): AsyncIterable<Found> {
  return walkInputs(inputs, resolveLimits(options));
}
