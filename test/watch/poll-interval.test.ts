/** The polling mode's interval grows with the tree, so a large root does not swamp the loop. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  countEntries,
  intervalFor,
  MAX_INTERVAL_MS,
  POLLS_PER_SECOND,
} from '../../electron/engine/watch/poll-interval.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the polling interval', () => {
  it('keeps the configured interval for a small folder', () => {
    expect(intervalFor(0, 100)).toBe(100);
    expect(intervalFor(400, 100)).toBe(100);
  });

  it('spreads a large tree so that it costs about the same looks a second', () => {
    expect(intervalFor(30_000, 100)).toBe((30_000 / POLLS_PER_SECOND) * 1000);
    expect(intervalFor(10_000_000, 100)).toBe(MAX_INTERVAL_MS);
    expect(intervalFor(30_000, 60_000)).toBe(60_000);
  });
});

describe('counting a tree', () => {
  function tree(): string {
    const root = mkdtempSync(join(tmpdir(), 'seclog-count-'));
    dirs.push(root);
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    for (const name of ['x.log', 'a/y.log', 'a/b/z.log', 'a/b/w.log']) {
      writeFileSync(join(root, name), 'line\n');
    }
    // A link back up is counted once, never followed.
    symlinkSync(root, join(root, 'a', 'up'));
    return root;
  }

  it('counts files and folders, nested, without following links', async () => {
    expect(await countEntries(tree(), 1000)).toBe(7);
  });

  it('stops at its cap', async () => {
    expect(await countEntries(tree(), 3)).toBe(3);
  });

  it('counts nothing under a file or a missing path', async () => {
    const root = tree();
    expect(await countEntries(join(root, 'x.log'), 1000)).toBe(0);
    expect(await countEntries(join(root, 'missing'), 1000)).toBe(0);
  });
});
