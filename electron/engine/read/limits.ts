/** Read limits with their defaults, and how to print a byte count. */
import type { ReadOptions } from './types.js';

const KIB = 1024;
const MIB = 1024 * KIB;
const GIB = 1024 * MIB;

/** Bytes sniffed at the start of every file or entry to decide what it is. */
export const SAMPLE_BYTES = 64 * KIB;
/**
 * Bytes read per file system read while streaming lines. Chunks of a mebibyte read no
 * faster, and their memory, once freed, stayed with the process: glibc's malloc serves
 * blocks that size from its heap after the first one is freed, and keeps up to twice that
 * size unreturned at the top of each arena (about 50 MiB more at peak for a million lines).
 */
export const CHUNK_BYTES = 64 * KIB;
/** Bytes of a too-long line that are still decoded, so the user sees how it starts. */
export const HEAD_BYTES = 4 * KIB;
/** A zip inside an archive is read into memory whole; larger ones are not opened. */
export const NESTED_ZIP_BYTES = 256 * MIB;
/** Archives (zip or gzip) inside archives deeper than this are not opened: guards quines. */
export const MAX_ARCHIVE_DEPTH = 4;

/** The limits one read runs with, every field set. */
export interface Limits {
  maxDecompressedBytes: number;
  maxLineBytes: number;
  batchLines: number;
}

/** Applies defaults; a missing, non-positive or non-finite value means the default. */
export function resolveLimits(options: ReadOptions = {}): Limits {
  return {
    maxDecompressedBytes: positive(options.maxDecompressedBytes, GIB),
    maxLineBytes: positive(options.maxLineBytes, MIB),
    batchLines: positive(options.batchLines, 4096),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** A byte count as people say it: `1 GiB`, `256 MiB`, `1.5 KiB`, `100 bytes`. */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [GIB, 'GiB'],
    [MIB, 'MiB'],
    [KIB, 'KiB'],
  ];
  for (const [size, name] of units) {
    if (n >= size) return `${Number((n / size).toFixed(1))} ${name}`;
  }
  return n === 1 ? '1 byte' : `${n} bytes`;
}
