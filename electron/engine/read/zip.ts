/** Lists a zip archive's entries with yauzl and hands each entry's bytes on to be sniffed. */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, Options, ZipFile } from 'yauzl';
import type { Blob, Explore } from './blob.js';
import type { Limits } from './limits.js';
import { entryName, isSymlinkEntry, metadataFileReason, systemFolderReason } from './names.js';
import { quoted, stopped, unreadable, zipCause } from './problems.js';
import type { Found } from './types.js';

/**
 * `decodeStrings: false` keeps yauzl from validating names (it refuses a whole archive over
 * one `../x` entry); names are decoded as labels in names.ts. `autoClose: false` because the
 * walk decides when the archive is done.
 */
const ZIP_OPTIONS: Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: true,
};

const STORED = 0;
const DEFLATED = 8;

/** Where the archive's bytes are: a file on disk, or a buffer for an archive in an archive. */
export type ZipBytes = { file: string } | { buffer: Buffer };

/** The archive's entries as Founds, in central directory order. */
export async function* walkZip(
  archive: Blob,
  bytes: ZipBytes,
  limits: Limits,
  explore: Explore,
): AsyncGenerator<Found> {
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    yield { type: 'failed', path: archive.path, reason: unreadable(archive.path, zipCause(error)) };
    return;
  }
  // Errors are taken from `nextEntry`; this keeps a stray late one from crashing the process.
  zip.on('error', () => {});
  try {
    if (zip.entryCount === 0) {
      yield { type: 'skipped', path: archive.path, reason: 'empty zip archive' };
      return;
    }
    const reportedFolders = new Set<string>();
    for (let listed = 0; ; listed++) {
      let entry: Entry | null;
      try {
        entry = await nextEntry(zip);
      } catch (error) {
        yield {
          type: 'failed',
          path: archive.path,
          reason: listingStopped(archive, listed, error),
        };
        return;
      }
      if (entry === null) return;
      yield* entryFounds(archive, zip, bytes, entry, reportedFolders, limits, explore);
    }
  } finally {
    // A buffer archive stays open so a source handed out earlier can still be read.
    if ('file' in bytes) zip.close();
  }
}

async function* entryFounds(
  archive: Blob,
  zip: ZipFile,
  bytes: ZipBytes,
  entry: Entry,
  reportedFolders: Set<string>,
  limits: Limits,
  explore: Explore,
): AsyncGenerator<Found> {
  const name = entryName(entry);
  if (name.endsWith('/')) {
    // A folder entry holds nothing; one that holds data is said, never dropped silently.
    if (entry.uncompressedSize > 0 || entry.compressedSize > 0) {
      const size = entry.uncompressedSize;
      const reason = `zip entry named like a folder but holding ${size} bytes; not read`;
      yield { type: 'skipped', path: `${archive.path}!/${name}`, reason };
    }
    return;
  }
  const segments = name.split('/');
  const path = `${archive.path}!/${name}`;
  const folderAt = segments.slice(0, -1).findIndex((s) => systemFolderReason(s) !== null);
  if (folderAt !== -1) {
    // One line for the whole folder, as on disk, not one per entry inside it.
    const folder = `${archive.path}!/${segments.slice(0, folderAt + 1).join('/')}`;
    if (!reportedFolders.has(folder)) {
      reportedFolders.add(folder);
      const reason = systemFolderReason(segments[folderAt]!)!;
      yield { type: 'skipped', path: folder, reason };
    }
    return;
  }
  const reason = entrySkipReason(entry, segments[segments.length - 1]!);
  if (reason !== null) {
    yield { type: 'skipped', path, reason };
    return;
  }
  const open = async (): Promise<Readable> => {
    if (zip.isOpen) return zip.openReadStreamPromise(entry);
    // The walk is past this archive and closed it: reopen it just for this entry.
    const again = await openZip(bytes);
    try {
      return await again.openReadStreamPromise(entry);
    } finally {
      again.close();
    }
  };
  yield* explore(
    { path, container: 'zip', depth: archive.depth + 1, declared: entry.uncompressedSize, open },
    limits,
  );
}

/** The message for an archive whose list of entries broke off after `listed` entries. */
function listingStopped(archive: Blob, listed: number, error: unknown): string {
  const what = `reading the zip archive ${quoted(archive.path)} stopped after ${listed} entries`;
  return stopped(what, 'The entries before it were read', zipCause(error));
}

/** Why an entry is not read, from its name and header alone, or null. */
function entrySkipReason(entry: Entry, baseName: string): string | null {
  const byName = metadataFileReason(baseName);
  if (byName !== null) return byName;
  if (entry.isEncrypted()) {
    return (
      'encrypted zip entry (password protected): extract it with its password and add the ' + 'file'
    );
  }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    return (
      `zip entry compressed with an unsupported method (${entry.compressionMethod}): ` +
      'extract it with another tool and add the file'
    );
  }
  if (isSymlinkEntry(entry)) return 'symbolic link stored in the archive';
  return null;
}

function openZip(bytes: ZipBytes): Promise<ZipFile> {
  return 'file' in bytes
    ? yauzl.openPromise(bytes.file, ZIP_OPTIONS)
    : yauzl.fromBufferPromise(bytes.buffer, ZIP_OPTIONS);
}

/** The next entry, or null at the end; rejects with yauzl's error for a damaged directory. */
function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry): void => {
      done();
      resolve(entry);
    };
    const onEnd = (): void => {
      done();
      resolve(null);
    };
    const onError = (error: unknown): void => {
      done();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}
