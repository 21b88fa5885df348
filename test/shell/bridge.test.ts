/**
 * The preload bridge: built from the contract's channel list, and the built preload script
 * run as Electron's sandbox runs it (CommonJS, `require` of 'electron' only).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { channels } from '../../shared/api/contract.js';
import type { Notification } from '../../shared/api/types.js';
import {
  buildBridge,
  MAX_DROPPED_PATHS,
  pathsFromDrop,
  type RendererIpc,
} from '../../electron/shell/bridge.js';
import { NOTIFY_CHANNEL, SHELL_CHANNELS } from '../../electron/shell/channels.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A fake ipcRenderer that records invokes and keeps listeners. */
function fakeIpc() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: RendererIpc = {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return 'answer';
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, ...args: unknown[]) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'main' }, ...args);
  };
  return { ipc, invoked, listeners, emit };
}

const EXPECTED_KEYS = [...Object.keys(channels), 'subscribe', 'addFolder'].sort();

describe('buildBridge', () => {
  it('exposes exactly the contract channels, subscribe and addFolder', () => {
    expect(Object.keys(buildBridge(fakeIpc().ipc)).sort()).toEqual(EXPECTED_KEYS);
  });

  it('turns each call into one invoke on its channel with only the first argument', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = buildBridge(ipc) as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const channel of Object.keys(channels)) {
      await expect(bridge[channel]!({ limit: 1 }, 'extra', '/etc/passwd')).resolves.toBe('answer');
    }
    expect(invoked).toEqual(Object.keys(channels).map((c) => [c, { limit: 1 }]));
  });

  it('sends a missing request as an empty object, as the HTTP client does', async () => {
    const { ipc, invoked } = fakeIpc();
    await buildBridge(ipc)['summary:get'](undefined as never);
    expect(invoked).toEqual([['summary:get', {}]]);
  });

  it('asks for the folder dialog with no argument at all', async () => {
    const { ipc, invoked } = fakeIpc();
    await buildBridge(ipc).addFolder();
    expect(invoked).toEqual([[SHELL_CHANNELS.addFolder]]);
  });

  it('delivers notifications until the listener unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const got: Notification[] = [];
    const stop = buildBridge(ipc).subscribe((n) => got.push(n));
    emit(NOTIFY_CHANNEL, { type: 'sources-changed' });
    stop();
    emit(NOTIFY_CHANNEL, { type: 'sources-changed' });
    expect(got).toEqual([{ type: 'sources-changed' }]);
    expect(listeners.get(NOTIFY_CHANNEL)?.size).toBe(0);
  });
});

describe('pathsFromDrop', () => {
  const files = (...names: string[]) => ({ files: names });
  const pathOf = (name: string) => (name.startsWith('/') ? name : '');

  it('gives the disk paths of the files of a drop the user made', () => {
    expect(pathsFromDrop({ isTrusted: true, dataTransfer: files('/a', '/b c') }, pathOf)).toEqual([
      '/a',
      '/b c',
    ]);
  });

  it('gives nothing for a drop that a page script dispatched', () => {
    expect(pathsFromDrop({ isTrusted: false, dataTransfer: files('/a') }, pathOf)).toEqual([]);
  });

  it('leaves out files that have no path on disk (built by a script)', () => {
    expect(pathsFromDrop({ isTrusted: true, dataTransfer: files('made', '/a') }, pathOf)).toEqual([
      '/a',
    ]);
  });

  it('gives nothing for a drop without data and caps how many paths one drop gives', () => {
    expect(pathsFromDrop({ isTrusted: true, dataTransfer: null }, pathOf)).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `/f${i}`);
    expect(pathsFromDrop({ isTrusted: true, dataTransfer: { files: many } }, pathOf)).toHaveLength(
      MAX_DROPPED_PATHS,
    );
  });
});

describe('the built preload script (dist/preload.cjs)', () => {
  const code = readFileSync('dist/preload.cjs', 'utf8');

  /** Runs the bundle with only what a sandboxed preload gets, and fakes for Electron. */
  function runPreload() {
    const { ipc, invoked } = fakeIpc();
    const exposed = new Map<string, unknown>();
    const windowListeners = new Map<string, (event: unknown) => void>();
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
      ipcRenderer: ipc,
      webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
    };
    const module = { exports: {} };
    runInNewContext(code, {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
      module,
      exports: module.exports,
      console,
      window: {
        addEventListener: (type: string, l: (e: unknown) => void) => windowListeners.set(type, l),
      },
    });
    return { exposed, invoked, windowListeners, required };
  }

  it('is CommonJS without a shebang line and requires nothing but electron', () => {
    expect(code.startsWith('#!')).toBe(false);
    expect(code).not.toMatch(/\bimport\s*[{*(]|\bimport\.meta\b|^export /m);
    const { required } = runPreload();
    expect([...new Set(required)]).toEqual(['electron']);
  });

  it('exposes window.seclog with exactly the contract channels, subscribe and addFolder', () => {
    const { exposed } = runPreload();
    expect([...exposed.keys()]).toEqual(['seclog']);
    expect(Object.keys(exposed.get('seclog') as object).sort()).toEqual(EXPECTED_KEYS);
  });

  it('sends the paths of a user drop to main and ignores a scripted one', () => {
    const { invoked, windowListeners } = runPreload();
    const drop = windowListeners.get('drop')!;
    let prevented = 0;
    const event = (isTrusted: boolean, paths: string[]) => ({
      isTrusted,
      dataTransfer: { files: paths.map((path) => ({ path })) },
      preventDefault: () => prevented++,
    });
    drop(event(false, ['/etc']));
    drop(event(true, ['/media/usb', '']));
    expect(invoked).toEqual([[SHELL_CHANNELS.drop, { paths: ['/media/usb'] }]]);
    expect(prevented).toBe(2);
    expect(windowListeners.has('dragover')).toBe(true);
  });
});
