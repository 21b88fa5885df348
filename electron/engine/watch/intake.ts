/** Turns what `findSources` yields into `found` events, remembering each file it came from. */
import { stat } from 'node:fs/promises';
import type { FileSnapshot, Found } from '../read/index.js';
import { SAMPLE_BYTES } from '../read/limits.js';
import { sniff } from '../read/sniff.js';
import { exists, statFile, type RootContext } from './context.js';
import { tailSource } from './tail-source.js';
import { tailStep } from './tailing.js';
import { HEAD_BYTES, readInFull, readStart, settledAt, stampOf, type Tracked } from './tracked.js';

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
      // A small file the walk read whole comes with its stat: no need to look again.
      const snapshot = found.type === 'text' ? found.source.snapshot : undefined;
      const owner: string | null = snapshot !== undefined ? where : await ownerOf(where);
      t = owner === null ? null : await track(ctx, owner, snapshot);
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

/**
 * Starts remembering a file as it is now (or as the walk saw it when it read it whole);
 * null when it vanished already.
 */
async function track(
  ctx: RootContext,
  file: string,
  snapshot?: FileSnapshot,
): Promise<Tracked | null> {
  const at = snapshot?.at ?? Date.now();
  const now = snapshot?.stats ?? (await statFile(file));
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
    // Only a file being written to may have changes the watcher misses (see `sweep`); one
    // left alone for a while enters the sweep once it grows.
    activeAt: settledAt(now, at) ? 0 : Date.now(),
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
  const snapshot = found.source.snapshot;
  if (found.source.container !== 'plain' || !(await tailable(t, found.source.encoding, snapshot))) {
    t.mode = 'whole';
    return ctx.deliver(event);
  }
  const options = { maxLineBytes: ctx.read.maxLineBytes, batchLines: ctx.read.batchLines };
  const tail = tailSource(t, options, snapshot?.bytes);
  const delivered = await ctx.deliver({ ...event, found: { type: 'text', source: tail.source } });
  tail.seal();
  if (t.reading !== null) await t.reading;
  if (!delivered) return false;
  if (snapshot !== undefined && readInFull(snapshot, t.offset)) return !ctx.stopped;
  // Lines the consumer did not read, and what was written meanwhile, come as `lines`.
  const now = await statFile(t.file);
  if (now !== null) await tailStep(ctx, t, now);
  return !ctx.stopped;
}

/**
 * Whether a plain text file can be read on from an offset: its lines end in LF (a file
 * with CR alone is read whole each time) and it still sniffs as the walk said. A small file
 * the walk read whole is sniffed from those bytes, which its first lines come from too.
 */
async function tailable(
  t: Tracked,
  encoding: Tracked['encoding'],
  snapshot: FileSnapshot | undefined,
): Promise<boolean> {
  let head: Buffer;
  try {
    head = snapshot?.bytes ?? (await readStart(t.file, SAMPLE_BYTES));
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
