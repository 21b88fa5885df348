/** Where the app's files are, and what it watches when it starts. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appFiles, startupFolders, unpacked } from '../../electron/shell/paths.js';

describe('appFiles', () => {
  it('finds everything beside the bundle in a development run', () => {
    const f = appFiles({
      bundleDir: '/src/seclog/dist',
      packaged: false,
      resourcesPath: '/usr/lib/electron/resources',
      userData: '/home/t/.config/seclog',
    });
    expect(f).toEqual({
      index: '/src/seclog/dist/renderer/index.html',
      indexUrl: pathToFileURL('/src/seclog/dist/renderer/index.html').href,
      preload: '/src/seclog/dist/preload.cjs',
      worker: '/src/seclog/dist/engine-worker.cjs',
      demo: join('/src/seclog/build/demo'),
      settings: '/home/t/.config/seclog/seclog-settings.json',
    });
  });

  it('takes the worker from app.asar.unpacked and the demo from resources when packaged', () => {
    const f = appFiles({
      bundleDir: '/opt/seclog/resources/app.asar/dist',
      packaged: true,
      resourcesPath: '/opt/seclog/resources',
      userData: '/home/t/.config/seclog',
    });
    expect(f.worker).toBe('/opt/seclog/resources/app.asar.unpacked/dist/engine-worker.cjs');
    expect(f.preload).toBe('/opt/seclog/resources/app.asar/dist/preload.cjs');
    expect(f.demo).toBe('/opt/seclog/resources/demo');
  });

  it('escapes the page URL, so a folder name cannot change it', () => {
    const f = appFiles({
      bundleDir: '/home/t/my #1 app?/dist',
      packaged: false,
      resourcesPath: '/r',
      userData: '/u',
    });
    expect(new URL(f.indexUrl).pathname).toBe(
      '/home/t/my%20%231%20app%3F/dist/renderer/index.html',
    );
  });
});

describe('unpacked', () => {
  it('moves only a whole app.asar folder segment', () => {
    expect(unpacked('C:\\seclog\\resources\\app.asar\\dist\\w.cjs')).toBe(
      'C:\\seclog\\resources\\app.asar.unpacked\\dist\\w.cjs',
    );
    expect(unpacked('/x/myapp.asar/dist/w.cjs')).toBe('/x/myapp.asar/dist/w.cjs');
    expect(unpacked('/x/dist/w.cjs')).toBe('/x/dist/w.cjs');
  });
});

describe('startupFolders', () => {
  const has =
    (...present: string[]) =>
    (p: string) =>
      present.includes(p);

  it('watches the demo exports on a first run', () => {
    expect(startupFolders([], '/r/demo', has('/r/demo'))).toEqual(['/r/demo']);
  });

  it('watches the most recent folder once one was chosen', () => {
    expect(startupFolders(['/media/usb', '/old'], '/r/demo', has('/media/usb', '/r/demo'))).toEqual(
      ['/media/usb'],
    );
  });

  it('watches nothing, not the demo, when the last folder is gone', () => {
    expect(startupFolders(['/media/usb'], '/r/demo', has('/r/demo'))).toEqual([]);
  });

  it('watches nothing on a first run when the demo is missing', () => {
    expect(startupFolders([], '/r/demo', has())).toEqual([]);
  });
});
