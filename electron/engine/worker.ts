/**
 * The engine's worker thread: the host (Electron main, `seclog serve`) only relays
 * messages, so reading, parsing and queries never block it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from './engine.js';
import type { FromWorker, ToWorker, WorkerData } from './protocol.js';

const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const data = (workerData ?? {}) as WorkerData;

/** The engine in use; opening a session replaces it. */
let engine: Engine;

async function main(): Promise<void> {
  engine = await Engine.create(data);
  engine.subscribe((notification) => send({ kind: 'notify', notification }));
  // Requests are not queued behind each other: a watch resolves only after its first scan,
  // and queries must be answered meanwhile. Each store call is synchronous, so calls that
  // interleave at their awaits never see a half-written batch.
  port.on('message', (msg: ToWorker) => void handle(msg));
  send({ kind: 'ready' });
}

main().catch((err: unknown) => {
  // The host sees the worker exit with this error; nothing else can be answered.
  throw err;
});

async function handle(msg: ToWorker): Promise<void> {
  try {
    let value: unknown;
    if (msg.kind === 'call') {
      const fn = engine.api[msg.channel] as (r: unknown) => Promise<unknown>;
      value = await fn(msg.request);
    } else if (msg.kind === 'watch') value = await engine.watch(msg.path, { poll: msg.poll });
    else if (msg.kind === 'load') value = await engine.load(msg.paths);
    else if (msg.kind === 'save-session') value = engine.store.exportBytes();
    else if (msg.kind === 'open-session') {
      // Check the bytes first: a file that is no session must not close the open one.
      const next = await Engine.create({ ...data, session: msg.bytes });
      await engine.close();
      engine = next;
      engine.subscribe((notification) => send({ kind: 'notify', notification }));
      send({ kind: 'notify', notification: { type: 'sources-changed' } });
      value = null;
    } else if (msg.kind === 'export') value = await engine.exportTo(msg.format, msg.out);
    else {
      await engine.close();
      value = null;
    }
    send({ kind: 'result', id: msg.id, value });
    if (msg.kind === 'close') port.close();
  } catch (err) {
    send({ kind: 'error', id: msg.id, message: err instanceof Error ? err.message : String(err) });
  }
}
