/**
 * Short words for an error, for callers that add their own context (a raw line that cannot
 * be shown, a folder that cannot be watched). Whole problem messages are built in
 * problems.ts.
 */
import { plainWords } from './problems.js';

/** The error in words: an OS error's cause (`permission denied (...)`), else its message. */
export function messageOf(err: unknown): string {
  return plainWords(err, 'read');
}

/** Why the OS refused, in plain words, for a folder being watched. */
export function osReason(err: unknown): string {
  return plainWords(err, 'watch');
}
