/**
 * Reads one raw line back from disk: the store keeps a source and a byte offset instead
 * of the text. Plain files are read at the offset; archive entries are read again up to
 * the line.
 */
import { open } from 'node:fs/promises';
import type { Encoding } from '../../shared/model.js';
import { decoderFor } from './read/encoding.js';
import { findSources, lineText } from './read/index.js';
import { messageOf } from './read/errors.js';

/** Where a raw line is. */
export interface LineLocation {
  /** The source's display path (for zip entries `a.zip!/x.log`). */
  path: string;
  container: 'plain' | 'gzip' | 'zip';
  encoding: Encoding;
  line: number;
  offset: number;
  bytes: number;
}

/** Lines longer than this are shown cut (they cannot be events anyway). */
const MAX_SHOWN = 64 * 1024;

/** The line's text, or an error saying why it cannot be shown (file gone, changed). */
export async function readRawLine(
  loc: LineLocation,
): Promise<{ text: string | null; error: string | null }> {
  try {
    if (loc.container === 'plain') return { text: await readPlain(loc), error: null };
    return { text: await readFromArchive(loc), error: null };
  } catch (err) {
    return { text: null, error: `cannot show the line: ${messageOf(err)}` };
  }
}

async function readPlain(loc: LineLocation): Promise<string> {
  const handle = await open(loc.path, 'r');
  try {
    const size = Math.min(loc.bytes, MAX_SHOWN);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, loc.offset);
    if (bytesRead < size) throw new Error('the file is shorter than when it was read');
    return decoderFor(loc.encoding)(buffer).replace(/\r$/, '');
  } finally {
    await handle.close();
  }
}

async function readFromArchive(loc: LineLocation): Promise<string> {
  const bang = loc.path.indexOf('!/');
  const file = bang < 0 ? loc.path : loc.path.slice(0, bang);
  for await (const found of findSources([file])) {
    if (found.type !== 'text' || found.source.path !== loc.path) continue;
    for await (const batch of found.source.batches()) {
      const i = loc.line - batch.first;
      if (i >= 0 && i < batch.count) return lineText(batch, i).slice(0, MAX_SHOWN);
      if (i < 0) break;
    }
  }
  throw new Error('the line is no longer in the archive');
}
