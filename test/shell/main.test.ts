/**
 * The built main script (dist/main.cjs) run on Node with a fake `electron` module: nothing
 * can launch Electron here, so this checks how main wires the pieces together, with the
 * real engine worker watching the demo exports on a first run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HANDLED_CHANNELS, NOTIFY_CHANNEL } from '../../electron/shell/channels.js';
import { CSP, webPreferences } from '../../electron/shell/security.js';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

const DIST = resolve('dist');
const INDEX_URL = pathToFileURL(join(DIST, 'renderer', 'index.html')).href;

/** Waits until `probe` gives a value, polling briefly, or fails after `ms`. */
async function until<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A fake Electron that records what main asks of it. */
function fakeElectron(userData: string) {
  const rec = {
    appHandlers: new Map<string, Fn>(),
    ipc: new Map<string, Fn>(),
    windows: [] as { options: Record<string, unknown>; loads: unknown[][] }[],
    sent: [] as unknown[][],
    opened: [] as string[],
    quit: 0,
    sandbox: 0,
    menu: null as unknown,
    session: {} as Record<string, Fn>,
  };
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  class BrowserWindow {
    webContents = {
      id: 1,
      getURL: () => `${INDEX_URL}?lang=es`,
      send: (...args: unknown[]) => rec.sent.push(args),
    };
    #record: { options: Record<string, unknown>; loads: unknown[][] };
    constructor(options: Record<string, unknown>) {
      this.#record = { options, loads: [] };
      rec.windows.push(this.#record);
    }
    loadFile(...args: unknown[]) {
      this.#record.loads.push(args);
      return Promise.resolve();
    }
    maximize() {}
    once() {}
    on() {}
    isDestroyed = () => false;
  }
  const electron = {
    app: {
      isPackaged: false,
      getPath: (name: string) => (name === 'userData' ? userData : tmpdir()),
      requestSingleInstanceLock: () => true,
      enableSandbox: () => rec.sandbox++,
      on: (event: string, fn: Fn) => rec.appHandlers.set(event, fn),
      whenReady: () => whenReady,
      getLocale: () => 'es-ES',
      getVersion: () => '0.1.0',
      quit: () => rec.quit++,
      exit: (code: number) => {
        throw new Error(`main exited with ${code}`);
      },
    },
    BrowserWindow,
    dialog: {
      showErrorBox: (title: string, text: string) => {
        throw new Error(`error box: ${title}: ${text}`);
      },
      showMessageBox: async () => ({ response: 0 }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    },
    ipcMain: { handle: (channel: string, fn: Fn) => rec.ipc.set(channel, fn) },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: unknown) => (rec.menu = m),
    },
    Notification: class {
      static isSupported = () => false;
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1050 } }],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (rec.session.request = fn),
        setPermissionCheckHandler: (fn: Fn) => (rec.session.check = fn),
        setDevicePermissionHandler: (fn: Fn) => (rec.session.device = fn),
        webRequest: { onHeadersReceived: (fn: Fn) => (rec.session.headers = fn) },
      },
    },
    shell: { openExternal: async (url: string) => rec.opened.push(url) },
  };
  return { electron, rec, ready };
}

let dir: string;
let fake: ReturnType<typeof fakeElectron>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'seclog-main-'));
  fake = fakeElectron(join(dir, 'userData'));
  const file = join(DIST, 'main.cjs');
  const realRequire = createRequire(file);
  const module = { exports: {} };
  const run = new Function(
    'require',
    'module',
    'exports',
    '__filename',
    '__dirname',
    readFileSync(file, 'utf8'),
  );
  run(
    (name: string) => (name === 'electron' ? fake.electron : realRequire(name)),
    module,
    module.exports,
    file,
    DIST,
  );
});

afterAll(async () => {
  // Quitting closes the engine worker; main then asks the app to quit again.
  const willQuit = fake.rec.appHandlers.get('will-quit');
  if (willQuit) {
    willQuit({ preventDefault: () => {} });
    await until(() => (fake.rec.quit > 0 ? true : undefined), 10_000);
  }
  rmSync(dir, { recursive: true, force: true });
});

const fromWindow = {
  sender: { id: 1 },
  senderFrame: { url: `${INDEX_URL}?lang=es`, parent: null },
};

describe('main, before the app is ready', () => {
  it('takes the single-instance lock, enables the sandbox and listens to the app', () => {
    expect(fake.rec.sandbox).toBe(1);
    expect([...fake.rec.appHandlers.keys()].sort()).toEqual([
      'second-instance',
      'web-contents-created',
      'will-quit',
      'window-all-closed',
    ]);
  });
});

describe('main, once ready', () => {
  beforeAll(async () => {
    fake.ready();
    await until(() => fake.rec.windows[0], 10_000);
  });

  it('opens one window with the written-out web preferences and the preload', () => {
    expect(fake.rec.windows).toHaveLength(1);
    const options = fake.rec.windows[0]!.options;
    expect(options.webPreferences).toEqual(webPreferences(join(DIST, 'preload.cjs')));
    expect(options.show).toBe(false);
  });

  it('loads the app page in the system language', () => {
    expect(fake.rec.windows[0]!.loads).toEqual([
      [join(DIST, 'renderer', 'index.html'), { query: { lang: 'es' } }],
    ]);
  });

  it('answers exactly the contract channels and the shell channels', () => {
    expect([...fake.rec.ipc.keys()].sort()).toEqual([...HANDLED_CHANNELS].sort());
  });

  it('denies permissions and puts the CSP on responses', () => {
    const answers: boolean[] = [];
    fake.rec.session.request!({}, 'media', (ok: boolean) => answers.push(ok));
    expect(answers).toEqual([false]);
    expect(fake.rec.session.check!({}, 'notifications')).toBe(false);
    expect(fake.rec.session.device!({})).toBe(false);
    let headers: unknown;
    fake.rec.session.headers!(
      { url: INDEX_URL, responseHeaders: { 'content-security-policy': ['x'] } },
      (r: { responseHeaders: unknown }) => (headers = r.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Security-Policy': [CSP] });
  });

  it('sets the menu', () => {
    expect(Array.isArray(fake.rec.menu)).toBe(true);
  });

  it('watches the demo exports on a first run and answers the window via the engine', async () => {
    const summary = fake.rec.ipc.get('summary:get')!;
    const events = await until(async () => {
      const s = (await summary(fromWindow, {})) as { events: number };
      return s.events > 0 ? s.events : undefined;
    }, 15_000);
    expect(events).toBeGreaterThan(0);
    const roots = (await fake.rec.ipc.get('roots:list')!(fromWindow, {})) as { path: string }[];
    expect(roots.map((r) => r.path)).toEqual([join(resolve('build'), 'demo')]);
  });

  it('forwards engine notifications to the app page', async () => {
    await until(() => fake.rec.sent.find((s) => s[0] === NOTIFY_CHANNEL), 10_000);
  });

  it('refuses roots:add, bad requests and foreign senders', async () => {
    const call = (channel: string, event: unknown, arg: unknown) =>
      fake.rec.ipc.get(channel)!(event, arg) as Promise<unknown>;
    await expect(call('roots:add', fromWindow, { path: '/etc' })).rejects.toThrow(/roots:add/);
    await expect(call('events:line', fromWindow, { id: 'x' })).rejects.toThrow(/id/);
    const foreign = { ...fromWindow, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(call('summary:get', foreign, {})).rejects.toThrow(/^refused/);
    await expect(call('summary:get', { ...fromWindow, sender: { id: 2 } }, {})).rejects.toThrow(
      /^refused/,
    );
  });

  it('denies new windows and foreign navigation in every webContents', () => {
    const handlers = new Map<string, Fn>();
    let openHandler: Fn = () => undefined;
    const contents = {
      setWindowOpenHandler: (fn: Fn) => (openHandler = fn),
      on: (event: string, fn: Fn) => handlers.set(event, fn),
    };
    fake.rec.appHandlers.get('web-contents-created')!({}, contents);
    expect(openHandler({ url: 'https://www.vivotek.com/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    const navigate = (event: string, url: string) => {
      let prevented = false;
      handlers.get(event)!({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('will-navigate', 'https://10.0.0.1/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', `${INDEX_URL}?lang=en`)).toBe(false);
    expect(navigate('will-redirect', 'https://www.vivotek.com/')).toBe(true);
    expect(navigate('will-attach-webview', 'file:///x')).toBe(true);
    // Only the checked https link reached the system browser.
    expect(fake.rec.opened).toEqual(['https://www.vivotek.com/']);
  });
});
