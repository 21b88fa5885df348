import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  rawLines,
  readFileFrom,
  ReadError,
  type LineBatch,
  type RawLine,
} from '../../electron/engine/read/index.js';
import { put, tempDir } from './helpers.js';

async function linesOf(iterable: AsyncIterable<LineBatch>): Promise<RawLine[]> {
  const out: RawLine[] = [];
  for await (const batch of iterable) out.push(...rawLines(batch));
  return out;
}

describe('readFileFrom', () => {
  it('holds back a last line without a newline and resumes where it starts', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'live.log'), 'one\r\ntwo\npar');
    const first = readFileFrom(file, 0, 'utf-8');
    expect(await linesOf(first)).toEqual([
      { no: 1, offset: 0, bytes: 3, text: 'one' },
      { no: 2, offset: 5, bytes: 3, text: 'two' },
    ]);
    expect(first.resume).toEqual({ offset: 9, line: 3 });

    await appendFile(file, 'tial\nfour\n');
    const second = readFileFrom(file, first.resume.offset, 'utf-8', {
      firstLine: first.resume.line,
    });
    expect(await linesOf(second)).toEqual([
      { no: 3, offset: 9, bytes: 7, text: 'partial' },
      { no: 4, offset: 17, bytes: 4, text: 'four' },
    ]);
    expect(second.resume).toEqual({ offset: 22, line: 5 });
  });

  it('skips the byte order mark when reading UTF-16 from the start', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'u.log'), Buffer.from('\uFEFFhola\r\n', 'utf16le'));
    const read = readFileFrom(file, 0, 'utf-16le-bom');
    expect(await linesOf(read)).toEqual([{ no: 1, offset: 2, bytes: 8, text: 'hola' }]);
    expect(read.resume).toEqual({ offset: 14, line: 2 });
  });

  it('tells where to resume when the caller stops after one batch', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'a.log'), 'a\nb\nc\n');
    const read = readFileFrom(file, 0, 'utf-8', { batchLines: 1 });
    for await (const batch of read) {
      expect(rawLines(batch).map((l) => l.text)).toEqual(['a']);
      break;
    }
    expect(read.resume).toEqual({ offset: 2, line: 2 });
  });

  it('throws a ReadError when the file became shorter than the resume offset', async () => {
    const dir = await tempDir();
    const file = await put(path.join(dir, 'a.log'), 'a long first line\n');
    await writeFile(file, 'new\n');
    await expect(linesOf(readFileFrom(file, 18, 'utf-8'))).rejects.toThrow(ReadError);
    await expect(linesOf(readFileFrom(file, 18, 'utf-8'))).rejects.toThrow(/truncated or replaced/);
  });
});
