import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { put, readAll, tempDir, texts } from './helpers.js';

/** Text that compresses poorly, so a cut gzip still holds many whole lines. */
function noisyLines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${i} ${((i * 2654435761) >>> 0).toString(36)}`);
}

describe('gzip', () => {
  it('reads a gzip file from its content whatever its name', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'export.bin'), gzipSync('one\r\ntwo\n'));
    const reads = await readAll([dir]);
    expect(reads[0]).toMatchObject({ container: 'gzip', encoding: 'utf-8' });
    expect(reads[0]?.path).toBe(path.join(dir, 'export.bin'));
    expect(texts(reads)).toEqual(['one', 'two']);
    expect(reads[0]?.lines?.[1]?.offset).toBe(5);
  });

  it('reads UTF-16 text inside a gzip', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.gz'), gzipSync(Buffer.from('\uFEFFhola\r\n', 'utf16le')));
    const reads = await readAll([dir]);
    expect(reads[0]?.encoding).toBe('utf-16le-bom');
    expect(texts(reads)).toEqual(['hola']);
  });

  it('skips a gzip that holds a picture, naming it', async () => {
    const dir = await tempDir();
    await put(
      path.join(dir, 'a.gz'),
      gzipSync(Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(99)])),
    );
    const [read] = await readAll([dir]);
    expect(read).toMatchObject({ type: 'skipped', reason: 'binary file: JPEG image' });
  });

  it('skips a gzip of an empty file', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.gz'), gzipSync(''));
    const [read] = await readAll([dir]);
    expect(read).toMatchObject({ type: 'skipped', reason: 'empty file' });
  });

  it('reports a cut gzip after yielding the lines before the cut', async () => {
    const dir = await tempDir();
    const lines = noisyLines(20_000);
    const whole = gzipSync(lines.join('\n') + '\n');
    await put(path.join(dir, 'a.gz'), whole.subarray(0, Math.floor(whole.length / 2)));
    const [read] = await readAll([dir]);
    expect(read?.error).toMatch(
      new RegExp(
        `^ReadError: reading '${path.join(dir, 'a.gz')}' stopped at line \\d+: the gzip data ` +
          'ends early, so the file was cut short .*The lines before it were kept; copy the file',
      ),
    );
    const got = read!.lines!.map((l) => l.text);
    expect(got.length).toBeGreaterThan(1000);
    expect(got).toEqual(lines.slice(0, got.length));
  });

  it('stops a gzip bomb at the size cap and keeps the lines before it', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'bomb.gz'), gzipSync(Buffer.from('a\n'.repeat(4 << 20))));
    const [read] = await readAll([dir], { maxDecompressedBytes: 1 << 20 });
    expect(read?.error).toBe(
      `ReadError: reading '${path.join(dir, 'bomb.gz')}' stopped at line 524289: it holds ` +
        'more than 1 MiB once decompressed, over the size cap that guards against zip bombs. ' +
        'The lines before it were kept; if the log really is that large, decompress it with ' +
        'another tool and add the plain file.',
    );
    expect(read?.lines?.length).toBe(1 << 19);
  });

  it('does not cap a plain file, only decompressed data', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'plain.log'), 'a\n'.repeat(1000));
    const [read] = await readAll([dir], { maxDecompressedBytes: 100 });
    expect(read?.error).toBeUndefined();
    expect(read?.lines?.length).toBe(1000);
  });
});
