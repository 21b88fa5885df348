/**
 * `npm run bench`: generates N lines (default 1,000,000), then measures what the targets
 * of the engine name and prints each figure beside its target; with lnav installed, the
 * same work in lnav. Prints figures; asserts nothing (tests check behaviour).
 */
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../electron/engine/engine.js';
import type { Filter } from '../../shared/api/contract.js';
import { generate } from './generate.js';
import { lnavFigures } from './lnav.js';

const lines = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'seclog-bench-'));
const file = join(dir, 'camera.log');
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const row = (what: string, value: string, target: string, ok: boolean | null) => {
  const verdict = ok === null ? '' : ok ? 'met' : 'NOT MET';
  console.log(`${what.padEnd(56)} ${value.padStart(12)}   target ${target.padEnd(10)} ${verdict}`);
};

async function main() {
  let t = performance.now();
  await generate(file, lines);
  console.log(
    `bench: ${lines.toLocaleString('en')} lines, ${mib(statSync(file).size)}, generated in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );

  const engine = await Engine.create();
  t = performance.now();
  await engine.load([file]);
  const loaded = performance.now() - t;
  const top = engine.store.attackers(undefined, 10);
  const total = performance.now() - t;
  // The other indexes are built after the attackers are ranked (engine.ts #index).
  await engine.indexed();
  const everything = performance.now() - t;
  const rss = process.resourceUsage().maxRSS * 1024;
  const s = engine.store.summary();
  console.log(
    `read ${s.lines} lines: ${s.events} events, ${s.duplicates} duplicates, ${s.malformed} malformed, ${s.other} other; top attacker ${top[0]?.ip} (${top[0]?.events})`,
  );
  row('load (read, parse, dedupe, store, count)', `${(loaded / 1000).toFixed(2)} s`, '', null);
  row('load and rank the attackers', `${(total / 1000).toFixed(2)} s`, '1.5 s', total <= 1500);
  row('... and every other index built', `${(everything / 1000).toFixed(2)} s`, '', null);
  row('peak memory (max RSS)', mib(rss), '400 MiB', rss <= 400 * 2 ** 20);

  const filters: [string, Filter][] = [
    ['no filter', {}],
    ['one day', { from: '2019-06-10', to: '2019-06-10' }],
    ['event type quarantine', { eventTypes: ['quarantine'] }],
    ['rule 1133835', { rules: ['1133835'] }],
    ['attacker (busiest)', { ip: top[0]?.ip ?? '1.1.1.1', ipSide: 'attacker' }],
    ['CIDR 192.168.41.0/24 as victim', { ip: '192.168.41.0/24', ipSide: 'victim' }],
    ['device', { devices: ['192.168.40.77'] }],
    ['message type WRS', { messageTypes: ['wrs'] }],
    ['port 554', { port: 554 }],
    ['text', { text: 'eicar' }],
  ];
  for (const [what, filter] of filters) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const q = performance.now();
      engine.store.queryEvents({ filter, limit: 200 });
      times.push(performance.now() - q);
    }
    const median = times.sort((a, b) => a - b)[2]!;
    row(`filter + first 200 rows: ${what}`, `${median.toFixed(1)} ms`, '20 ms', median <= 20);
  }
  await engine.close();

  const live = await Engine.create({ notifyMs: 20 });
  const liveDir = mkdtempSync(join(tmpdir(), 'seclog-bench-live-'));
  const liveFile = join(liveDir, 'camera.log');
  writeFileSync(liveFile, '');
  await live.watch(liveDir);
  const appended = performance.now();
  const counted = new Promise<number>((resolve) => {
    live.subscribe((n) => {
      if (n.type === 'counts-changed' && n.events === 1) resolve(performance.now() - appended);
    });
  });
  appendFileSync(
    liveFile,
    'Dec 16 00:58:58 [Trend Micro]: 1 s.1133810, 2019/12/16 0:58:58, 10.42.2.33:1775 > 192.168.40.78:80, 10.42.2.33, victim\n',
  );
  const latency = await counted;
  row('appended line counted after', `${latency.toFixed(0)} ms`, '1 s', latency <= 1000);
  await live.close();

  const lnav = lnavFigures(file);
  if (lnav) {
    console.log('');
    row('lnav: load and group by source IP', `${lnav.seconds.toFixed(2)} s`, '', null);
    row('lnav: peak memory', mib(lnav.maxRssBytes), '', null);
    row(
      'seclog / lnav time',
      `${(total / 1000 / lnav.seconds).toFixed(2)}x`,
      '<= 1x',
      total / 1000 <= lnav.seconds,
    );
  } else console.log('\n(lnav is not installed: no comparison)');
  rmSync(dir, { recursive: true, force: true });
  rmSync(liveDir, { recursive: true, force: true });
}

await main();
