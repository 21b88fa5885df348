/** Names that hold no logs (system folders, macOS metadata), and zip entry names as labels. */
import yauzl from 'yauzl';
import type { Entry } from 'yauzl';

/** Folders operating systems create on removable drives, keyed in lower case. */
const SYSTEM_FOLDERS: Record<string, string> = {
  'system volume information': 'Windows system data',
  '$recycle.bin': 'Windows recycle bin',
  recycler: 'Windows recycle bin',
  '.trashes': 'macOS trash',
  '.spotlight-v100': 'macOS search index',
  '.fseventsd': 'macOS file change journal',
  '.temporaryitems': 'macOS temporary items',
  '.documentrevisions-v100': 'macOS document versions',
  __macosx: 'macOS metadata from a zip made on a Mac',
};

/** Why a folder of this name is not read, or null. Windows names compare case-blind. */
export function systemFolderReason(name: string): string | null {
  const what = SYSTEM_FOLDERS[name.toLowerCase()];
  return what === undefined ? null : `system folder (${what}), holds no logs`;
}

/** Why a file of this name is not read, or null. */
export function metadataFileReason(name: string): string | null {
  if (name.startsWith('._') && name.length > 2) {
    return 'macOS metadata file (AppleDouble "._" companion of another file)';
  }
  if (name === '.DS_Store') return 'macOS folder settings file (.DS_Store)';
  return null;
}

/** Control characters would break the one-line display of a label. */
const CONTROLS = /\p{Cc}/gu;

/**
 * An entry's name as a label: UTF-8 when the archive says so (flag bit 11 or the Info-ZIP
 * Unicode path field), else CP437; backslashes as slashes. Never validated as a path,
 * because it is never used as one: that is what lets `../../x` be listed instead of
 * making yauzl refuse the whole archive.
 */
export function entryName(entry: Entry): string {
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    false,
  );
  return name.replace(CONTROLS, '\uFFFD');
}

const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Whether a zip entry stores a Unix symbolic link (its data is the link's target). */
export function isSymlinkEntry(entry: Entry): boolean {
  return (
    entry.versionMadeBy >> 8 === UNIX &&
    ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK
  );
}
