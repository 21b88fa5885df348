/**
 * Serving the built UI from one folder: nothing outside it, after decoding and after
 * following symlinks, and extension-less paths fall back to index.html (single-page app).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { HTML_CSP, sendError } from './respond.js';
import { NOT_BUILT_PAGE } from './not-built.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; unknown kinds are plain bytes, never sniffed. */
export function contentType(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Extra headers for an HTML answer (the cookie carrying the token, when one is set). */
export type PageHeaders = Record<string, string>;

/** Serves GET and HEAD requests for files of one folder. */
export interface StaticFiles {
  /** Answers a request whose path has already been split into safe segments. */
  serve(req: IncomingMessage, res: ServerResponse, segments: string[], page: PageHeaders): void;
}

/** A file found inside the folder: its real path and size. */
interface Found {
  path: string;
  size: number;
}

/** Whether `real` is the folder itself or lies inside it (both already realpath'd). */
function inside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Serves the folder whose real path (symlinks resolved, see fs.realpath) is `root`, or the
 * built-in "not built" page when it is null.
 */
export function staticFiles(root: string | null): StaticFiles {
  async function find(segments: string[]): Promise<Found | null> {
    if (root === null) return null;
    const base = root;
    try {
      // realpath follows every symlink on the way, so a link out of the folder shows here.
      const real = await realpath(join(base, ...segments));
      if (!inside(base, real)) return null;
      const st = await stat(real);
      return st.isFile() ? { path: real, size: st.size } : null;
    } catch {
      // Missing, unreadable or a dangling link: all the same to the client.
      return null;
    }
  }

  function send(req: IncomingMessage, res: ServerResponse, file: Found, headers: PageHeaders) {
    const type = contentType(file.path);
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', file.size);
    if (type.startsWith('text/html')) {
      res.setHeader('Content-Security-Policy', HTML_CSP);
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    }
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file.path);
    // A file that vanishes or fails mid-way: the length is already promised, so the only
    // honest answer is to cut the connection.
    stream.on('error', () => res.destroy());
    // The stream is closed by pipe at its end, or here when the client goes away first.
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }

  function sendNotBuilt(req: IncomingMessage, res: ServerResponse, headers: PageHeaders) {
    const body = Buffer.from(NOT_BUILT_PAGE, 'utf8');
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      'Content-Security-Policy': HTML_CSP,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  return {
    serve(req, res, segments, headers) {
      const last = segments.at(-1) ?? '';
      // A page of the app (no extension): the app's own router draws it from index.html.
      const isPage = extname(last) === '';
      // Colons name drive letters and alternate data streams on Windows: never a UI file.
      if (segments.some((s) => s.includes(':'))) {
        sendError(res, 400, 'bad path');
        return;
      }
      void (async () => {
        const file = segments.length > 0 ? await find(segments) : null;
        if (file) return send(req, res, file, headers);
        if (!isPage) return sendError(res, 404, 'not found');
        if (root === null) return sendNotBuilt(req, res, headers);
        const index = await find(['index.html']);
        if (index) return send(req, res, index, headers);
        sendError(res, 404, 'not found');
      })().catch(() => {
        if (!res.headersSent) sendError(res, 500, 'cannot read the file');
        else res.destroy();
      });
    },
  };
}
