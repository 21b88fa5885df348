/**
 * The parse thread (electron/engine/pipeline/): the built dist/parse-worker.cjs gives the
 * store exactly what parsing in the engine's own thread gives, live appends and imported
 * rules included, and a parse thread that dies leaves an error on the source, not a crash.
 */
import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import { scratch } from '../helpers/scratch.js';
import { WorkerParsing } from '../../electron/engine/pipeline/parsing.js';

const SCRIPT = resolve('dist/parse-worker.cjs');
const LINE = (seq: number, rule = '1133810') =>
  `Dec 16 00:58:58 [Trend Micro]: ${seq} s.${rule}, 2019/12/16 0:58:58, 203.0.113.9:5555 > 192.168.40.78:23, 203.0.113.9, victim\n`;

const made = scratch('parse-thread');

const engine = (parseWorker: string | false) =>
  made.engine({ notifyMs: 20, settleMs: 80, parseWorker });

/** Everything a technician would compare: the summary and every stored event. */
async function everything(e: Engine) {
  const rows = [];
  for await (const page of e.pages()) rows.push(...page.map(({ id: _id, ...r }) => r));
  const { sources, ...totals } = e.store.summary();
  return { totals, sources, rows, malformed: e.store.malformed({ limit: 1000 }) };
}

describe('the parse thread', () => {
  it('is built beside the engine bundle', () => {
    expect(existsSync(SCRIPT)).toBe(true);
  });

  it('stores exactly what parsing in the engine thread stores', async () => {
    const paths = ['test/fixtures/stick', 'build/demo'];
    const threaded = await engine(SCRIPT);
    await threaded.load(paths);
    const inline = await engine(false);
    await inline.load(paths);
    const a = await everything(threaded);
    const b = await everything(inline);
    expect(a.totals.events).toBeGreaterThan(50);
    expect(a.totals.malformed).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });

  it('counts lines appended to a watched file, and uses rules imported meanwhile', async () => {
    const dir = made.tempDir();
    const file = join(dir, 'camera.log');
    writeFileSync(file, LINE(1));
    const e = await engine(SCRIPT);
    await e.watch(dir);
    expect(e.store.summary().events).toBe(1);
    // An unknown rule is a cyber attack until a rule list names it a quarantine.
    await e.api['rules:import']({
      text: 'rule id,event type\n4242,Quarantine event\n',
      name: 'x.csv',
    });
    const counted = new Promise<void>((done) => {
      const stop = e.subscribe(() => {
        if (e.store.summary().events === 3) {
          stop();
          done();
        }
      });
    });
    appendFileSync(file, LINE(2) + LINE(3, '4242'));
    await counted;
    const s = e.store.summary();
    expect(s.byEventType.quarantine).toBe(1);
    expect(s.byEventType.brute_force).toBe(2);
  });

  it('turns a parse thread that dies into an error on the source', async () => {
    const dir = made.tempDir();
    const dying = join(dir, 'dying.cjs');
    // Answers nothing and ends the thread at its first request.
    writeFileSync(
      dying,
      "require('node:worker_threads').parentPort.on('message', () => process.exit(3));",
    );
    const file = join(dir, 'camera.log');
    writeFileSync(file, LINE(1));
    const e = await engine(dying);
    await e.load([file]);
    const [source] = e.store.listSources();
    expect(source?.status).toBe('live');
    expect(source?.error).toMatch(/parse thread stopped/);
    expect(e.store.summary().events).toBe(0);
  });

  it('refuses requests after close', async () => {
    const p = new WorkerParsing(SCRIPT);
    await p.close();
    await expect(p.flush(1)).rejects.toThrow(/closed/);
  });
});
