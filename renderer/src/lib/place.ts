/**
 * The page's place, kept in the URL's hash (`#/ip/10.42.2.33`, `#/events?type=quarantine`)
 * because the server answers index.html only for paths without an extension, and an
 * address like 10.42.2.33 looks like one.
 */

/** A parsed hash: path segments (decoded) and query parameters. */
export interface Place {
  segments: string[];
  params: URLSearchParams;
}

/** Reads a hash such as `#/ip/10.0.0.1?x=1`. */
export function parsePlace(hash: string): Place {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  const segments = path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  return { segments, params: new URLSearchParams(q < 0 ? '' : body.slice(q + 1)) };
}

/** Builds a hash link from path segments and parameters. */
export function href(segments: string[], params?: URLSearchParams): string {
  const query = params?.toString() ?? '';
  return `#/${segments.map(encodeURIComponent).join('/')}${query ? `?${query}` : ''}`;
}
