/**
 * The words of every problem a technician must act on: what happened, why (an OS error code,
 * a cut gzip, a damaged zip, in plain words), where (the path as given, and a line number
 * when there is one) and what to do. Every reader, the watcher, the exports and the CLI build
 * their messages here, so the same fault reads the same wherever it shows.
 */
import { ReadError } from './types.js';

/** What seclog was doing when the fault came: the advice depends on it. */
export type Doing =
  /** Reading a file or archive entry found under the inputs. */
  | 'read'
  /** Opening a path the user named (a command-line argument, a rule list). */
  | 'open'
  /** Reading a file under a folder being watched. */
  | 'watch'
  /** Writing a file the user asked for (an export). */
  | 'write';

/** Why it happened and what to do about it, each as a clause without a final period. */
export interface Cause {
  why: string;
  fix: string;
}

type Words = Partial<Record<Doing, Partial<Cause>>> & { any: Cause };

const DENIED: Words = {
  any: {
    why: 'permission denied (this user account may not open it)',
    fix: "Check the file's permissions, or copy the export to this computer and add the copy",
  },
  watch: {
    fix:
      "Check the file's permissions (seclog tries again while it watches), or copy the " +
      'export to this computer and add the copy',
  },
  write: {
    why: 'permission denied (this user account may not write there)',
    fix: 'Choose a folder you may write to, such as your Documents folder',
  },
};

const PULLED: Cause = {
  why: 'the device is gone (the stick may have been pulled)',
  fix: 'Plug the stick back in and read the folder again; the events already read are kept',
};

const TOO_MANY_OPEN: Words = {
  any: {
    why: 'too many files are open at once on this computer',
    fix: 'Close other programs and try again',
  },
};

/** OS error codes in words, with the advice for each kind of work. */
const OS_WORDS: Record<string, Words> = {
  EACCES: DENIED,
  EPERM: DENIED,
  ENOENT: {
    any: {
      why: 'it is no longer there (it was deleted, or the stick was pulled)',
      fix: PULLED.fix,
    },
    open: {
      why: 'no such file or folder',
      fix: 'Check the path; if it is on a USB stick, check that the stick is plugged in',
    },
    write: {
      why: 'the folder to write into does not exist',
      fix: 'Choose a folder that exists',
    },
  },
  ENOTDIR: {
    any: { why: 'a part of the path is a file, not a folder', fix: 'Check the path' },
  },
  EISDIR: {
    any: {
      why: 'it is a folder where a file was expected',
      fix: 'Name a file inside the folder instead',
    },
    write: { fix: 'Give a file name for the export, not a folder' },
  },
  ELOOP: {
    any: {
      why: 'its symbolic links lead round in a circle',
      fix: 'Remove the looping link, or add the folder it should point to',
    },
  },
  EIO: {
    any: {
      why: 'input/output error: the drive could not be read (it may be failing or was unplugged)',
      fix: 'Plug the stick back in, or copy the export to this computer and add the copy',
    },
    write: {
      why: 'input/output error: the drive could not be written',
      fix: 'Choose a folder on another drive',
    },
  },
  ENXIO: { any: PULLED },
  ENODEV: { any: PULLED },
  EMFILE: TOO_MANY_OPEN,
  ENFILE: TOO_MANY_OPEN,
  EBUSY: {
    any: { why: 'the file is locked by another program', fix: 'Close that program and try again' },
  },
  ENAMETOOLONG: {
    any: {
      why: 'the path is too long for this system',
      fix: 'Move the export to a folder with a shorter path',
    },
  },
  ENOSPC: {
    any: { why: 'the drive is full', fix: 'Free some space and try again' },
    write: { fix: 'Free some space, or choose a folder on another drive' },
  },
  EROFS: {
    any: {
      why: 'the drive is read-only',
      fix: 'Choose a folder on another drive',
    },
  },
};

/** What to do when the cause is not one of the known codes. */
const GENERIC_FIX: Record<Doing, string> = {
  read: 'Copy the export to this computer and add the copy',
  open: 'Check the path and try again',
  watch: 'Remove the folder and add it again',
  write: 'Choose another folder and try again',
};

/** The error's code, when it has one. */
export function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The error's own message, whatever was thrown. */
export function rawMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Whether the error is one the OS raised about a path or a read, with words for it. */
export function isOsError(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && Object.hasOwn(OS_WORDS, code);
}

/**
 * Why and what to do for any error: known OS codes in words, anything else as its own
 * message (Node's text for an unknown code still names the code and the path it was given).
 */
export function osCause(err: unknown, doing: Doing): Cause {
  const code = codeOf(err);
  const words = code !== undefined && Object.hasOwn(OS_WORDS, code) ? OS_WORDS[code] : undefined;
  if (words === undefined) return { why: rawMessage(err), fix: GENERIC_FIX[doing] };
  return { ...words.any, ...words[doing] };
}

/** An error in words without advice: the OS cause for OS errors, else its message. */
export function plainWords(err: unknown, doing: Doing = 'read'): string {
  return isOsError(err) ? osCause(err, doing).why : rawMessage(err);
}

/** `what: why. Fix.`, the shape of every problem message. */
export function sentence(what: string, cause: Cause): string {
  return `${what}: ${cause.why}. ${cause.fix}.`;
}

/** A path shown in a message: quoted, and on one line whatever it holds. */
export function quoted(where: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return `'${where.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD')}'`;
}

/** A path that could not be read, for a cause already in words. */
export function unreadable(where: string, cause: Cause): string {
  return sentence(`cannot read ${quoted(where)}`, cause);
}

/** A path that could not be opened or listed. */
export function cannotRead(where: string, err: unknown, doing: Doing = 'read'): string {
  return unreadable(where, osCause(err, doing));
}

/** A symbolic link whose target is missing. */
export const BROKEN_LINK: Cause = {
  why: 'it is a symbolic link to something that is not there',
  fix: 'Add the file or folder it points to, or remove the link',
};

/** A folder the watcher could not watch (a chokidar error). */
export function cannotWatch(where: string, err: unknown): string {
  const cause =
    codeOf(err) === 'ENOSPC'
      ? {
          why: "the system's limit on watched files is reached",
          fix:
            'Watch by polling instead (seclog serve --poll), or raise the limit ' +
            '(fs.inotify.max_user_watches)',
        }
      : osCause(err, 'watch');
  return sentence(`cannot watch ${quoted(where)}`, cause);
}

/** A file that could not be written. */
export function cannotWrite(where: string, err: unknown): string {
  return sentence(`cannot write ${quoted(where)}`, osCause(err, 'write'));
}

/** Advice for a file or archive that arrived damaged. */
const COPY_AGAIN = 'Copy the file from the camera or NVR again, or export the log again';

/** How the bytes were wrapped, which decides what a cut stream is blamed on. */
export type Wrapper = 'plain' | 'gzip' | 'zip';

/** Why a stream of bytes failed: a cut or damaged gzip, a damaged zip entry, or the OS. */
export function streamCause(err: unknown, wrapper: Wrapper, doing: Doing = 'read'): Cause {
  const code = codeOf(err);
  const message = rawMessage(err);
  if (code === 'Z_BUF_ERROR' || message === 'unexpected end of file') {
    const what = wrapper === 'zip' ? 'the compressed data' : 'the gzip data';
    return {
      why: `${what} ends early, so the file was cut short (an interrupted copy or download)`,
      fix: COPY_AGAIN,
    };
  }
  if (code !== undefined && code.startsWith('Z_')) {
    return { why: `the compressed data is damaged (${message})`, fix: COPY_AGAIN };
  }
  // yauzl checks the inflated size against the entry's header.
  if (/bytes in the stream/.test(message)) {
    return {
      why:
        'the zip archive is damaged: an entry holds another size than its header says ' +
        `(${message})`,
      fix: COPY_AGAIN,
    };
  }
  return osCause(err, doing);
}

/** Why a zip archive could not be opened or listed, from yauzl's error. */
export function zipCause(err: unknown): Cause {
  if (isOsError(err)) return osCause(err, 'read');
  const message = rawMessage(err);
  if (/end of central directory record signature not found/i.test(message)) {
    return {
      why: 'the zip archive is damaged: its end is missing, so it was probably cut short',
      fix: COPY_AGAIN,
    };
  }
  if (/multi-disk/i.test(message)) {
    return {
      why: 'it is one part of a split zip archive, which seclog cannot open',
      fix: 'Join the parts into one archive, or extract them, and add the result',
    };
  }
  return { why: `the zip archive is damaged (${message})`, fix: COPY_AGAIN };
}

/** Why a read stopped at the cap on decompressed bytes. */
export function capCause(cap: string): Cause {
  return {
    why:
      `it holds more than ${cap} once decompressed, over the size cap that guards against ` +
      'zip bombs',
    // Plain files are read whole whatever their size.
    fix:
      'If the log really is that large, decompress it with another tool and add the plain ' +
      'file',
  };
}

/**
 * Work that stopped part way: `what` says where it stopped, `kept` what was read before it
 * (which stays), then the cause and what to do.
 */
export function stopped(what: string, kept: string, cause: Cause): string {
  const fix = cause.fix.charAt(0).toLowerCase() + cause.fix.slice(1);
  return `${what}: ${cause.why}. ${kept}; ${fix}.`;
}

/** A read that stopped at a line: the lines before it stay. */
export function stoppedAt(where: string, line: number, cause: Cause): string {
  return stopped(
    `reading ${quoted(where)} stopped at line ${line}`,
    'The lines before it were kept',
    cause,
  );
}

/**
 * The `ReadError` for a stream of lines that failed: `cannot read` when no byte came, else
 * the line it stopped at. A `ReadError` already worded passes through.
 */
export function readError(
  err: unknown,
  where: string,
  at: { line: number; bytes: number },
  wrapper: Wrapper,
  doing: Doing = 'read',
): ReadError {
  if (err instanceof ReadError) return err;
  const cause = streamCause(err, wrapper, doing);
  const message = at.bytes === 0 ? unreadable(where, cause) : stoppedAt(where, at.line, cause);
  return new ReadError(message, { cause: err });
}
