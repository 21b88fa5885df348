/**
 * The HTTP server behind `seclog serve`: the built UI and the engine's API for one browser
 * tab on this machine. It listens on 127.0.0.1 only and answers nobody without the token.
 */
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../../shared/api/contract.js';
import { answerChannel, postChannel } from './api-route.js';
import { EventStreams, HEARTBEAT_MS, type Subscribe } from './events.js';
import { checkOrigin, checkTokenForm, cookieName, findToken, newToken } from './guard.js';
import { sendError, setBaseHeaders } from './respond.js';
import { Connections } from './sockets.js';
import { staticFiles, type StaticFiles } from './static.js';
import { parseTarget } from './target.js';

/** What the server needs: the engine, its notifications and where the built UI is. */
export interface ServeOptions {
  /** The engine client; its errors become 500 answers carrying their message only. */
  api: Api;
  /** Subscribes to engine notifications, once per open event stream. */
  subscribe: Subscribe;
  /** The built UI folder; null serves a small page saying the UI is not built. */
  staticDir: string | null;
  /** 0 or undefined: any free port. */
  port?: number;
  /** Default: 32 random bytes as base64url. */
  token?: string;
  /** Time between heartbeat comments on event streams; tests shorten it. */
  heartbeatMs?: number;
}

/** A running server. Whoever started it must call `close` to free the port. */
export interface RunningServer {
  /** The address to open, token included: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  port: number;
  token: string;
  /** Ends the event streams, stops listening and resolves once every connection is done. */
  close(): Promise<void>;
}

/** Routes one request that has passed every check; `fromQuery`: the token came in the URL. */
type Route = (
  req: IncomingMessage,
  res: ServerResponse,
  segs: string[],
  fromQuery: boolean,
) => void | Promise<void>;

/** Starts the server on 127.0.0.1 and resolves once it listens. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token === undefined ? newToken() : checkTokenForm(opts.token);
  const wanted = opts.port ?? 0;
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
    throw new Error(`serve: port ${wanted} is not a port number (0 to 65535)`);
  }
  // The folder's real path, once: every file served must resolve to somewhere inside it.
  const files = staticFiles(opts.staticDir === null ? null : await realpath(opts.staticDir));
  const streams = new EventStreams(opts.subscribe, opts.heartbeatMs ?? HEARTBEAT_MS);
  let port = 0;

  const route = router({ api: opts.api, streams, files, token, port: () => port });
  const server = createServer((req, res) => {
    setBaseHeaders(res);
    const refusal = checkOrigin(req, port);
    if (refusal) return sendError(res, refusal.status, refusal.error);
    const target = parseTarget(req.url);
    if (!target) return sendError(res, 400, 'bad path');
    const via = findToken(req, target.query, token, port);
    if (!via) {
      return sendError(res, 401, 'unauthorized', { 'WWW-Authenticate': 'Bearer' });
    }
    if (req.method === 'OPTIONS') {
      // No CORS: a preflight gets no Access-Control-* header, so the browser stops there.
      return sendError(res, 405, 'method not allowed', { Allow: 'GET, HEAD, POST' });
    }
    Promise.resolve(route(req, res, target.segments, via === 'query')).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    });
  });

  const connections = new Connections(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: wanted, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    port,
    token,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        streams.closeAll();
        server.close((err) => (err ? reject(err) : resolve()));
        connections.closeAll();
      });
      return closing;
    },
  };
}

/** Everything the routes use: the engine, the event streams, the UI files and the token. */
interface Parts {
  api: Api;
  streams: EventStreams;
  files: StaticFiles;
  token: string;
  /** The port, known once the server listens (before the first request). */
  port: () => number;
}

/** The routes behind the checks: `/api/...` for the engine, everything else static. */
function router({ api, streams, files, token, port }: Parts): Route {
  return (req, res, segs, fromQuery) => {
    const [first, name, ...more] = segs;
    if (first !== 'api') {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendError(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      }
      // The printed URL carries the token once; the cookie lets the page's own requests
      // (scripts, styles, fetch, EventSource) through without it.
      const cookie = `${cookieName(port())}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      const page: Record<string, string> = fromQuery ? { 'Set-Cookie': cookie } : {};
      return files.serve(req, res, segs, page);
    }
    if (name === undefined || more.length > 0) return sendError(res, 404, 'not found');
    if (name === 'summary' || name === 'events') {
      if (req.method !== 'GET') return sendError(res, 405, 'method not allowed', { Allow: 'GET' });
      if (name === 'events') return streams.open(res);
      return answerChannel(res, api, 'summary:get', {});
    }
    if (req.method !== 'POST') return sendError(res, 405, 'method not allowed', { Allow: 'POST' });
    return postChannel(req, res, api, name);
  };
}
