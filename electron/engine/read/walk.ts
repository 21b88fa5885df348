/** Walks input paths (files and folders, recursively) in a fixed order. */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { explore } from './blob.js';
import type { Limits } from './limits.js';
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

async function* visit(
  where: string,
  seen: Set<string>,
  limits: Limits,
  doing: Doing = 'read',
): AsyncGenerator<Found> {
  let info: Stats;
  try {
    // stat, not lstat: links to files and folders are followed.
    info = await stat(where);
  } catch (error) {
    yield { type: 'failed', path: where, reason: await statProblem(where, error, doing) };
    return;
  }
  if (info.isDirectory()) {
    yield* folder(where, seen, limits);
  } else if (info.isFile()) {
    const blob = {
      path: where,
      container: 'plain' as const,
      depth: 0,
      file: where,
      // A small file gets buffers of its own size, not 1 MiB each (sticks hold thousands).
      open: async (limit?: number) => fileStream(where, limit, 0, info.size),
    };
    yield* explore(blob, limits);
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
  for (const { name, isDirectory } of names) {
    const child = path.join(where, name);
    const reason = isDirectory ? systemFolderReason(name) : metadataFileReason(name);
    if (reason !== null) yield { type: 'skipped', path: child, reason };
    else yield* visit(child, seen, limits);
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
