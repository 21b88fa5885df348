/** Binary formats recognised by their first bytes, so a skip can name what was found. */

/** [what it is, byte offset, signature in hex]. Order matters only for shared prefixes. */
const SIGNATURES: readonly (readonly [string, number, string])[] = [
  ['JPEG image', 0, 'ffd8ff'],
  ['PNG image', 0, '89504e470d0a1a0a'],
  ['GIF image', 0, '474946383761'],
  ['GIF image', 0, '474946383961'],
  ['TIFF image', 0, '49492a00'],
  ['TIFF image', 0, '4d4d002a'],
  ['PDF document', 0, '255044462d'],
  ['Matroska/WebM video', 0, '1a45dfa3'],
  ['ASF/WMV video', 0, '3026b2758e66cf11'],
  ['Ogg media', 0, '4f676753'],
  ['FLAC audio', 0, '664c6143'],
  ['ELF program', 0, '7f454c46'],
  ['7-Zip archive (not supported; extract it first)', 0, '377abcaf271c'],
  ['RAR archive (not supported; extract it first)', 0, '526172211a07'],
  ['xz archive (not supported; extract it first)', 0, 'fd377a585a00'],
  ['zstd archive (not supported; extract it first)', 0, '28b52ffd'],
  ['tar archive (not supported; extract it first)', 257, '7573746172'],
  ['SQLite database', 0, '53514c69746520666f726d6174203300'],
  ['Microsoft Office document (legacy format)', 0, 'd0cf11e0a1b11ae1'],
  ['Windows shortcut', 0, '4c0000000114020000000000c000000000000046'],
  ['macOS metadata (AppleDouble)', 0, '00051607'],
];

const PARSED = SIGNATURES.map(([name, at, hex]) => ({ name, at, bytes: Buffer.from(hex, 'hex') }));

const RIFF_KINDS: Record<string, string> = {
  'AVI ': 'AVI video',
  WAVE: 'WAV audio',
  WEBP: 'WebP image',
};

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'mif1', 'msf1', 'avif']);

/** Bitmap info-header sizes Windows and OS/2 write; checked so text starting `BM` passes. */
const BMP_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

function ascii(b: Buffer, start: number, end: number): string {
  return b.toString('latin1', start, end);
}

/** Formats whose signature needs more than a fixed prefix to be recognised with confidence. */
function special(b: Buffer): string | null {
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    return HEIF_BRANDS.has(ascii(b, 8, 12)) ? 'HEIF/HEIC image' : 'MP4/MOV video';
  }
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF') {
    return RIFF_KINDS[ascii(b, 8, 12)] ?? 'RIFF media file';
  }
  if (b.length >= 18 && ascii(b, 0, 2) === 'BM' && b.readUInt32LE(6) === 0) {
    if (BMP_HEADER_SIZES.has(b.readUInt32LE(14))) return 'BMP image';
  }
  // `MZ` alone could start a line of text; a program header also holds NUL bytes.
  if (b.length >= 64 && ascii(b, 0, 2) === 'MZ' && b.subarray(0, 64).includes(0)) {
    return 'Windows program (EXE/DLL)';
  }
  if (b.length >= 10 && /^BZh[1-9]$/.test(ascii(b, 0, 4))) {
    if (b.subarray(4, 10).equals(Buffer.from('314159265359', 'hex'))) {
      return 'bzip2 archive (not supported; extract it first)';
    }
  }
  if (b.length >= 5 && ascii(b, 0, 3) === 'ID3' && b[3]! >= 2 && b[3]! <= 4 && b[4] === 0) {
    return 'MP3 audio';
  }
  return null;
}

/** Names the binary format the bytes start with, or null when none is recognised. */
export function binaryKind(head: Buffer): string | null {
  for (const { name, at, bytes } of PARSED) {
    if (head.length >= at + bytes.length && head.subarray(at, at + bytes.length).equals(bytes)) {
      return name;
    }
  }
  return special(head);
}
