/** The work done for each file system event: look, read on, read again, or say it is gone. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cannotWatch } from '../read/problems.js';
import { findSources, type Found } from '../read/index.js';
import { metadataFileReason } from '../read/names.js';
import { exists, statFile, type RootContext } from './context.js';
import { intake, outcomeLine, pathOf } from './intake.js';
import { tailStep } from './tailing.js';
import { changed, stampOf, type Tracked } from './tracked.js';

/** Reset reason when a file read whole changed. */
const CHANGED = 'the file changed: it is read again';

/** After an add or change event: read what is new, or arrange a full read once settled. */
export async function fileChanged(ctx: RootContext, file: string): Promise<void> {
  if (ctx.rereadPending(file)) return;
  const now = await statFile(file);
  if (now === null) return folderInPlace(ctx, file);
  const t = ctx.files.get(file);
  if (t === undefined) ctx.rereadWhenSettled(file);
  else if (t.mode === 'tail') await tailStep(ctx, t, now);
  else if (changed(t.stamp, stampOf(now))) ctx.rereadWhenSettled(file, CHANGED);
}

/**
 * Reads a file from scratch: resets what was stored from it, emits what it holds now, and
 * marks sources it no longer holds (zip entries) as gone. A skipped or failed file that is
 * still skipped or failed for the same reasons stays quiet.
 */
export async function reread(ctx: RootContext, file: string, reason = CHANGED): Promise<void> {
  const now = await statFile(file);
  if (now === null) return;
  const old = ctx.files.get(file);
  const founds: Found[] = [];
  // The walk applies name rules to folder entries only; a file seen alone needs them too.
  const skip = metadataFileReason(path.basename(file));
  if (skip !== null) founds.push({ type: 'skipped', path: file, reason: skip });
  else for await (const found of findSources([file], ctx.read)) founds.push(found);
  if (old !== undefined && old.texts.length === 0) {
    const outcome = founds.map(outcomeLine).join('');
    if (outcome === old.outcome && !founds.some((f) => f.type === 'text')) {
      old.stamp = stampOf(now);
      return;
    }
  }
  if (old !== undefined) {
    for (const where of old.texts) {
      if (!(await ctx.deliver({ type: 'reset', rootId: ctx.id, path: where, reason }))) return;
    }
    ctx.files.delete(file);
  }
  if (!(await intake(ctx, founds))) return;
  const kept = new Set(ctx.files.get(file)?.paths ?? []);
  for (const where of old?.paths ?? []) {
    if (kept.has(where)) continue;
    if (!(await ctx.deliver({ type: 'gone', rootId: ctx.id, path: where }))) return;
  }
}

/** How long a tailed file stays in the sweep after it last grew or failed. */
const ACTIVE_MS = 10 * 60_000;

/**
 * Looks at recently active tailed files whether they changed without an event. Chokidar
 * drops events that come within a few milliseconds of another on the same file (a chmod
 * and a write, two quick appends) when its look in between saw no new modification time.
 */
export async function sweep(ctx: RootContext): Promise<void> {
  const since = Date.now() - ACTIVE_MS;
  for (const t of [...ctx.files.values()]) {
    if (ctx.stopped) return;
    if (t.mode !== 'tail' || t.activeAt < since || ctx.files.get(t.file) !== t) continue;
    const now = await statFile(t.file);
    if (now === null) continue;
    const moved = now.size !== t.stamp.size || now.mtimeMs !== t.stamp.mtimeMs;
    if (moved || t.error !== null) await fileChanged(ctx, t.file);
  }
}

/**
 * A change for a path that is a folder now: a watched file was deleted and a folder of the
 * same name made within a few milliseconds. Chokidar then reports only a `change` for the
 * path (no unlink, no addDir) and goes on watching it as the file, so nothing inside the
 * folder would be reported. The file's sources are gone; the folder is watched afresh and
 * read like a new folder. Quiet when the path is no folder (it vanished: unlink follows).
 */
async function folderInPlace(ctx: RootContext, dir: string): Promise<void> {
  if (!(await isFolder(dir))) return;
  const t = ctx.files.get(dir);
  if (t !== undefined && !(await forget(ctx, t))) return;
  ctx.watchAsFolder(dir);
  // Chokidar sets up the folder's watch in the background; files made before it watches
  // are found by this walk or, should they come later than it, by one more look.
  if (t !== undefined) ctx.recheckLater(dir);
  await intake(ctx, untracked(ctx, findSources([dir], ctx.read)));
}

/** The Founds of sources not read yet: a second walk of a folder must not find them twice. */
async function* untracked(ctx: RootContext, founds: AsyncIterable<Found>): AsyncIterable<Found> {
  const known = new Set([...ctx.files.values()].flatMap((t) => t.paths));
  for await (const found of founds) if (!known.has(pathOf(found))) yield found;
}

async function isFolder(where: string): Promise<boolean> {
  return stat(where).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** After an unlink event: the file's sources are gone, unless it is back already. */
export async function fileUnlinked(ctx: RootContext, file: string): Promise<void> {
  const t = ctx.files.get(file);
  if (t !== undefined) {
    if ((await statFile(file)) !== null) {
      // Deleted and written again in a blink (an editor's atomic save, a rotation).
      await fileChanged(ctx, file);
      return;
    }
    if (!(await forget(ctx, t))) return;
  }
  await rootCheck(ctx);
}

/** After an unlinkDir event: every file under the folder that is missing is gone. */
export async function folderUnlinked(ctx: RootContext, dir: string): Promise<void> {
  const prefix = dir + path.sep;
  for (const [file, t] of [...ctx.files]) {
    if (!file.startsWith(prefix) || (await exists(file))) continue;
    if (!(await forget(ctx, t))) return;
  }
  await rootCheck(ctx);
}

/** After a watcher error: report it, and notice when the root itself went away. */
export async function watchFailed(ctx: RootContext, error: unknown): Promise<void> {
  const where = (error as { path?: unknown } | null)?.path;
  const at = typeof where === 'string' ? where : ctx.path;
  const reason = cannotWatch(at, error);
  if (!(await ctx.deliver({ type: 'error', rootId: ctx.id, path: at, reason }))) return;
  await rootCheck(ctx);
}

/**
 * Ends the root when it no longer exists. Chokidar does not always report the watched
 * folder itself going (the folder's own watch may die first), so this also runs on a timer.
 */
export async function rootCheck(ctx: RootContext): Promise<void> {
  if (!ctx.stopped && !(await exists(ctx.path))) await rootGone(ctx);
}

/** Emits `gone` for each source of a file and stops tracking it. */
async function forget(ctx: RootContext, t: Tracked): Promise<boolean> {
  ctx.files.delete(t.file);
  for (const where of t.paths) {
    if (!(await ctx.deliver({ type: 'gone', rootId: ctx.id, path: where }))) return false;
  }
  return true;
}

/** The root disappeared (a stick pulled): every source is gone, then the root. */
async function rootGone(ctx: RootContext): Promise<void> {
  for (const t of [...ctx.files.values()]) if (!(await forget(ctx, t))) return;
  await ctx.deliver({ type: 'root-gone', rootId: ctx.id });
  await ctx.stop();
}
