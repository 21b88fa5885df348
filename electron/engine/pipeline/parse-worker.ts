/**
 * The parse thread: reads requests from the engine's thread in order and answers each with
 * what the store must write, moving the packed arrays instead of copying them. On a machine
 * with two cores, parsing the next batch overlaps with storing the last.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { ParseHost, type ParseRequest } from './host.js';

const port = parentPort!;
const host = new ParseHost();

/**
 * A full garbage collection, when the runtime lets this thread ask for one. What the thread
 * keeps between requests is small (the ledger lives outside the heap), but V8 lets the
 * garbage of parsed batches pile up to about 90 MiB before it collects on its own, which
 * on a million lines took the process past its memory target (README, Speed and memory).
 */
const collect: (() => void) | null = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
})();

/** Whether requests were answered since the last collection. */
let busy = false;
// Twice a second while requests come, and once after they stop; nothing while idle. Tried
// against collecting every few requests: the heap also shrinks back between loads this way.
if (collect) {
  setInterval(() => {
    if (!busy) return;
    busy = false;
    collect();
  }, 500).unref();
}

port.on('message', (msg: { seq: number; req: ParseRequest }) => {
  busy = true;
  try {
    const value = host.handle(msg.req);
    const transfer = value ? [value.rows.numbers.buffer as ArrayBuffer] : [];
    port.postMessage({ seq: msg.seq, value }, transfer);
  } catch (err) {
    port.postMessage({ seq: msg.seq, error: err instanceof Error ? err.message : String(err) });
  }
});
