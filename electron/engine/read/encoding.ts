/** Byte order marks, UTF-16 without a mark, and one decoder per `Encoding`. */
import type { Encoding } from '../../../shared/model.js';

/** How the bytes of a text source are laid out. */
export interface Layout {
  encoding: Encoding;
  /** Bytes of byte order mark at the start of the stream (0, 2 or 3). */
  bom: number;
  /** Code unit that ends a line: LF, or CR for old Mac files that have no LF at all. */
  newline: 0x0a | 0x0d;
}

/** Bytes per code unit, and the order of a two-byte unit. */
export interface Units {
  size: 1 | 2;
  bigEndian: boolean;
}

/** The code unit shape of an encoding. */
export function unitsOf(encoding: Encoding): Units {
  if (encoding.startsWith('utf-16')) {
    return { size: 2, bigEndian: encoding.startsWith('utf-16be') };
  }
  return { size: 1, bigEndian: false };
}

/** Length of the byte order mark an encoding implies. */
export function bomLength(encoding: Encoding): number {
  if (encoding === 'utf-8-bom') return 3;
  return encoding.endsWith('-bom') ? 2 : 0;
}

/** The encoding a byte order mark at the start announces, or null. */
export function encodingFromBom(head: Buffer): Encoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le-bom';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be-bom';
  return null;
}

/** UTF-16 text is recognised from the first units only: enough for mostly-ASCII logs. */
const UTF16_PROBE_BYTES = 4096;

/**
 * Finds UTF-16 without a byte order mark from where the zero bytes sit: ASCII text in
 * UTF-16 LE has a zero in the high (odd) byte of nearly every unit and almost never in the
 * low one; BE is the mirror image.
 */
export function utf16WithoutBom(head: Buffer): Encoding | null {
  const units = Math.floor(Math.min(head.length, UTF16_PROBE_BYTES) / 2);
  if (units === 0) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < units; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  const rare = units * 0.02;
  if (oddZeros >= units / 2 && evenZeros <= rare) return 'utf-16le';
  if (evenZeros >= units / 2 && oddZeros <= rare) return 'utf-16be';
  return null;
}

/** Whether the sample is valid UTF-8; a character cut by the sample's end does not count. */
export function isValidUtf8(sample: Buffer, ended: boolean): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    // `stream: true` holds back an incomplete trailing sequence instead of failing on it.
    decoder.decode(sample, { stream: !ended });
    return true;
  } catch {
    return false;
  }
}

/** Decodes one line's bytes. */
export type Decode = (bytes: Buffer) => string;

const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });

/**
 * Windows-1252 differs from Latin-1 only in 0x80-0x9F. Node 20's TextDecoder decodes the
 * `windows-1252` label as plain Latin-1 (the euro sign comes out as U+0080), so those 32
 * bytes are mapped here; the five unassigned ones stay as their C1 code points.
 */
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021' +
  '\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014' +
  '\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';
const C1 = /[\u0080-\u009f]/g;

function decodeCp1252(b: Buffer): string {
  return b.toString('latin1').replace(C1, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** The decoder for an encoding; invalid bytes become U+FFFD, never an error. */
export function decoderFor(encoding: Encoding): Decode {
  switch (encoding) {
    case 'utf-8':
    case 'utf-8-bom':
      return (b) => b.toString('utf8');
    case 'utf-16le':
    case 'utf-16le-bom':
      return (b) => b.toString('utf16le');
    case 'utf-16be':
    case 'utf-16be-bom':
      return (b) => utf16be.decode(b);
    case 'windows-1252':
      return decodeCp1252;
  }
}
