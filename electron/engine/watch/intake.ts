/** Turns what `findSources` yields into `found` events, remembering each file it came from. */
import { stat } from 'node:fs/promises';
import type { Found } from '../read/index.js';
import { SAMPLE_BYTES } from '../read/limits.js';
import { sniff } from '../read/sniff.js';
import { exists, statFile, type RootContext } from './context.js';
import { tailSource } from './tail-source.js';
import { tailStep } from './tailing.js';
import { HEAD_BYTES, readStart, stampOf, type Tracked } from './tracked.js';

/** The display path of a Found. */
export function pathOf(found: Found): string {
  return found.type === 'text' ? found.source.path : found.path;
}

/** One line of a file's outcome: what was found where, and why not read. */
export function outcomeLine(found: Found): string {
  const reason = found.type === 'text' ? '' : found.reason;
  return `${found.type}\u0000${pathOf(found)}\u0000${reason}\n`;
}

/**
 * Emits the Founds (of one file, or of a whole root walk) in the order given and tracks
 * the file each came from. A plain LF text file is handed out as a tail-backed source and
 * then read on to its current end. Returns false when the root stopped meanwhile.
 */
export async function intake(
  ctx: RootContext,
  founds: AsyncIterable<Found> | Iterable<Found>,
): Promise<boolean> {
  let group: string | null = null;
  let t: Tracked | null = null;
  for await (const found of founds) {
    if (ctx.stopped) return false;
    const where = pathOf(found);
    if (group === null || !(where === group || where.startsWith(`${group}!/`))) {
      const owner = await ownerOf(where);
      t = owner === null ? null : await track(ctx, owner);
      group = owner ?? where;
    }
    if (!(await emit(ctx, t, found, where))) return false;
  }
  return !ctx.stopped;
}

/**
 * The regular file a display path comes from: itself, or the archive before a `!/`.
 * Null for folders and for paths that no longer exist.
 */
async function ownerOf(where: string): Promise<string | null> {
  const info = await stat(where).catch(() => null);
  if (info !== null) return info.isFile() ? where : null;
  for (let i = where.indexOf('!/'); i !== -1; i = where.indexOf('!/', i + 2)) {
    const prefix = where.slice(0, i);
    if ((await statFile(prefix)) !== null) return prefix;
  }
  return null;
}

/** Starts remembering a file as it is now; null when it vanished already. */
async function track(ctx: RootContext, file: string): Promise<Tracked | null> {
  const now = await statFile(file);
  if (now === null) return null;
  const t: Tracked = {
    file,
    mode: 'inert',
    texts: [],
    paths: [],
    outcome: '',
    stamp: stampOf(now),
    encoding: 'utf-8',
    offset: 0,
    line: 1,
    head: Buffer.alloc(0),
    error: null,
    activeAt: Date.now(),
    reading: null,
  };
  ctx.files.set(file, t);
  return t;
}

async function emit(
  ctx: RootContext,
  t: Tracked | null,
  found: Found,
  where: string,
): Promise<boolean> {
  const event = { type: 'found' as const, rootId: ctx.id, found };
  if (t === null) {
    // Vanished between the walk and now: nothing to report, its unlink event follows.
    if (where !== ctx.path && !(await exists(where))) return true;
    return ctx.deliver(event);
  }
  t.paths.push(where);
  t.outcome += outcomeLine(found);
  if (found.type !== 'text') return ctx.deliver(event);
  t.texts.push(where);
  if (found.source.container !== 'plain' || !(await tailable(t, found.source.encoding))) {
    t.mode = 'whole';
    return ctx.deliver(event);
  }
  const tail = tailSource(t, {
    maxLineBytes: ctx.read.maxLineBytes,
    batchLines: ctx.read.batchLines,
  });
  const delivered = await ctx.deliver({ ...event, found: { type: 'text', source: tail.source } });
  tail.seal();
  if (t.reading !== null) await t.reading;
  if (!delivered) return false;
  // Lines the consumer did not read, and what was written meanwhile, come as `lines`.
  const now = await statFile(t.file);
  if (now !== null) await tailStep(ctx, t, now);
  return !ctx.stopped;
}

/**
 * Whether a plain text file can be read on from an offset: its lines end in LF (a file
 * with CR alone is read whole each time) and it still sniffs as the walk said.
 */
async function tailable(t: Tracked, encoding: Tracked['encoding']): Promise<boolean> {
  let head: Buffer;
  try {
    head = await readStart(t.file, SAMPLE_BYTES);
  } catch {
    return false;
  }
  const sniffed = sniff(head, head.length < SAMPLE_BYTES);
  if (sniffed.kind !== 'text' || sniffed.layout.newline !== 0x0a) return false;
  if (sniffed.layout.encoding !== encoding) return false;
  t.mode = 'tail';
  t.encoding = encoding;
  t.head = Buffer.from(head.subarray(0, HEAD_BYTES));
  return true;
}
