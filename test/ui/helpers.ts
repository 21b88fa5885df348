/**
 * Runs `seclog serve` on a temp copy of a fixture folder and drives Debian's Chromium
 * against it. Whoever calls `startUi` must call `stop` (it ends the browser, the server and
 * removes the temp folder).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian installs Chromium; the UI tests are skipped when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
/** Whether the browser is there; print the reason once when it is not. */
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`UI tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
}

/** The demo exports from the vendor's guide. */
export const DEMO = join(process.cwd(), 'build', 'demo');
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** A running server with a browser page open on it. */
export interface Ui {
  page: Page;
  browser: Browser;
  /** The temp copy of the fixture the server watches. */
  dir: string;
  /** The printed address, token included. */
  url: string;
  /** Opens `hash` (e.g. `#/events`) in the page. */
  open(hash: string): Promise<void>;
  /** Saves a screenshot as test-results/screenshots/<name>.png. */
  shot(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Waits for the `seclog: open URL` line; rejects when the process ends or time runs out. */
function waitForUrl(child: ChildProcess, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}${err}`)), ms);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /seclog: open (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
}

/** Copies `fixture` (plus any extra files) to a temp folder, serves it and opens a page. */
export async function startUi(
  fixture: string,
  opts: { locale?: string; extra?: Record<string, string> } = {},
): Promise<Ui> {
  const dir = await mkdtemp(join(tmpdir(), 'seclog-ui-'));
  await cp(fixture, dir, { recursive: true });
  for (const [name, text] of Object.entries(opts.extra ?? {})) {
    await writeFile(join(dir, name), text);
  }
  const child = spawn(process.execPath, ['dist/seclog.cjs', 'serve', '--port', '0', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let browser: Browser | null = null;
  const stop = async () => {
    await browser?.close();
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const url = await waitForUrl(child, 15_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({
      locale: opts.locale ?? 'en-US',
      viewport: { width: 1280, height: 860 },
    });
    const page = await context.newPage();
    await page.goto(url);
    const base = new URL(url).origin;
    await mkdir(SHOTS, { recursive: true });
    return {
      page,
      browser,
      dir,
      url,
      open: async (hash) => {
        await page.goto(`${base}/${hash}`);
      },
      shot: async (name) => {
        await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
