/** Turns OS, zlib and yauzl errors into the short what/why sentences users read. */
import { ReadError } from './types.js';

const OS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error (the drive may be failing or was unplugged)',
  ENXIO: 'the device is gone (was the drive unplugged?)',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EISDIR: 'it is a folder',
  EBUSY: 'the file is locked by another program',
  ENAMETOOLONG: 'the path is too long',
};

/** The error's code, when it has one. */
function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The error's message, whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why the OS refused, in plain words: `permission denied`. */
export function osReason(err: unknown): string {
  const code = codeOf(err);
  return (code !== undefined && OS_REASONS[code]) || messageOf(err);
}

/** The reason for a path that could not be opened: `cannot read: permission denied`. */
export function cannotRead(err: unknown): string {
  return `cannot read: ${osReason(err)}`;
}

/** Whether the error is one the OS raised about a path or a read. */
export function isOsError(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && code in OS_REASONS;
}

/**
 * What went wrong while reading bytes, in words. `wrapper` names the outermost container
 * so a cut stream is blamed on the right format.
 */
export function describeFailure(err: unknown, wrapper: 'plain' | 'gzip' | 'zip'): string {
  const code = codeOf(err);
  const message = messageOf(err);
  if (code === 'Z_BUF_ERROR' || message === 'unexpected end of file') {
    const what = wrapper === 'zip' ? 'compressed data' : 'gzip data';
    return `${what} ends early: the file is cut short`;
  }
  if (code !== undefined && code.startsWith('Z_')) return `compressed data is damaged (${message})`;
  // yauzl checks the inflated size against the entry's header.
  if (/bytes in the stream/.test(message)) {
    return `zip entry size does not match its header (${message})`;
  }
  if (isOsError(err)) return cannotRead(err);
  return `cannot read: ${message}`;
}

/** The `ReadError` for a stream of lines that stopped: what happened, and that lines stay valid. */
export function toReadError(err: unknown, wrapper: 'plain' | 'gzip' | 'zip'): ReadError {
  if (err instanceof ReadError) return err;
  return new ReadError(`${describeFailure(err, wrapper)}; lines before this point were read`);
}
