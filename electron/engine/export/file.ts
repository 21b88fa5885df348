/** Writing an export beside its destination and moving it into place only when complete. */
import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import type { WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { cannotWrite } from '../read/problems.js';

/** The export file could not be written; the message says why, where and what to do. */
export class ExportError extends Error {
  override name = 'ExportError';
}

/** The ExportError for a file-system failure while writing `out`. */
function writeFailed(out: string, err: unknown): ExportError {
  return new ExportError(cannotWrite(out, err), { cause: err });
}

/** Where an export is written until it is complete. */
export function partialPath(out: string): string {
  return `${out}.partial`;
}

/** Text chunks appended to the file being written; resolves when the file can take more. */
export type Put = (chunk: string | Uint8Array) => Promise<void>;

/**
 * Writes `out` through `fill`: first as `out.partial`, renamed to `out` once `fill` and the
 * writes succeed, removed when anything fails, so a failed export leaves no half file.
 * Backpressure is respected: `put` waits for the stream to drain. Answers the bytes written.
 * A file-system failure rejects with an ExportError naming `out`; what `fill` throws itself
 * passes through.
 */
export async function writeAtomically(
  out: string,
  fill: (put: Put) => Promise<void>,
): Promise<number> {
  const partial = partialPath(out);
  // Opening first makes a bad destination fail here, before any page is fetched.
  const handle = await open(partial, 'w').catch((err: unknown) => {
    throw writeFailed(out, err);
  });
  const stream: WriteStream = handle.createWriteStream(); // closes the handle when it ends
  let failure: Error | null = null;
  stream.on('error', (err) => (failure ??= err));
  let bytes = 0;
  const put: Put = async (chunk) => {
    if (failure) throw failure;
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    // Wait for the drain: the next page is fetched only once this one is on its way out.
    if (!stream.write(chunk)) await once(stream, 'drain');
    if (failure) throw failure;
  };
  let filled = false;
  try {
    await fill(put);
    filled = true;
    stream.end();
    await finished(stream);
    if (failure) throw failure;
    await rename(partial, out);
    return bytes;
  } catch (err) {
    stream.destroy();
    await finished(stream).catch(() => undefined); // the handle must be closed before removal
    await rm(partial, { force: true });
    // After `fill`, or the stream's own error: the file system refused.
    throw filled || err === failure ? writeFailed(out, err) : err;
  }
}
