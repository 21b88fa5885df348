/**
 * What the app remembers between runs (language, recent folders, window bounds), kept in
 * one JSON file in Electron's userData folder. A missing or damaged file, or a damaged
 * field, falls back to the default rather than stopping the app.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute } from 'node:path';

/** The languages of the app. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The window's last normal bounds and whether it was maximized. */
export interface WindowState {
  x: number | null;
  y: number | null;
  width: number;
  height: number;
  maximized: boolean;
}

/** Everything remembered. */
export interface Settings {
  /** Chosen in the Language menu; null means follow the system's language. */
  language: Language | null;
  /** Most recent first. */
  recentFolders: string[];
  window: WindowState | null;
}

/** How many recent folders are kept. */
export const MAX_RECENT = 10;

/** The settings of a first run. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  language: null,
  recentFolders: [],
  window: null,
});

/** The settings file's name inside userData. */
export const SETTINGS_FILE = 'seclog-settings.json';

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function parseWindow(v: unknown): WindowState | null {
  if (typeof v !== 'object' || v === null) return null;
  const w = v as Record<string, unknown>;
  if (!isInt(w.width, 200, 100_000) || !isInt(w.height, 150, 100_000)) return null;
  const coord = (c: unknown) => (isInt(c, -100_000, 100_000) ? c : null);
  const x = coord(w.x);
  const y = coord(w.y);
  // A position means something only as a pair.
  const both = x !== null && y !== null;
  return {
    x: both ? x : null,
    y: both ? y : null,
    width: w.width,
    height: w.height,
    maximized: w.maximized === true,
  };
}

/** Settings from parsed JSON, field by field: each damaged field takes its default. */
export function parseSettings(value: unknown): Settings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ...DEFAULT_SETTINGS, recentFolders: [] };
  }
  const v = value as Record<string, unknown>;
  const language = (LANGUAGES as readonly unknown[]).includes(v.language)
    ? (v.language as Language)
    : null;
  const recent = Array.isArray(v.recentFolders) ? v.recentFolders : [];
  const recentFolders = [
    ...new Set(
      recent.filter(
        (p): p is string =>
          typeof p === 'string' && p.length <= 4096 && !p.includes('\0') && isAbsolute(p),
      ),
    ),
  ].slice(0, MAX_RECENT);
  return { language, recentFolders, window: parseWindow(v.window) };
}

/** Reads the settings file; a missing, unreadable or damaged file gives the defaults. */
export async function readSettings(file: string): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return parseSettings(null);
  }
  try {
    return parseSettings(JSON.parse(text));
  } catch {
    return parseSettings(null);
  }
}

/**
 * Writes the settings whole: to a temporary file first, then renamed over the old one, so
 * a crash mid-write leaves the old file rather than half a new one.
 */
export async function writeSettings(file: string, settings: Settings): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(settings, null, 2) + '\n', 'utf8');
  await rename(temp, file);
}

/** The settings with a folder moved to the front of the recent list. */
export function withRecent(settings: Settings, folder: string): Settings {
  const rest = settings.recentFolders.filter((p) => p !== folder);
  return { ...settings, recentFolders: [folder, ...rest].slice(0, MAX_RECENT) };
}

/** The settings without a folder in the recent list. */
export function withoutRecent(settings: Settings, folder: string): Settings {
  return { ...settings, recentFolders: settings.recentFolders.filter((p) => p !== folder) };
}

/**
 * The settings file of the running app: reads once, then writes each change in order (a
 * later write never lands before an earlier one). Holds no open handle.
 */
export class SettingsFile {
  #current: Settings = parseSettings(null);
  #writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Reads the file (once, at start). */
  async load(): Promise<Settings> {
    this.#current = await readSettings(this.file);
    return this.#current;
  }

  /** The settings as they are now. */
  get current(): Settings {
    return this.#current;
  }

  /** Resolves when every queued write is done (failed writes included). */
  flush(): Promise<void> {
    return this.#writing.catch(() => undefined);
  }

  /** Applies a change and queues the write; resolves when that write is done. */
  update(change: (s: Settings) => Settings): Promise<void> {
    this.#current = change(this.#current);
    const snapshot = this.#current;
    this.#writing = this.#writing.then(
      () => writeSettings(this.file, snapshot),
      () => writeSettings(this.file, snapshot),
    );
    return this.#writing;
  }
}
