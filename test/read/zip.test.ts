import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findSources, rawLines, type Found } from '../../electron/engine/read/index.js';
import { put, readAll, tempDir, type Read } from './helpers.js';
import { buildZip } from './zip-helper.js';

function summary(reads: Read[]): string[][] {
  return reads.map((r) => [
    r.type,
    r.path,
    r.reason ?? (r.lines ?? []).map((l) => l.text).join('|'),
  ]);
}

describe('zip', () => {
  it('yields each file entry as archive!/entry and nothing for folders', async () => {
    const dir = await tempDir();
    const zip = await put(
      path.join(dir, 'a.zip'),
      buildZip([
        { name: 'dir/', method: 'store' },
        { name: 'dir/file.log', data: 'one\ntwo\n' },
        { name: 'stored.txt', data: 'kept as is\n', method: 'store' },
      ]),
    );
    const reads = await readAll([zip]);
    expect(summary(reads)).toEqual([
      ['text', `${zip}!/dir/file.log`, 'one|two'],
      ['text', `${zip}!/stored.txt`, 'kept as is'],
    ]);
    expect(reads[0]).toMatchObject({ container: 'zip', encoding: 'utf-8' });
  });

  it('says so when an entry named like a folder holds data, instead of dropping it', async () => {
    const dir = await tempDir();
    const zip = await put(
      path.join(dir, 'a.zip'),
      buildZip([{ name: 'odd/', data: 'Dec 16 00:58:58 [Trend Micro]: x\n' }]),
    );
    expect(summary(await readAll([zip]))).toEqual([
      ['skipped', `${zip}!/odd/`, 'zip entry named like a folder but holding 33 bytes; not read'],
    ]);
  });

  it('finds a zip by content whatever its name', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'export.dat'), buildZip([{ name: 'x.log', data: 'hi\n' }]));
    const reads = await readAll([dir]);
    expect(reads[0]?.path).toBe(`${path.join(dir, 'export.dat')}!/x.log`);
  });

  it('opens a zip inside a zip and a gzip inside a zip', async () => {
    const dir = await tempDir();
    const inner = buildZip([{ name: 'x.log', data: 'inner\n' }]);
    const zip = await put(
      path.join(dir, 'a.zip'),
      buildZip([
        { name: 'inner.zip', data: inner },
        { name: 'logs/cam.log.gz', data: gzipSync('from gzip\n'), method: 'store' },
      ]),
    );
    const reads = await readAll([zip]);
    expect(summary(reads)).toEqual([
      ['text', `${zip}!/inner.zip!/x.log`, 'inner'],
      ['text', `${zip}!/logs/cam.log.gz`, 'from gzip'],
    ]);
  });

  it('lists hostile entry names as labels and writes nothing', async () => {
    const dir = await tempDir();
    const zip = await put(
      path.join(dir, 'evil', 'a.zip'),
      buildZip([
        { name: '../../x.log', data: 'up\n' },
        { name: '/etc/passwd', data: 'root\n' },
        { name: 'C:\\win\\y.log', data: 'win\n' },
        { name: 'bad\nname.log', data: 'nl\n' },
      ]),
    );
    const reads = await readAll([zip]);
    expect(reads.map((r) => r.path)).toEqual([
      `${zip}!/../../x.log`,
      `${zip}!//etc/passwd`,
      `${zip}!/C:/win/y.log`,
      `${zip}!/bad\uFFFDname.log`,
    ]);
    expect(reads.every((r) => r.type === 'text')).toBe(true);
    expect(await readdir(dir)).toEqual(['evil']);
    expect(await readdir(path.join(dir, 'evil'))).toEqual(['a.zip']);
  });

  it('decodes names as CP437 unless the UTF-8 flag is set', async () => {
    const dir = await tempDir();
    const zip = await put(
      path.join(dir, 'a.zip'),
      buildZip([
        {
          name: Buffer.from([0x63, 0x61, 0x66, 0x82, 0x2e, 0x6c, 0x6f, 0x67]),
          data: 'a\n',
          utf8: false,
        },
        { name: 'víctima.log', data: 'b\n' },
      ]),
    );
    const reads = await readAll([zip]);
    expect(reads.map((r) => r.path)).toEqual([`${zip}!/café.log`, `${zip}!/víctima.log`]);
  });

  it('skips encrypted, unsupported, linked and macOS metadata entries with reasons', async () => {
    const dir = await tempDir();
    const zip = await put(
      path.join(dir, 'a.zip'),
      buildZip([
        { name: 'secret.log', data: 'x\n', method: 'store', encrypted: true },
        { name: 'lzma.log', data: 'x\n', method: 14 },
        { name: 'link.log', data: '/etc/passwd', method: 'store', symlink: true },
        { name: '__MACOSX/._a.log', data: 'x\n' },
        { name: '__MACOSX/._b.log', data: 'x\n' },
        { name: 'logs/._c.log', data: 'x\n' },
        {
          name: 'photo.jpg',
          data: Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(60)]),
        },
        { name: 'empty.log', data: '' },
      ]),
    );
    const reads = await readAll([zip]);
    expect(summary(reads)).toEqual([
      [
        'skipped',
        `${zip}!/secret.log`,
        'encrypted zip entry (password protected): extract it with its password and add the file',
      ],
      [
        'skipped',
        `${zip}!/lzma.log`,
        'zip entry compressed with an unsupported method (14): extract it with another tool ' +
          'and add the file',
      ],
      ['skipped', `${zip}!/link.log`, 'symbolic link stored in the archive'],
      [
        'skipped',
        `${zip}!/__MACOSX`,
        'system folder (macOS metadata from a zip made on a Mac), holds no logs',
      ],
      [
        'skipped',
        `${zip}!/logs/._c.log`,
        'macOS metadata file (AppleDouble "._" companion of another file)',
      ],
      ['skipped', `${zip}!/photo.jpg`, 'binary file: JPEG image'],
      ['skipped', `${zip}!/empty.log`, 'empty file'],
    ]);
  });

  it('skips an empty zip archive', async () => {
    const dir = await tempDir();
    const zip = await put(path.join(dir, 'a.zip'), buildZip([]));
    expect(await readAll([zip])).toEqual([
      { type: 'skipped', path: zip, reason: 'empty zip archive' },
    ]);
  });

  it('fails a zip whose end is cut off, and goes on with the next input', async () => {
    const dir = await tempDir();
    const whole = buildZip([{ name: 'x.log', data: 'hi\n' }]);
    const zip = await put(path.join(dir, 'a.zip'), whole.subarray(0, whole.length - 10));
    const next = await put(path.join(dir, 'b.log'), 'next\n');
    const reads = await readAll([zip, next]);
    expect(reads[0]).toMatchObject({
      type: 'failed',
      path: zip,
      reason: /^cannot read '.*a\.zip': the zip archive is damaged: its end is missing/,
    });
    expect(reads[1]).toMatchObject({ type: 'text', path: next });
  });

  it('keeps the entries read before a damaged directory record', async () => {
    const dir = await tempDir();
    const bytes = buildZip([
      { name: 'a.log', data: 'first\n' },
      { name: 'b.log', data: 'second\n' },
    ]);
    // Break the signature of the second central directory header.
    const second = bytes.lastIndexOf(Buffer.from('504b0102', 'hex'));
    bytes.writeUInt32LE(0xdeadbeef, second);
    const zip = await put(path.join(dir, 'a.zip'), bytes);
    const reads = await readAll([zip]);
    expect(summary(reads)[0]).toEqual(['text', `${zip}!/a.log`, 'first']);
    expect(reads[1]).toMatchObject({
      type: 'failed',
      path: zip,
      reason:
        /^reading the zip archive '.*a\.zip' stopped after 1 entries: the zip archive is damaged \(.*signature/,
    });
    expect(reads).toHaveLength(2);
  });

  it('stops a zip bomb entry at the size cap with a ReadError', async () => {
    const dir = await tempDir();
    const zip = await put(
      path.join(dir, 'bomb.zip'),
      buildZip([{ name: 'x.log', data: 'ab\n'.repeat(3 << 20) }]),
    );
    const [read] = await readAll([zip], { maxDecompressedBytes: 3 << 18 });
    expect(read?.error).toMatch(
      /^ReadError: reading '.*bomb\.zip!\/x\.log' stopped at line 262145: it holds more than 768 KiB once decompressed, over the size cap/,
    );
    expect(read?.lines).toHaveLength(1 << 18);
  });

  it('refuses to buffer a nested zip over the cap', async () => {
    const dir = await tempDir();
    const inner = buildZip([{ name: 'x.log', data: 'a\n'.repeat(100_000), method: 'store' }]);
    const zip = await put(path.join(dir, 'a.zip'), buildZip([{ name: 'in.zip', data: inner }]));
    const [read] = await readAll([zip], { maxDecompressedBytes: 50_000 });
    expect(read).toMatchObject({ type: 'skipped', path: `${zip}!/in.zip`, reason: /larger than/ });
  });

  it('does not open archives nested deeper than four levels', async () => {
    const dir = await tempDir();
    let bytes = buildZip([{ name: 'deep.log', data: 'deep\n' }]);
    for (let i = 0; i < 5; i++) bytes = buildZip([{ name: `z${i}.zip`, data: bytes }]);
    const zip = await put(path.join(dir, 'a.zip'), bytes);
    const [read] = await readAll([zip]);
    expect(read).toMatchObject({ type: 'skipped', reason: /nested more than 4 levels/ });
    expect(read?.path).toBe(`${zip}!/z4.zip!/z3.zip!/z2.zip!/z1.zip`);
  });

  it('lets sources be read after the walk has moved past their archive', async () => {
    const dir = await tempDir();
    const inner = buildZip([{ name: 'n.log', data: 'nested\n' }]);
    await put(
      path.join(dir, 'a.zip'),
      buildZip([
        { name: 'x.log', data: 'later\n' },
        { name: 'i.zip', data: inner },
      ]),
    );
    await put(path.join(dir, 'b.log'), 'plain\n');
    const found: Found[] = [];
    for await (const f of findSources([dir])) found.push(f);
    const got: string[] = [];
    for (const f of found) {
      if (f.type !== 'text') continue;
      for await (const batch of f.source.batches()) got.push(...rawLines(batch).map((l) => l.text));
    }
    expect(got).toEqual(['later', 'nested', 'plain']);
  });
});
