/**
 * Live watching: turns watched folders (a USB stick being copied onto, a syslog file that
 * grows) into source-level events the engine consumes. types.ts states the counting contract.
 *
 * How it works, and why:
 * - One chokidar watcher per root, started before the initial scan (`findSources` on the
 *   root, so order and skip rules match a one-off read); events before it is ready are
 *   dropped because the scan sees the current state anyway.
 * - All work (scans, reads, deliveries) runs on one queue per reader, one job at a time, so
 *   the lines of a file arrive in order and the consumer gets one event at a time. A file's
 *   pending check is queued once; an append during a read is picked up by the next check.
 * - A plain LF text file is "tailed": its first `found` carries a source backed by the same
 *   tail reader (`readFileFrom`) that later reads growth, so the watcher knows exactly where
 *   the consumer's read stopped; a partial last line is held back until its newline comes.
 *   A small file (up to a sniff sample) comes from the walk read whole with its stat: it is
 *   tracked, sniffed and tailed from those bytes (`readBytesFrom`) without opening it again.
 *   When all of it was counted and it had been left alone for a while before the walk looked,
 *   it is not looked at again: any write since moves its times, and the watcher, ready
 *   before the walk, reports that as a change. Any other file gets a second look at once.
 * - Gzip, zip and CR-only text files are read whole again after any change (`reset`, then
 *   `found`), as are truncated or replaced tailed files (new inode or birth time, smaller
 *   than the offset, or different first bytes).
 * - New and changed-whole files are read once their size and time held still for `settleMs`
 *   (our own polling, not chokidar's awaitWriteFinish, which would also hold the `change`
 *   events of a log that never pauses).
 * - Chokidar drops events that come within a few milliseconds of another on the same file
 *   when its look in between saw no new modification time. So a tailed file is looked at
 *   again `settleMs` after each read, and recently active tailed files (grown, failed, or
 *   being written to when found) are swept every few seconds; the root's existence is
 *   checked on a timer too, as its own removal is not always reported.
 * - A file deleted and replaced by a folder of its name within a few milliseconds comes from
 *   chokidar as a mere `change` of the path, which it goes on watching as a file. A change
 *   that finds a folder marks the file's sources gone, has the path watched again as a
 *   folder and reads what the folder holds.
 */
export { LiveReader } from './live-reader.js';
export type { LiveEvent, LiveEventType, LiveOptions, RootHandle, RootOptions } from './types.js';
