/**
 * The Electron fuses of the packaged app: switches compiled into the Electron binary that
 * packaging sets for good, so no environment variable or command-line flag can turn them
 * back at run time. This table is the one place they are decided. electron-builder applies
 * it (build/electron-builder.fuses.ts, which package.json's "build" extends), and
 * test/shell/packaging.test.ts packages the app and reads every fuse back from the binary.
 */

/** One fuse: where it sits in Electron's fuse wire, its setting, and why. */
export interface Fuse {
  /** Its position in the wire (Electron's fuse schema, version 1, in the order Electron lists them). */
  readonly index: number;
  readonly enabled: boolean;
  readonly why: string;
}

/** The version of Electron's fuse wire these positions belong to. */
export const FUSE_WIRE_VERSION = 1;

const fuse = (index: number, enabled: boolean, why: string): Fuse =>
  Object.freeze({ index, enabled, why });

/** Every fuse, named as electron-builder's `electronFuses` option names it. */
export const FUSES = Object.freeze({
  runAsNode: fuse(
    0,
    false,
    'ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js that runs any script; the engine uses a worker thread, never a forked Electron.',
  ),
  enableCookieEncryption: fuse(
    1,
    true,
    "Whatever Chromium keeps in its cookie store is encrypted with the OS's keys; the app sets no cookies, so nothing is lost by the one-way switch.",
  ),
  enableNodeOptionsEnvironmentVariable: fuse(
    2,
    false,
    'NODE_OPTIONS (--require, --import) and NODE_EXTRA_CA_CERTS would let the environment load code or trust into main.',
  ),
  enableNodeCliInspectArguments: fuse(
    3,
    false,
    '--inspect and SIGUSR1 would open a debugger into main, which holds every path and file the user chose.',
  ),
  enableEmbeddedAsarIntegrityValidation: fuse(
    4,
    true,
    'app.asar is checked against the hash electron-builder embeds (macOS and Windows; Electron does not check it on Linux yet).',
  ),
  onlyLoadAppFromAsar: fuse(
    5,
    true,
    'Electron loads the app only from app.asar, never from an app folder or default_app.asar put beside it.',
  ),
  loadBrowserProcessSpecificV8Snapshot: fuse(
    6,
    false,
    'The app ships no V8 snapshot of its own for main; the default snapshot is the one Electron was tested with.',
  ),
  grantFileProtocolExtraPrivileges: fuse(
    7,
    true,
    'Kept on: the window loads dist/renderer/index.html over file:, and without these privileges Chromium blocks the module scripts Vite emits (a file: page has origin null). Serving the UI from a custom protocol in main would let this fuse go off.',
  ),
});

export type FuseName = keyof typeof FUSES;

/** The table as electron-builder's `electronFuses` option: each fuse's name and setting. */
export function builderFuses(): Record<FuseName, boolean> {
  const out = {} as Record<FuseName, boolean>;
  for (const [name, { enabled }] of Object.entries(FUSES) as [FuseName, Fuse][]) {
    out[name] = enabled;
  }
  return out;
}
