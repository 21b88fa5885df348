/**
 * `GET /api/events`: engine notifications as server-sent events, one `data:` line of JSON
 * each, with a comment line now and then so idle proxies and browsers keep the stream open.
 */
import type { ServerResponse } from 'node:http';
import type { Notification } from '../../shared/api/types.js';

/** Subscribes to engine notifications; the returned function unsubscribes. */
export type Subscribe = (listener: (n: Notification) => void) => () => void;

/** How often an idle stream gets a comment line. */
export const HEARTBEAT_MS = 15_000;

// A client that stops reading must not make the server hold its notifications forever:
// past this many unsent bytes the stream is ended and the browser's EventSource reconnects.
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * The open event streams. Each holds an engine subscription and a timer, both released when
 * the client disconnects or `closeAll` runs; the server calls `closeAll` when it closes.
 */
export class EventStreams {
  readonly #ends = new Set<(hard?: boolean) => void>();

  constructor(
    private readonly subscribe: Subscribe,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** How many streams are open. */
  get size(): number {
    return this.#ends.size;
  }

  /** Turns the answer into an event stream that lasts until the client goes away. */
  open(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'X-Accel-Buffering': 'no',
      // Never reused for another request, and closing it at the end lets close() finish.
      Connection: 'close',
    });
    // Sends the headers now, so the client's EventSource reports open at once.
    res.write(': seclog events\n\n');
    let ended = false;
    let unsubscribe = () => {};
    // Runs `write`, defined below, only once the interval has passed.
    const timer = setInterval(() => write(': ping\n\n'), this.heartbeatMs);
    timer.unref();
    // `hard`: the client stopped reading, so ending politely would wait on it forever.
    const end = (hard = false) => {
      if (ended) return;
      ended = true;
      this.#ends.delete(end);
      clearInterval(timer);
      unsubscribe();
      if (hard) res.destroy();
      else res.end();
    };
    const write = (text: string) => {
      if (ended) return;
      if (res.writableLength > MAX_BACKLOG_BYTES) end(true);
      else res.write(text);
    };
    this.#ends.add(end);
    res.on('close', () => end());
    // JSON.stringify escapes line breaks, so each notification is exactly one data line.
    const stop = this.subscribe((n) => write(`data: ${JSON.stringify(n)}\n\n`));
    // The client may already be gone (or the backlog full) by the time subscribe returns.
    if (ended) return stop();
    unsubscribe = stop;
  }

  /** Ends every open stream and releases its subscription. */
  closeAll(): void {
    for (const end of [...this.#ends]) end();
  }
}
