/**
 * Arithmetic on the store's local times (`YYYY-MM-DD HH:MM:SS`, no zone). They are read as
 * if they were UTC so that adding seconds never meets a daylight-saving jump.
 */

/** Seconds since 1970 of a local time, or NaN when it is not in the store's form. */
export function toSeconds(local: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) / 1000;
}

/** The local time `seconds` stands for, in the store's form. */
export function fromSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

const BUCKETS = [60, 600, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400];

/** A bucket size that splits the span from `first` to `last` into at most about 60 bars. */
export function bucketFor(first: string | null, last: string | null): number {
  const span = toSeconds(last ?? '') - toSeconds(first ?? '');
  if (!Number.isFinite(span) || span <= 0) return 3600;
  return BUCKETS.find((b) => span / b <= 60) ?? BUCKETS.at(-1)!;
}
