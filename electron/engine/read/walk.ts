/** Walks input paths (files and folders, recursively) in a fixed order. */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { close, open, read, type Stats } from 'node:fs';
import path from 'node:path';
import { explore } from './blob.js';
import { SAMPLE_BYTES, type Limits } from './limits.js';
import { metadataFileReason, systemFolderReason } from './names.js';
import { BROKEN_LINK, cannotRead, codeOf, unreadable, type Doing } from './problems.js';
import { fileStream } from './streams.js';
import type { Found } from './types.js';

/** Plain code-unit order, the same on every machine and locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every input in the order given; folders depth-first, entries sorted by name. */
export async function* walkInputs(inputs: string[], limits: Limits): AsyncGenerator<Found> {
  // Real paths of folders already walked: a link back up the tree is not followed twice.
  const seen = new Set<string>();
  // An input is a path the user named; what lies below it was found.
  for (const input of inputs) yield* visit(input, seen, limits, 'open');
}

/**
 * Folder entries looked at before their turn: a stick holds thousands of small logs, and
 * waiting for each stat and read in turn left both threads idle most of the time.
 */
const LOOK_AHEAD = 16;

/** What a look at a path saw: its stat (or why not), and a small file's bytes. */
type Look = { error: unknown } | { info: Stats; at: number; bytes: Buffer | null };

/** Stats a path and reads it whole when it is a file no larger than a sniff sample. */
async function look(where: string): Promise<Look> {
  const at = Date.now();
  let info: Stats;
  try {
    // stat, not lstat: links to files and folders are followed.
    info = await stat(where);
  } catch (error) {
    return { error };
  }
  const small = info.isFile() && info.size <= SAMPLE_BYTES;
  return { info, at, bytes: small ? await readSmall(where, info.size) : null };
}

/**
 * A file of `size` bytes in one read; null when it cannot be read or no longer has that
 * size, and the streaming read, which says what went wrong, takes over.
 */
function readSmall(file: string, size: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    open(file, 'r', (openError, fd) => {
      if (openError) return resolve(null);
      // One byte more than expected tells a file that grew meanwhile. Not from the shared
      // pool: a watcher keeps small copies of every file's first bytes, and a pool block
      // holding one of them would keep these bytes alive with it.
      const buffer = Buffer.allocUnsafeSlow(size + 1);
      read(fd, buffer, 0, size + 1, 0, (readError, n) => {
        close(fd, () => resolve(readError || n !== size ? null : buffer.subarray(0, n)));
      });
    });
  });
}

async function* visit(
  where: string,
  seen: Set<string>,
  limits: Limits,
  doing: Doing = 'read',
  looked: Promise<Look> = look(where),
): AsyncGenerator<Found> {
  const seenThere = await looked;
  if ('error' in seenThere) {
    const reason = await statProblem(where, seenThere.error, doing);
    yield { type: 'failed', path: where, reason };
    return;
  }
  const { info, at, bytes } = seenThere;
  if (info.isDirectory()) {
    yield* folder(where, seen, limits);
  } else if (info.isFile()) {
    const blob = {
      path: where,
      container: 'plain' as const,
      depth: 0,
      file: where,
      size: info.size,
      // A small file gets buffers of its own size, not 1 MiB each (sticks hold thousands).
      open: async (limit?: number) => fileStream(where, limit, 0, info.size),
    };
    // A small file read whole is sniffed from those bytes, and split from them too unless
    // it changed by the time its lines are read.
    yield* explore(
      bytes === null ? blob : { ...blob, snapshot: { bytes, stats: info, at } },
      limits,
    );
  } else {
    // Reading a pipe or a device could block forever or never end.
    yield { type: 'skipped', path: where, reason: 'not a regular file (device, pipe or socket)' };
  }
}

async function* folder(where: string, seen: Set<string>, limits: Limits): AsyncGenerator<Found> {
  let names: { name: string; isDirectory: boolean }[];
  try {
    const real = await realpath(where);
    if (seen.has(real)) {
      const reason = 'folder already read (a link leads back to it)';
      yield { type: 'skipped', path: where, reason };
      return;
    }
    seen.add(real);
    const entries = await readdir(where, { withFileTypes: true });
    names = entries.map((e) => ({ name: e.name, isDirectory: e.isDirectory() }));
  } catch (error) {
    yield { type: 'failed', path: where, reason: cannotRead(where, error) };
    return;
  }
  names.sort((a, b) => byCodeUnit(a.name, b.name));
  const children = names.map(({ name, isDirectory }) => ({
    child: path.join(where, name),
    reason: isDirectory ? systemFolderReason(name) : metadataFileReason(name),
  }));
  // Looks started ahead, by child index; each child is still yielded in its turn.
  const looks = new Map<number, Promise<Look>>();
  let next = 0;
  for (let i = 0; i < children.length; i++) {
    for (; next < children.length && next <= i + LOOK_AHEAD; next++) {
      if (children[next]!.reason === null) looks.set(next, look(children[next]!.child));
    }
    const { child, reason } = children[i]!;
    if (reason !== null) yield { type: 'skipped', path: child, reason };
    else yield* visit(child, seen, limits, 'read', looks.get(i));
    looks.delete(i);
  }
}

/** Why a path cannot be looked at; a link to nothing is said as such, not as a pulled stick. */
async function statProblem(where: string, error: unknown, doing: Doing): Promise<string> {
  if (codeOf(error) === 'ENOENT') {
    const link = await lstat(where).then(
      (s) => s.isSymbolicLink(),
      () => false,
    );
    if (link) return unreadable(where, BROKEN_LINK);
  }
  return cannotRead(where, error, doing);
}
