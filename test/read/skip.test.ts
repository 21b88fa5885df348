import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../electron/engine/read/sniff.js';
import { put, readAll, tempDir } from './helpers.js';

const hex = (h: string): Buffer => Buffer.from(h.replace(/ /g, ''), 'hex');
const withTail = (head: Buffer): Buffer => Buffer.concat([head, Buffer.alloc(64, 0x00)]);

describe('things that are no log', () => {
  it('skips an empty file', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'empty.log'), '');
    expect(await readAll([dir])).toEqual([
      { type: 'skipped', path: path.join(dir, 'empty.log'), reason: 'empty file' },
    ]);
  });

  for (const [name, bom] of [
    ['UTF-8', 'efbbbf'],
    ['UTF-16 LE', 'fffe'],
    ['UTF-16 BE', 'feff'],
  ] as const) {
    it(`skips a file holding only a ${name} byte order mark`, async () => {
      const dir = await tempDir();
      await put(path.join(dir, 'a.txt'), hex(bom));
      const [read] = await readAll([dir]);
      expect(read).toMatchObject({
        type: 'skipped',
        reason: 'empty file (only a byte order mark)',
      });
    });
  }

  it('skips macOS AppleDouble and .DS_Store files by name', async () => {
    const dir = await tempDir();
    await put(path.join(dir, '._log.txt'), 'looks like text\n');
    await put(path.join(dir, '.DS_Store'), 'looks like text\n');
    const reads = await readAll([dir]);
    expect(reads.map((r) => [r.type, path.basename(r.path)])).toEqual([
      ['skipped', '.DS_Store'],
      ['skipped', '._log.txt'],
    ]);
    expect(reads[0]?.reason).toMatch(/^macOS folder settings file/);
    expect(reads[1]?.reason).toMatch(/^macOS metadata file \(AppleDouble/);
  });

  it('skips each system folder once without looking inside', async () => {
    const dir = await tempDir();
    const folders = [
      'System Volume Information',
      '$RECYCLE.BIN',
      '.Trashes',
      '.Spotlight-V100',
      '.fseventsd',
      '__MACOSX',
    ];
    for (const f of folders) await put(path.join(dir, f, 'inner', 'x.log'), 'text\n');
    const reads = await readAll([dir]);
    expect(reads.map((r) => path.basename(r.path)).sort()).toEqual([...folders].sort());
    for (const r of reads) expect(r).toMatchObject({ type: 'skipped', reason: /^system folder/ });
  });

  const binaries: [string, Buffer][] = [
    ['JPEG image', withTail(hex('ffd8ffe000104a464946'))],
    ['PNG image', withTail(hex('89504e470d0a1a0a0000000d49484452'))],
    ['GIF image', withTail(Buffer.from('GIF89a'))],
    ['PDF document', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')],
    ['MP4/MOV video', withTail(hex('00000020 66747970 69736f6d'))],
    ['AVI video', withTail(Buffer.from('RIFF\x10\x00\x00\x00AVI LIST', 'latin1'))],
    ['WAV audio', withTail(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))],
    ['Matroska/WebM video', withTail(hex('1a45dfa3'))],
    ['Windows program (EXE/DLL)', withTail(Buffer.from('MZ\x90\x00\x03', 'latin1'))],
    ['ELF program', withTail(hex('7f454c46020101'))],
    ['7-Zip archive (not supported; extract it first)', withTail(hex('377abcaf271c0004'))],
    ['RAR archive (not supported; extract it first)', withTail(hex('526172211a0701'))],
    ['SQLite database', withTail(Buffer.from('SQLite format 3\0', 'latin1'))],
    ['BMP image', withTail(hex('424d 36000000 00000000 36000000 28000000'))],
  ];
  for (const [kind, bytes] of binaries) {
    it(`skips a ${kind} and names it`, async () => {
      const dir = await tempDir();
      await put(path.join(dir, 'file.log'), bytes);
      const [read] = await readAll([dir]);
      expect(read).toMatchObject({ type: 'skipped', reason: `binary file: ${kind}` });
    });
  }

  it('skips bytes with NUL that are not UTF-16 as not text', () => {
    const bytes = Buffer.from([0x41, 0x00, 0x00, 0x42, 0x43, 0x00, 0x00, 0x00, 0x44, 0x45]);
    expect(sniff(bytes, true)).toEqual({ kind: 'skip', reason: 'binary file: not text' });
  });

  it('skips bytes with many control characters as not text', () => {
    const bytes = Buffer.from('abc\x01\x02\x03\x04def\x05\x06\x07', 'latin1');
    expect(sniff(bytes, true)).toEqual({ kind: 'skip', reason: 'binary file: not text' });
  });

  it('reads text that happens to start like BM or MZ as text', () => {
    for (const s of ['BMW camera 3 rebooted\n', 'MZ-7 gate opened\n']) {
      expect(sniff(Buffer.from(s), true)).toMatchObject({ kind: 'text' });
    }
  });

  it('skips a named pipe instead of blocking on it', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    } catch {
      return; // no mkfifo here: nothing to check
    }
    const [read] = await readAll([dir]);
    expect(read).toMatchObject({ type: 'skipped', reason: /^not a regular file/ });
  });
});
