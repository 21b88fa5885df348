// `npm run dist` (after `npm run build`): packages the app for this platform with
// electron-builder into release/, with package.json's "build" settings and the Electron fuses
// of electron/shell/fuses.ts. electron-builder downloads the Electron binary from GitHub;
// where it cannot, this says so in one line instead of a stack.
//   --electron-dist <folder>  package an Electron already unpacked there (no download)
//   --output <folder>         write the package there instead of release/
// test/shell/packaging.test.ts runs this script with both, around a stand-in Electron.
import { build } from 'electron-builder';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

let args;
try {
  ({ values: args } = parseArgs({
    options: { 'electron-dist': { type: 'string' }, output: { type: 'string' } },
  }));
} catch (err) {
  console.error(`dist: ${err.message}`);
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const version = pkg.optionalDependencies?.electron ?? '';

const config = {};
// electron-builder learns the Electron version from the installed electron package. That
// package is optional: where its binary could not be downloaded, npm leaves it out, and
// the pinned version says the same.
try {
  createRequire(import.meta.url).resolve('electron/package.json');
} catch {
  config.electronVersion = version;
}
if (args['electron-dist'] !== undefined) config.electronDist = resolve(args['electron-dist']);
if (args.output !== undefined) config.directories = { output: resolve(args.output) };

/** Errors of the download (the HTTP client's and the operating system's network errors). */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const HTTP_ERRORS = new Set(['RequestError', 'HTTPError', 'TimeoutError', 'MaxRedirectsError']);

function isDownloadFailure(err) {
  return NETWORK_CODES.has(err?.code) || HTTP_ERRORS.has(err?.name);
}

try {
  await build({ publish: 'never', config });
} catch (err) {
  if (config.electronDist === undefined && isDownloadFailure(err)) {
    console.error(
      `dist: cannot download the Electron ${version} binary (${err.message}); packaging needs access to github.com, or pass --electron-dist <folder> with that Electron unpacked`,
    );
    process.exit(1);
  }
  throw err;
}
