/** The virtual events table over several keyset pages: only visible rows are in the page. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, startUi, type Ui } from './helpers.js';

const WAIT = { timeout: 15_000 };
const ROWS = 2600; // more than five pages of 500

/** One brute-force line per second from 00:00:00, from a different address each time. */
function line(i: number): string {
  const h = Math.floor(i / 3600);
  const m = Math.floor(i / 60) % 60;
  const s = i % 60;
  const ip = `10.1.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  return (
    `Dec 16 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:` +
    `${String(s).padStart(2, '0')} [Trend Micro]: ${i + 1} s.1133810, 2019/12/16 ${h}:${m}:${s}, ` +
    `${ip}:1000 > 192.168.40.78:80, ${ip}, victim`
  );
}

describe.skipIf(!hasChromium)('the events table with thousands of rows', () => {
  let ui: Ui;
  let fixture: string;
  beforeAll(async () => {
    fixture = await mkdtemp(join(tmpdir(), 'seclog-paging-'));
    const text = Array.from({ length: ROWS }, (_, i) => line(i)).join('\n');
    await writeFile(join(fixture, 'camera.log'), `${text}\n`);
    ui = await startUi(fixture);
  }, 30_000);
  afterAll(async () => {
    await ui?.stop();
    await rm(fixture, { recursive: true, force: true });
  });

  it('renders only the rows in view and reaches the last row with the End key', async () => {
    const { page } = ui;
    await ui.open('#/events');
    await page.getByTestId('events-count').filter({ hasText: '2,600 events' }).waitFor(WAIT);
    await page.getByTestId('event-row').first().filter({ hasText: '10.1.0.1' }).waitFor(WAIT);
    expect(await page.getByTestId('event-row').count()).toBeLessThan(60);
    await page.getByTestId('events-grid').focus();
    // The last page is reached by one jump, not by fetching the four pages between.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/events:query')) asked.push(r.postData() ?? '');
    });
    await page.keyboard.press('End');
    // The last event in time order: line 2600, from the 2600th address.
    const last = line(ROWS - 1).match(/, (10\.1\.\d+\.\d+):1000/)![1]!;
    await page.getByTestId('event-row').filter({ hasText: last }).waitFor(WAIT);
    await page.getByTestId('event-detail').filter({ hasText: last }).waitFor(WAIT);
    expect(await page.getByTestId('event-row').count()).toBeLessThan(60);
    expect(asked.length).toBeLessThanOrEqual(2);
    // From the cursor after page 0 (known once the first page came), over pages 1 to 4.
    expect(asked.some((body) => body.includes('"skip":2000'))).toBe(true);
    await page.keyboard.press('Home');
    await page.getByTestId('event-row').first().filter({ hasText: '10.1.0.1' }).waitFor(WAIT);
  });
});
