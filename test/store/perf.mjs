// Manual measurement of the event store on synthetic events (not part of the test run):
//   node test/store/perf.mjs [events]
// Bundles the store with esbuild (sql.js external, as in the CLI bundle), loads the events,
// builds the indexes and times the queries the views run. Prints figures; asserts nothing.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const total = Number(process.argv[2] ?? 1_000_000);
// Inside the project, so the bundles resolve sql.js from node_modules as the CLI does.
mkdirSync('node_modules/.cache', { recursive: true });
const dir = mkdtempSync(join('node_modules/.cache', 'seclog-perf-'));
const common = {
  entryPoints: ['electron/engine/store/index.ts'],
  bundle: true,
  platform: 'node',
  external: ['sql.js'],
  logLevel: 'error',
};
await build({ ...common, format: 'esm', outfile: join(dir, 'store.mjs') });
await build({ ...common, format: 'cjs', outfile: join(dir, 'store.cjs') });

// The CommonJS bundle must find sql.js's wasm as well (the CLI is bundled that way).
const cjs = createRequire(import.meta.url)(join(process.cwd(), dir, 'store.cjs'));
const probe = await cjs.EventStore.open();
probe.close();
const { EventStore } = await import(pathToFileURL(join(process.cwd(), dir, 'store.mjs')).href);

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const RULES = [
  '1133810',
  '1133835',
  '1133820',
  ...Array.from({ length: 40 }, (_, i) => `11340${10 + i}`),
];
let seed = 42;
const rnd = (n) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;

function event(i) {
  const device = ip(0xc0a80000 + rnd(2000));
  // A few heavy attackers and a long tail.
  const attacker = ip(rnd(10) < 3 ? 0xcb007100 + rnd(20) : 0x2d000000 + rnd(50_000));
  const rule = RULES[rnd(10) < 6 ? 0 : rnd(RULES.length)];
  const t = 1_575_158_400 + rnd(30 * 86_400);
  const time = new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return {
    source: 's',
    line: i + 1,
    offset: i * 120,
    envelopeTime: null,
    envelopeLocal: time,
    time,
    device,
    devicePort: 80,
    reporter: null,
    seq: i,
    messageType: 'security_rule',
    eventType: rule === '1133810' ? 'brute_force' : 'cyber_attack',
    ruleId: rule,
    peer: attacker,
    peerPort: 1024 + rnd(60000),
    srcIp: attacker,
    srcPort: 1024 + rnd(60000),
    dstIp: device,
    dstPort: 80,
    originator: attacker,
    direction: 'outside_in',
    role: 'victim',
    roleText: null,
    attacker,
    victim: device,
    repAddress: null,
    repPath: null,
    repScore: null,
    repBand: null,
    repScores: null,
    problems: i % 1000 === 0 ? ['odd originator'] : [],
  };
}

const ms = (t0) => `${(performance.now() - t0).toFixed(1)} ms`;
const store = await EventStore.open();
const root = store.addRoot('synthetic', false);
const sources = [1, 2, 3, 4].map((n) => store.upsertSource(root.id, `synthetic/${n}.log`));

let t0 = performance.now();
let generating = 0;
const CHUNK = 10_000;
for (let at = 0; at < total; at += CHUNK) {
  const g = performance.now();
  const batch = Array.from({ length: Math.min(CHUNK, total - at) }, (_, k) => event(at + k));
  generating += performance.now() - g;
  store.insertEvents(sources[(at / CHUNK) % 4], batch);
}
const insertMs = performance.now() - t0 - generating;
console.log(
  `insert ${total} events: ${insertMs.toFixed(0)} ms` +
    ` (plus ${generating.toFixed(0)} ms making them)`,
);
t0 = performance.now();
store.finishLoad();
console.log(`finishLoad (indexes): ${ms(t0)}`);
t0 = performance.now();
store.attackers(undefined, 10);
console.log(`attackers top 10: ${ms(t0)}`);

const time = (label, fn) => {
  const t = performance.now();
  const out = fn();
  console.log(`${label}: ${ms(t)}`);
  return out;
};
const page = (label, q) => time(`page ${label}`, () => store.queryEvents({ limit: 200, ...q }));

time('summary', () => store.summary());
time('victims top 100', () => store.victims());
time('devices', () => store.devices(undefined, 5000));
time('rules', () => store.rules());
time('timeline 1 h', () => store.timeline(undefined, 3600));
time('ipDetail heavy attacker', () => store.ipDetail('203.0.113.5'));
time('count all', () => store.countEvents());
const first = page('time (no filter)', {});
page('time, next page', { after: first.next });
page('time desc', { desc: true });
for (const sort of ['device', 'peer', 'ruleId', 'eventType', 'messageType', 'source']) {
  page(`sort ${sort}`, { sort });
}
const filters = {
  'one day': { from: '2019-12-10', to: '2019-12-10' },
  'one device': { devices: ['192.168.3.7'] },
  'one attacker': { ip: '45.0.10.10', ipSide: 'attacker' },
  'address any side': { ip: '203.0.113.5' },
  'CIDR /24 attacker': { ip: '45.0.10.0/24', ipSide: 'attacker' },
  'CIDR /16 any side': { ip: '192.168.0.0/16' },
  'rule (rare)': { rules: ['1134020'] },
  'event type quarantine (none)': { eventTypes: ['quarantine'] },
  'port 443 (none)': { port: 443 },
  'with problems': { withProblems: true },
  'text (rare)': { text: '45.0.10.1' },
  'text (none)': { text: 'no such text' },
  'device + type + day': {
    devices: ['192.168.3.7'],
    eventTypes: ['brute_force'],
    from: '2019-12-10',
  },
};
for (const [label, filter] of Object.entries(filters)) {
  page(label, { filter });
  time(`  count ${label}`, () => store.countEvents(filter));
}
t0 = performance.now();
const bytes = store.exportBytes();
console.log(`exportBytes: ${ms(t0)}, ${(bytes.length / 1048576).toFixed(0)} MiB`);
console.log(`rss: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
store.close();
rmSync(dir, { recursive: true, force: true });
