/**
 * A watched file deleted and replaced by a folder of the same name within a blink. Chokidar
 * then reports only a `change` for the path (no unlink, no addDir, nothing inside the folder),
 * natively and when polling; the reader must still mark the file gone and read the folder.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../read/zip-helper.js';
import { liveMirror, put, tempDir } from './helpers.js';

/** Deletes a file and makes a folder of its name holding files, with no pause between. */
function swapForFolder(where: string, files: Record<string, string>): void {
  rmSync(where);
  mkdirSync(where);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(where, name), text);
}

describe.each([
  { mode: 'native', poll: false },
  { mode: 'polling', poll: true },
])('LiveReader, a file swapped for a folder ($mode)', ({ poll }) => {
  it('marks the file gone, keeps its lines, reads the folder and watches inside it', async () => {
    const dir = await tempDir();
    const log = await put(path.join(dir, 'cam.log'), 'one\ntwo\n');
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.texts(log)).toEqual(['one', 'two']);

    swapForFolder(log, { 'inner.log': 'three\n' });
    const inner = path.join(log, 'inner.log');
    await mirror.until(
      'the file gone and the folder read',
      () => mirror.held.get(log)?.gone === true && mirror.texts(inner).length === 1,
    );
    expect(mirror.texts(log)).toEqual(['one', 'two']);
    expect(mirror.texts(inner)).toEqual(['three']);

    // The folder is watched now: growth and new files inside it are read.
    await appendFile(inner, 'four\n');
    const second = await put(path.join(log, 'second.log'), 'five\n');
    await mirror.until(
      'the growth and the new file',
      () => mirror.texts(inner).length === 2 && mirror.texts(second).length === 1,
    );
    expect(mirror.texts(inner)).toEqual(['three', 'four']);
    expect(mirror.texts(second)).toEqual(['five']);
    expect(mirror.of('gone', log)).toHaveLength(1);
    expect(mirror.problems).toEqual([]);
  });

  it('marks every entry of a zip gone when the zip becomes a folder', async () => {
    const dir = await tempDir();
    const zip = await put(
      path.join(dir, 'export.zip'),
      buildZip([
        { name: 'a.log', data: 'a\n' },
        { name: 'b.log', data: 'b\n' },
      ]),
    );
    const { reader, mirror } = liveMirror({ poll });
    await reader.add(dir);
    expect(mirror.texts(`${zip}!/a.log`)).toEqual(['a']);

    swapForFolder(zip, { 'c.log': 'c\n' });
    const inner = path.join(zip, 'c.log');
    await mirror.until(
      'the entries gone and the folder read',
      () => mirror.of('gone').length === 2 && mirror.texts(inner).length === 1,
    );
    expect(
      mirror
        .of('gone')
        .map((e) => e.path)
        .sort(),
    ).toEqual([`${zip}!/a.log`, `${zip}!/b.log`]);
    expect(mirror.texts(`${zip}!/b.log`)).toEqual(['b']);
    expect(mirror.problems).toEqual([]);
  });
});
