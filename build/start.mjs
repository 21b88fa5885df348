// `npm start`: runs the desktop app when the Electron binary is installed. Where it is not
// (it cannot be downloaded on the build machines), says so in one line and serves the same
// UI to a browser with `seclog serve` on the demo exports. Builds dist/ first if needed.
// A plain Node script: the check for the binary never loads Electron itself.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The Electron executable, or null: the package's index throws or names a missing file. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const BUILT = ['seclog.cjs', 'engine-worker.cjs', 'main.cjs', 'preload.cjs', 'renderer/index.html'];
if (BUILT.some((file) => !existsSync(join(root, 'dist', file)))) {
  // The build's own messages go to stderr, so stdout keeps to the promised lines.
  const built = spawnSync(process.execPath, ['build/build.mjs'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const binary = electronBinary();
let child;
if (binary) {
  // `electron .` reads package.json: "main" is dist/main.cjs, and the app's name there
  // decides where its settings are kept.
  child = spawn(binary, [root], { cwd: root, stdio: 'inherit' });
} else {
  console.log(
    'seclog: the Electron binary is not installed here; serving the same UI in the browser instead',
  );
  const cli = join(root, 'dist', 'seclog.cjs');
  child = spawn(process.execPath, [cli, 'serve', join(root, 'build', 'demo')], {
    cwd: root,
    stdio: 'inherit',
  });
}

child.on('error', (err) => {
  console.error(`seclog: cannot start ${binary ?? 'seclog serve'}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
// A terminal's Ctrl+C reaches the child too (same process group): forwarding it would
// interrupt the child's own orderly shutdown, so SIGINT is only kept from ending us first.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
