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

async function main(): Promise<void> {
  const engine = await Engine.create(data);
  engine.subscribe((notification) => send({ kind: 'notify', notification }));
  // Requests are not queued behind each other: a watch resolves only after its first scan,
  // and queries must be answered meanwhile. Each store call is synchronous, so calls that
  // interleave at their awaits never see a half-written batch.
  port.on('message', (msg: ToWorker) => void handle(engine, msg));
  send({ kind: 'ready' });
}

main().catch((err: unknown) => {
  // The host sees the worker exit with this error; nothing else can be answered.
  throw err;
});

async function handle(engine: Engine, msg: ToWorker): Promise<void> {
  try {
    let value: unknown;
    if (msg.kind === 'call') {
      const fn = engine.api[msg.channel] as (r: unknown) => Promise<unknown>;
      value = await fn(msg.request);
    } else if (msg.kind === 'watch') value = await engine.watch(msg.path, { poll: msg.poll });
    else if (msg.kind === 'load') value = await engine.load(msg.paths);
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
