/**
 * The parse thread: reads requests from the engine's thread in order and answers each with
 * what the store must write, moving the packed arrays instead of copying them. On a machine
 * with two cores, parsing the next batch overlaps with storing the last.
 */
import { parentPort } from 'node:worker_threads';
import { ParseHost, type ParseRequest } from './host.js';

const port = parentPort!;
const host = new ParseHost();

port.on('message', (msg: { seq: number; req: ParseRequest }) => {
  try {
    const value = host.handle(msg.req);
    const transfer = value ? [value.events.numbers.buffer, value.events.addresses.buffer] : [];
    port.postMessage({ seq: msg.seq, value }, transfer as ArrayBuffer[]);
  } catch (err) {
    port.postMessage({ seq: msg.seq, error: err instanceof Error ? err.message : String(err) });
  }
});
