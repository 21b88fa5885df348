/** Reading what a plain log gained since the last read, as `lines` events. */
import type { Stats } from 'node:fs';
import { readFileFrom, ReadError } from '../read/index.js';
import { cannotRead } from '../read/problems.js';
import { statFile, type RootContext } from './context.js';
import { replacedReason, stampOf, type Tracked } from './tracked.js';

/**
 * Looks at a tailed file after a change: reads its new complete lines, or, when it was
 * truncated or replaced, leaves it to be read again from scratch once it settles.
 */
export async function tailStep(ctx: RootContext, t: Tracked, now: Stats): Promise<void> {
  let reason: string | null;
  try {
    reason = await replacedReason(t, stampOf(now));
  } catch (error) {
    await failed(ctx, t, error);
    return;
  }
  if (reason !== null) {
    ctx.rereadWhenSettled(t.file, reason);
    return;
  }
  t.stamp = stampOf(now);
  t.error = null;
  // Equal size: nothing new, or only more of a line still being written (held back anyway).
  if (now.size <= t.offset) return;
  t.activeAt = Date.now();
  await readGrowth(ctx, t, now.size);
  ctx.recheckLater(t.file);
}

/** Delivers the complete lines from `t.offset` to the file's end, moving the offset on. */
async function readGrowth(ctx: RootContext, t: Tracked, size: number): Promise<void> {
  const { maxLineBytes, batchLines } = ctx.read;
  const tail = readFileFrom(t.file, t.offset, t.encoding, {
    maxLineBytes,
    batchLines,
    firstLine: t.line,
  });
  try {
    for await (const batch of tail) {
      t.offset = tail.resume.offset;
      t.line = tail.resume.line;
      const bytesTotal = Math.max(size, t.offset);
      const event = { type: 'lines' as const, rootId: ctx.id, path: t.file, batch };
      // Leaving the loop closes the file; the offset already says where to go on.
      if (!(await ctx.deliver({ ...event, bytesRead: t.offset, bytesTotal }))) return;
    }
  } catch (error) {
    await failed(ctx, t, error);
  }
}

/**
 * Sorts out a failed look at a tailed file: vanished (quiet, its unlink event follows),
 * truncated or replaced under the reader (read again), or a real problem (an `error`).
 */
async function failed(ctx: RootContext, t: Tracked, error: unknown): Promise<void> {
  const now = await statFile(t.file);
  if (now === null) return;
  let reason: string | null = null;
  try {
    reason = await replacedReason(t, stampOf(now));
  } catch {
    // Still unreadable: report the first error below.
  }
  if (reason !== null) {
    ctx.rereadWhenSettled(t.file, reason);
    return;
  }
  // The sweep tries again: the watcher may not report the file becoming readable (a chmod).
  t.activeAt = Date.now();
  const why = error instanceof ReadError ? error.message : cannotRead(t.file, error, 'watch');
  if (why === t.error) return;
  t.error = why;
  await ctx.deliver({ type: 'error', rootId: ctx.id, path: t.file, reason: why });
}
