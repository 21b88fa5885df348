import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { put, readAll, tempDir, texts } from './helpers.js';

const LINES = ['Dec 16 00:58:58 [Trend Micro]: 1 s.1133810', 'second line'];
const TEXT = LINES.join('\r\n') + '\r\n';

function swap16(b: Buffer): Buffer {
  return Buffer.from(b).swap16();
}

describe('encodings', () => {
  it('decodes UTF-8 without a BOM', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.log'), 'víctima ok\n');
    const [read] = await readAll([dir]);
    expect(read?.encoding).toBe('utf-8');
    expect(read?.lines?.[0]?.text).toBe('víctima ok');
  });

  it('reads UTF-8 with a BOM and keeps the BOM out of the first line', async () => {
    const dir = await tempDir();
    await put(
      path.join(dir, 'a.log'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]),
    );
    const reads = await readAll([dir]);
    expect(reads[0]?.encoding).toBe('utf-8-bom');
    expect(texts(reads)).toEqual(LINES);
    expect(reads[0]?.lines?.[0]).toMatchObject({ no: 1, offset: 3, bytes: LINES[0]!.length });
  });

  const utf16: [string, Buffer, string, number][] = [
    ['UTF-16 LE with a BOM', Buffer.from('\uFEFF' + TEXT, 'utf16le'), 'utf-16le-bom', 2],
    ['UTF-16 BE with a BOM', swap16(Buffer.from('\uFEFF' + TEXT, 'utf16le')), 'utf-16be-bom', 2],
    ['UTF-16 LE without a BOM', Buffer.from(TEXT, 'utf16le'), 'utf-16le', 0],
    ['UTF-16 BE without a BOM', swap16(Buffer.from(TEXT, 'utf16le')), 'utf-16be', 0],
  ];
  for (const [name, bytes, encoding, bom] of utf16) {
    it(`decodes ${name} with exact byte offsets`, async () => {
      const dir = await tempDir();
      await put(path.join(dir, 'export.txt'), bytes);
      const reads = await readAll([dir]);
      expect(reads[0]?.encoding).toBe(encoding);
      expect(texts(reads)).toEqual(LINES);
      const first = LINES[0]!.length * 2;
      expect(reads[0]?.lines).toMatchObject([
        { no: 1, offset: bom, bytes: first },
        { no: 2, offset: bom + first + 4, bytes: LINES[1]!.length * 2 },
      ]);
    });
  }

  it('falls back to windows-1252 when the bytes are not UTF-8', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.log'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x0a]));
    const reads = await readAll([dir]);
    expect(reads[0]?.encoding).toBe('windows-1252');
    expect(texts(reads)).toEqual(['café €']);
  });

  it('keeps UTF-8 when a character is cut by the end of the sniffed sample', async () => {
    const dir = await tempDir();
    // 'é' is two bytes; put its first byte at the last position of the 64 KiB sample.
    const line = 'x'.repeat(65535) + 'é\n';
    await put(path.join(dir, 'a.log'), line);
    const reads = await readAll([dir]);
    expect(reads[0]?.encoding).toBe('utf-8');
    expect(texts(reads)[0]?.endsWith('xé')).toBe(true);
  });

  it('calls a file with a cut UTF-8 character at its very end windows-1252', async () => {
    const dir = await tempDir();
    await put(path.join(dir, 'a.log'), Buffer.from([0x61, 0x0a, 0xc3]));
    const reads = await readAll([dir]);
    expect(reads[0]?.encoding).toBe('windows-1252');
  });
});
