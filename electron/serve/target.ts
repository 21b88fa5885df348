/**
 * Reading a request target (`/path?query`) without trusting it. The path is split on raw
 * slashes first and each segment decoded on its own, so an encoded slash stays inside its
 * segment and is refused instead of becoming a separator.
 */

/** A request target split into decoded path segments and its query. */
export interface Target {
  /** Decoded, non-empty segments; none is `.` or `..` or holds a slash, backslash or NUL. */
  segments: string[];
  query: URLSearchParams;
}

// Separators of any platform and NUL: a decoded segment holding one could split into more
// segments, or end a file name early, once it reaches the file system.
const FORBIDDEN_IN_SEGMENT = /[/\\\0]/;

/**
 * Splits and decodes a request target. Answers null when it is not an origin-form target
 * (`/...`), is not valid percent-encoding, or a segment could walk out of its folder.
 */
export function parseTarget(url: string | undefined): Target | null {
  // Absolute-form (`http://host/x`) and `*` targets are refused: only `/...` is ours. A
  // target starting with `//` is kept as a path; it is never handed to the URL parser,
  // which would read it as a host.
  if (!url || !url.startsWith('/')) return null;
  const hash = url.indexOf('#');
  const bare = hash < 0 ? url : url.slice(0, hash);
  const q = bare.indexOf('?');
  const rawPath = q < 0 ? bare : bare.slice(0, q);
  const rawQuery = q < 0 ? '' : bare.slice(q + 1);
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '.' || seg === '..' || FORBIDDEN_IN_SEGMENT.test(seg)) return null;
    segments.push(seg);
  }
  return { segments, query: new URLSearchParams(rawQuery) };
}
