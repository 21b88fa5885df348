/** The settings file: defaults, field-by-field fallback, atomic writes, recent folders. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_SETTINGS,
  MAX_RECENT,
  parseSettings,
  readSettings,
  SettingsFile,
  withoutRecent,
  withRecent,
  writeSettings,
  type Settings,
} from '../../electron/shell/settings.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seclog-settings-'));
  file = join(dir, 'userData', 'seclog-settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const SAVED: Settings = {
  language: 'es',
  recentFolders: ['/media/usb', '/home/tech/exports'],
  window: { x: 10, y: 20, width: 1000, height: 700, maximized: true },
};

describe('readSettings and writeSettings', () => {
  it('gives the defaults when there is no file yet', async () => {
    expect(await readSettings(file)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads back what it wrote, creating the folder', async () => {
    await writeSettings(file, SAVED);
    expect(await readSettings(file)).toEqual(SAVED);
    expect(readdirSync(join(dir, 'userData'))).toEqual(['seclog-settings.json']);
  });

  it.each([
    ['an empty file', ''],
    ['cut-off JSON', '{"language": "es", "recentFol'],
    ['not JSON', 'language=es'],
    ['JSON null', 'null'],
    ['a JSON array', '["/media/usb"]'],
    ['a JSON string', '"es"'],
    ['binary junk', '\u0000\u00ff\u0001'],
  ])('falls back to the defaults for %s', async (_what, text) => {
    writeFileSync(join(dir, 'bad.json'), text);
    expect(await readSettings(join(dir, 'bad.json'))).toEqual(DEFAULT_SETTINGS);
  });

  it('gives the defaults when the path is a folder', async () => {
    expect(await readSettings(dir)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('parseSettings', () => {
  it('keeps good fields and drops damaged ones one by one', () => {
    expect(
      parseSettings({
        language: 'fr',
        recentFolders: [
          '/ok',
          'relative/path',
          42,
          '/nul\0byte',
          '/ok',
          null,
          `/${'x'.repeat(5000)}`,
        ],
        window: { x: 5, y: 6, width: 900, height: 600, maximized: 'yes' },
        unknown: true,
      }),
    ).toEqual({
      language: null,
      recentFolders: ['/ok'],
      window: { x: 5, y: 6, width: 900, height: 600, maximized: false },
    });
  });

  it.each([
    ['no size', { x: 1, y: 1 }],
    ['a size too small', { width: 10, height: 10 }],
    ['a fractional size', { width: 900.5, height: 600 }],
    ['a size given as text', { width: '900', height: '600' }],
    ['an absurd size', { width: 1e9, height: 600 }],
    ['not an object', 'maximized'],
  ])('forgets a window state with %s', (_what, window) => {
    expect(parseSettings({ window }).window).toBeNull();
  });

  it('keeps a position only as a pair of whole numbers', () => {
    const w = parseSettings({ window: { x: 5, y: 'top', width: 900, height: 600 } }).window;
    expect(w).toEqual({ x: null, y: null, width: 900, height: 600, maximized: false });
  });

  it('keeps at most the allowed number of recent folders', () => {
    const many = Array.from({ length: 30 }, (_, i) => `/f${i}`);
    expect(parseSettings({ recentFolders: many }).recentFolders).toHaveLength(MAX_RECENT);
  });
});

describe('recent folders', () => {
  it('puts a folder first, once, and keeps the list short', () => {
    let s: Settings = { ...DEFAULT_SETTINGS, recentFolders: [] };
    for (let i = 0; i < 15; i++) s = withRecent(s, `/f${i}`);
    s = withRecent(s, '/f10');
    expect(s.recentFolders[0]).toBe('/f10');
    expect(s.recentFolders.filter((p) => p === '/f10')).toHaveLength(1);
    expect(s.recentFolders).toHaveLength(MAX_RECENT);
    expect(withoutRecent(s, '/f10').recentFolders).not.toContain('/f10');
  });
});

describe('SettingsFile', () => {
  it('writes changes in order, so the last change is what the file holds', async () => {
    const settings = new SettingsFile(file);
    await settings.load();
    const writes = [];
    for (let i = 0; i < 20; i++) writes.push(settings.update((s) => withRecent(s, `/f${i}`)));
    writes.push(settings.update((s) => ({ ...s, language: 'es' })));
    await Promise.all(writes);
    await settings.flush();
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    expect(onDisk).toEqual(settings.current);
    expect(onDisk.recentFolders[0]).toBe('/f19');
    expect(onDisk.language).toBe('es');
    expect(readdirSync(join(dir, 'userData'))).toEqual(['seclog-settings.json']);
  });

  it('starts from the defaults over a damaged file and replaces it when changed', async () => {
    await writeSettings(file, SAVED);
    writeFileSync(file, '{"recentFolders": [');
    const settings = new SettingsFile(file);
    expect(await settings.load()).toEqual(DEFAULT_SETTINGS);
    await settings.update((s) => withRecent(s, '/media/usb'));
    expect(await readSettings(file)).toEqual({
      ...DEFAULT_SETTINGS,
      recentFolders: ['/media/usb'],
    });
  });
});
