/**
 * Where the app's files are, in a development run (dist/ beside build/) and packaged
 * (dist/ inside app.asar, the demo exports in the resources folder), and what to watch
 * when the app starts.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SETTINGS_FILE } from './settings.js';

/** What main knows about where it runs. */
export interface Whereabouts {
  /** The folder of the main bundle (dist/). */
  bundleDir: string;
  /** `app.isPackaged`. */
  packaged: boolean;
  /** `process.resourcesPath`: the packaged app's resources folder. */
  resourcesPath: string;
  /** `app.getPath('userData')`. */
  userData: string;
}

/** The files main needs. */
export interface AppFiles {
  index: string;
  /** The file: URL of index.html: the only page the window may show and hear from. */
  indexUrl: string;
  preload: string;
  worker: string;
  demo: string;
  settings: string;
}

/**
 * A path inside app.asar moved to app.asar.unpacked. The engine worker and sql.js (whose
 * wasm is read from beside it) are unpacked at packaging so the worker thread loads real
 * files rather than relying on Electron's archive support inside threads.
 */
export function unpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The app's files for a run. */
export function appFiles(w: Whereabouts): AppFiles {
  const index = join(w.bundleDir, 'renderer', 'index.html');
  const worker = join(w.bundleDir, 'engine-worker.cjs');
  return {
    index,
    indexUrl: pathToFileURL(index).href,
    preload: join(w.bundleDir, 'preload.cjs'),
    worker: w.packaged ? unpacked(worker) : worker,
    demo: w.packaged ? join(w.resourcesPath, 'demo') : join(w.bundleDir, '..', 'build', 'demo'),
    settings: join(w.userData, SETTINGS_FILE),
  };
}

/**
 * What to watch at start: on a first run (no folder ever chosen) the demo exports, so the
 * app shows something; later, the most recent folder if it is still there (a stick that
 * was unplugged is not replaced by demo data, which could be mistaken for real events).
 */
export function startupFolders(
  recent: readonly string[],
  demo: string,
  exists: (path: string) => boolean,
): string[] {
  const last = recent[0];
  if (last === undefined) return exists(demo) ? [demo] : [];
  return exists(last) ? [last] : [];
}
