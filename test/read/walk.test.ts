import { chmod, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSources, ReadError } from '../../electron/engine/read/index.js';
import { put, readAll, tempDir } from './helpers.js';

const isRoot = process.getuid?.() === 0;

describe('walking inputs', () => {
  it('joins the input as typed with the path inside it', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'stick', 'cam1', 'log.txt'), 'x\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const reads = await readAll(['stick', './stick/cam1/log.txt']);
      expect(reads.map((r) => r.path)).toEqual([
        path.join('stick', 'cam1', 'log.txt'),
        './stick/cam1/log.txt',
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('visits inputs in the order given and folder entries by code unit', async () => {
    const dir = await tempDir();
    const names = ['b.log', 'B.log', 'a.log', '_x.log', 'á.log', 'a0.log', 'a', 'Z'];
    for (const n of names)
      await put(path.join(dir, 'one', n === 'a' || n === 'Z' ? `${n}/in.log` : n), 'x\n');
    await put(path.join(dir, 'two.log'), 'x\n');
    const inputs = [path.join(dir, 'two.log'), path.join(dir, 'one')];
    const first = (await readAll(inputs)).map((r) => path.relative(dir, r.path));
    expect(first).toEqual([
      'two.log',
      'one/B.log',
      'one/Z/in.log',
      'one/_x.log',
      'one/a/in.log',
      'one/a.log',
      'one/a0.log',
      'one/b.log',
      'one/á.log',
    ]);
    const second = (await readAll(inputs)).map((r) => path.relative(dir, r.path));
    expect(second).toEqual(first);
  });

  it('fails a missing input with the reason and goes on', async () => {
    const dir = await tempDir();
    const there = await put(path.join(dir, 'there.log'), 'x\n');
    const missing = path.join(dir, 'missing');
    const reads = await readAll([missing, there]);
    expect(reads[0]).toEqual({
      type: 'failed',
      path: missing,
      reason:
        `cannot read '${missing}': no such file or folder. Check the path; if it is on a USB ` +
        'stick, check that the stick is plugged in.',
    });
    expect(reads[1]).toMatchObject({ type: 'text', path: there });
  });

  it('fails a broken symbolic link and goes on', async () => {
    const dir = await tempDir();
    await symlink(path.join(dir, 'nowhere'), path.join(dir, 'a-link'));
    await put(path.join(dir, 'b.log'), 'x\n');
    const reads = await readAll([dir]);
    expect(reads.map((r) => [r.type, path.basename(r.path)])).toEqual([
      ['failed', 'a-link'],
      ['text', 'b.log'],
    ]);
  });

  it.skipIf(isRoot)('fails a folder it may not read with "permission denied"', async () => {
    const dir = await tempDir();
    const locked = path.join(dir, 'locked');
    await put(path.join(locked, 'x.log'), 'x\n');
    await chmod(locked, 0o000);
    try {
      const reads = await readAll([dir]);
      expect(reads).toEqual([
        {
          type: 'failed',
          path: locked,
          reason:
            `cannot read '${locked}': permission denied (this user account may not open it). ` +
            "Check the file's permissions, or copy the export to this computer and add the copy.",
        },
      ]);
    } finally {
      await chmod(locked, 0o755);
    }
  });

  it('follows links to files and folders but reads a linked loop once', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'logs', 'a.log'), 'x\n');
    await symlink(path.join(dir, 'logs', 'a.log'), path.join(dir, 'logs', 'b-link.log'));
    await symlink(dir, path.join(dir, 'logs', 'c-loop'));
    const reads = await readAll([dir]);
    expect(reads.map((r) => [r.type, path.relative(dir, r.path), r.reason])).toEqual([
      ['text', 'logs/a.log', undefined],
      ['text', 'logs/b-link.log', undefined],
      ['skipped', 'logs/c-loop', 'folder already read (a link leads back to it)'],
    ]);
  });

  it('throws a ReadError from batches when the file vanished after it was found', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'a.log'), 'x\n');
    for await (const found of findSources([file])) {
      if (found.type !== 'text') throw new Error('expected text');
      await rm(file);
      const read = async (): Promise<void> => {
        for await (const _batch of found.source.batches()) void _batch;
      };
      await expect(read()).rejects.toThrow(ReadError);
      await expect(read()).rejects.toThrow(
        `cannot read '${file}': it is no longer there (it was deleted, or the stick was pulled)`,
      );
    }
  });
});
