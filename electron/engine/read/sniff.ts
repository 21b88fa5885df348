/** Decides from the first bytes what a file or entry is: container, text layout or not a log. */
import { binaryKind } from './magic.js';
import {
  bomLength,
  encodingFromBom,
  isValidUtf8,
  unitsOf,
  utf16WithoutBom,
  type Layout,
} from './encoding.js';
import type { Encoding } from '../../../shared/model.js';

/** What the first bytes say. */
export type Sniffed =
  | { kind: 'gzip' }
  | { kind: 'zip' }
  | { kind: 'text'; layout: Layout }
  | { kind: 'skip'; reason: string };

/** Control bytes that plain text holds: TAB, LF, VT, FF, CR, ESC (colour codes), SUB (DOS EOF). */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b]);
/** Above this share of other control units the sample is not text. */
const MAX_CONTROL_SHARE = 0.1;

const NOT_TEXT = 'binary file: not text';

/**
 * Classifies a sample from the start of a stream. `ended` says the sample is the whole
 * stream, which matters for empty files and for a UTF-8 character cut at the sample's end.
 */
export function sniff(head: Buffer, ended: boolean): Sniffed {
  if (head.length === 0) return { kind: 'skip', reason: 'empty file' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  if (head.length >= 4 && head.toString('latin1', 0, 2) === 'PK') {
    const sig = head.readUInt32LE(0);
    // Local file header, or the end record alone (an empty archive).
    if (sig === 0x04034b50 || sig === 0x06054b50) return { kind: 'zip' };
  }
  const marked = encodingFromBom(head);
  if (marked !== null) {
    if (ended && head.length === bomLength(marked)) {
      return { kind: 'skip', reason: 'empty file (only a byte order mark)' };
    }
    return text(marked, head);
  }
  const binary = binaryKind(head);
  if (binary !== null) return { kind: 'skip', reason: `binary file: ${binary}` };
  const utf16 = utf16WithoutBom(head);
  if (utf16 !== null) {
    return controlShare(head, utf16) > MAX_CONTROL_SHARE
      ? { kind: 'skip', reason: NOT_TEXT }
      : text(utf16, head);
  }
  if (head.includes(0) || controlShare(head, 'utf-8') > MAX_CONTROL_SHARE) {
    return { kind: 'skip', reason: NOT_TEXT };
  }
  return text(isValidUtf8(head, ended) ? 'utf-8' : 'windows-1252', head);
}

function text(encoding: Encoding, head: Buffer): Sniffed {
  const bom = bomLength(encoding);
  const lf = hasUnit(head, encoding, bom, 0x0a);
  // Old Mac files end lines with CR alone; a file with LF anywhere in the sample is not one.
  const newline = !lf && hasUnit(head, encoding, bom, 0x0d) ? 0x0d : 0x0a;
  return { kind: 'text', layout: { encoding, bom, newline } };
}

/** Reads the code unit at byte `i`. */
function unitAt(head: Buffer, i: number, size: 1 | 2, bigEndian: boolean): number {
  if (size === 1) return head[i]!;
  return bigEndian ? head.readUInt16BE(i) : head.readUInt16LE(i);
}

function hasUnit(head: Buffer, encoding: Encoding, from: number, unit: number): boolean {
  const { size, bigEndian } = unitsOf(encoding);
  for (let i = from; i + size <= head.length; i += size) {
    if (unitAt(head, i, size, bigEndian) === unit) return true;
  }
  return false;
}

/** Share of code units that are control characters plain text does not use. */
function controlShare(head: Buffer, encoding: Encoding): number {
  const { size, bigEndian } = unitsOf(encoding);
  let units = 0;
  let controls = 0;
  for (let i = 0; i + size <= head.length; i += size) {
    const u = unitAt(head, i, size, bigEndian);
    units++;
    if ((u < 0x20 && !TEXT_CONTROLS.has(u)) || u === 0x7f) controls++;
  }
  return units === 0 ? 0 : controls / units;
}
