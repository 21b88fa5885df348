/**
 * The one API object the views talk to. In Electron the preload bridge puts the same shape on
 * `window.seclog`; under `seclog serve` it is built here from the contract's channel table:
 * `POST /api/<channel>` with the page's cookie, and notifications over server-sent events.
 */
import { channels, type Api, type Channel } from '../../../shared/api/contract.js';
import type { Notification } from '../../../shared/api/types.js';

/** Receives engine notifications. */
export type Listener = (n: Notification) => void;

/** The contract's channels plus the notification stream. */
export interface SeclogApi extends Api {
  /** Calls `listener` for each notification until the returned function is called. */
  subscribe(listener: Listener): () => void;
}

/** Why a request failed: the engine's message and the HTTP status (0 when none came). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function post(channel: Channel, request: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request ?? {}),
    });
  } catch (err) {
    throw new ApiError(`${channel}: the server cannot be reached (${String(err)})`, 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    throw new ApiError(typeof error === 'string' ? error : res.statusText, res.status);
  }
  return body;
}

/**
 * One EventSource shared by every listener; it is opened by the first subscription and
 * closed when the last one unsubscribes. The browser reconnects it by itself after errors.
 */
function sseSubscribe(): (listener: Listener) => () => void {
  const listeners = new Set<Listener>();
  let source: EventSource | null = null;
  const onMessage = (e: MessageEvent<string>) => {
    let n: Notification;
    try {
      n = JSON.parse(e.data) as Notification;
    } catch {
      return; // Not one of ours: the stream only carries JSON notifications.
    }
    for (const l of [...listeners]) l(n);
  };
  return (listener) => {
    listeners.add(listener);
    if (!source) {
      source = new EventSource('/api/events');
      source.addEventListener('message', onMessage);
      // What changed before the stream (re)opened was never announced on it: tell the
      // listeners to look again, as if the engine had said so.
      source.addEventListener('open', () => {
        for (const l of [...listeners]) l({ type: 'sources-changed' });
      });
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  };
}

/** The API over HTTP, one function per channel of the contract. */
export function httpApi(): SeclogApi {
  const calls = Object.fromEntries(
    Object.keys(channels).map((name) => [name, (req: unknown) => post(name as Channel, req)]),
  ) as unknown as Api;
  return { ...calls, subscribe: sseSubscribe() };
}

/** The preload bridge when the page runs in the Electron window, else the HTTP client. */
function pick(): SeclogApi {
  const bridge = (globalThis as { seclog?: SeclogApi }).seclog;
  return bridge ?? httpApi();
}

/** The API object every view uses. */
export const api: SeclogApi = pick();
