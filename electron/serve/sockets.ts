/**
 * The server's connections, so that closing does not wait on idle ones: browsers and fetch
 * keep connections open between requests, and open spare ones that may never carry a request.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Counts requests in flight per connection; `closeAll` ends each one once it is idle. */
export class Connections {
  readonly #busy = new Map<Socket, number>();
  #closing = false;

  /** Starts tracking the server's connections and requests. */
  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#busy.set(socket, 0);
      socket.once('close', () => this.#busy.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.#request(req, res));
  }

  #request(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.#busy.set(socket, (this.#busy.get(socket) ?? 0) + 1);
    // The answer's close, not the request's: a request closes once its body is read.
    res.once('close', () => {
      const left = (this.#busy.get(socket) ?? 1) - 1;
      this.#busy.set(socket, left);
      if (this.#closing && left === 0) this.#end(socket);
    });
  }

  /** Ends idle connections now and busy ones as soon as their last answer is sent. */
  closeAll(): void {
    this.#closing = true;
    for (const [socket, busy] of this.#busy) if (busy === 0) this.#end(socket);
  }

  #end(socket: Socket): void {
    // end() lets written bytes go out first; destroy() then frees a peer that never answers.
    socket.end(() => socket.destroy());
  }
}
