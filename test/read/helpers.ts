/** Shared test helpers: a fresh temp folder per test and a full read of what was found. */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import {
  findSources,
  rawLines,
  type RawLine,
  type ReadOptions,
} from '../../electron/engine/read/index.js';

/** A fresh folder under the OS temp folder, removed when the test ends. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seclog-read-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file, creating its folders. */
export async function put(file: string, data: string | Buffer): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
  return file;
}

/** One Found with its lines read to the end. */
export interface Read {
  type: 'text' | 'skipped' | 'failed';
  path: string;
  reason?: string;
  encoding?: string;
  container?: string;
  lines?: RawLine[];
  /** Message of the ReadError the batches ended with. */
  error?: string;
  batchSizes?: number[];
}

/** Runs findSources and reads every text source as it is found. */
export async function readAll(inputs: string[], options?: ReadOptions): Promise<Read[]> {
  const out: Read[] = [];
  for await (const found of findSources(inputs, options)) {
    if (found.type !== 'text') {
      out.push({ type: found.type, path: found.path, reason: found.reason });
      continue;
    }
    const { source } = found;
    const read: Read = {
      type: 'text',
      path: source.path,
      encoding: source.encoding,
      container: source.container,
      lines: [],
      batchSizes: [],
    };
    try {
      for await (const batch of source.batches()) {
        read.batchSizes!.push(batch.count);
        read.lines!.push(...rawLines(batch));
      }
    } catch (error) {
      read.error = `${(error as Error).name}: ${(error as Error).message}`;
    }
    out.push(read);
  }
  return out;
}

/** The texts of the lines of the only text source. */
export function texts(reads: Read[]): string[] {
  const text = reads.filter((r) => r.type === 'text');
  if (text.length !== 1) throw new Error(`expected one text source, got ${text.length}`);
  return text[0]!.lines!.map((l) => l.text);
}
