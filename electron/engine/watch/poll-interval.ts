/**
 * How often the polling mode looks at each file. Chokidar polls every file on its own
 * timer, so a fixed 100 ms asked for a million looks a second on 100,000 files: the first
 * scan of 30,000 files took 30 s instead of 10 s, and of 100,000 did not end. The interval
 * grows with the number of files so that a root costs about POLLS_PER_SECOND looks a
 * second, whatever its size; a small folder keeps the quick interval.
 */
import { opendir } from 'node:fs/promises';
import path from 'node:path';

/** Looks a second a polled root may ask for, about. */
export const POLLS_PER_SECOND = 5_000;
/** The longest interval: a change on a huge tree still shows within this. */
export const MAX_INTERVAL_MS = 30_000;

/** The interval for `files` files, at least `base` (the configured interval). */
export function intervalFor(files: number, base: number): number {
  const spread = Math.ceil((files / POLLS_PER_SECOND) * 1000);
  return Math.max(base, Math.min(MAX_INTERVAL_MS, spread));
}

/**
 * Counts the entries under `root` (files and folders, links not followed), stopping at
 * `cap`. A folder that cannot be read counts as empty: the walk that follows reports it.
 */
export async function countEntries(root: string, cap: number): Promise<number> {
  let count = 0;
  const folders = [root];
  while (folders.length > 0 && count < cap) {
    const folder = folders.pop()!;
    try {
      for await (const entry of await opendir(folder)) {
        count++;
        if (entry.isDirectory()) folders.push(path.join(folder, entry.name));
        if (count >= cap) break;
      }
    } catch {
      // Not a folder (a watched file), gone or unreadable: nothing to count here.
    }
  }
  return count;
}

/** The polling interval for a root: `base`, or longer for a large tree. */
export async function pollInterval(root: string, base: number): Promise<number> {
  const cap = Math.ceil((MAX_INTERVAL_MS / 1000) * POLLS_PER_SECOND);
  return intervalFor(await countEntries(root, cap), base);
}
