/** Live updates: what the watcher reads shows up in the open page without a reload. */
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, hasChromium, startUi, type Ui } from './helpers.js';

const WAIT = { timeout: 15_000 };

describe.skipIf(!hasChromium)('live updates', () => {
  let ui: Ui;
  beforeEach(async () => {
    ui = await startUi(DEMO);
  }, 30_000);
  afterEach(async () => {
    await ui?.stop();
  });

  it('shows a line appended to a watched file in the events table without a reload', async () => {
    const { page } = ui;
    await ui.open('#/events');
    const count = page.getByTestId('events-count');
    await count.filter({ hasText: /^14 events$/ }).waitFor(WAIT);
    await page.evaluate(() => ((globalThis as { marker?: number }).marker = 1));
    await appendFile(
      join(ui.dir, 'camera-lobby_syslog.txt'),
      '\n17 de diciembre 08:00:00 [Trend Micro]: 5 s.1133835, 2019/12/17 8:00:00, ' +
        '10.42.2.77:4000 > 192.168.40.78:554, 10.42.2.77, víctima\n',
    );
    await count.filter({ hasText: /^15 events$/ }).waitFor(WAIT);
    await page.getByTestId('event-row').filter({ hasText: '10.42.2.77' }).waitFor(WAIT);
    // The same document: a reload would have dropped the marker.
    expect(await page.evaluate(() => (globalThis as { marker?: number }).marker)).toBe(1);
  });

  it('keeps the count moving while a log grows without a pause', async () => {
    const { page } = ui;
    await ui.open('#/events');
    const count = page.getByTestId('events-count');
    await count.filter({ hasText: /^14 events$/ }).waitFor(WAIT);
    // A line every 100 ms, faster than any quiet time a refresh could wait for, until the
    // page shows a count above the first one: it must refresh while the writing goes on.
    let seq = 100;
    let growing = true;
    const writer = (async () => {
      while (growing && seq < 400) {
        await appendFile(
          join(ui.dir, 'camera-lobby_syslog.txt'),
          `Dec 17 08:00:00 [Trend Micro]: ${seq} s.1133835, 2019/12/17 8:00:00, ` +
            `10.42.2.77:${4000 + seq} > 192.168.40.78:554, 10.42.2.77, victim\n`,
        );
        seq++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await count.filter({ hasText: /^(1[5-9]|[2-9]\d|\d{3}) events$/ }).waitFor(WAIT);
      expect(growing && seq < 400).toBe(true);
    } finally {
      growing = false;
      await writer;
    }
  });

  it('raises a banner when a quarantine event arrives', async () => {
    const { page } = ui;
    await ui.open('#/sources');
    await page.getByTestId('source-row').nth(3).waitFor(WAIT);
    await appendFile(
      join(ui.dir, 'vast2_trend_micro_events.txt'),
      'Quarantine event\t2018/10/10 02:00:00\t960\tSecurity Rule\t1133820\t' +
        '185.10.68.124:60000\tInside-out\t60.251.25.44:23\t60.251.25.44:23\tAttacker\t-\t-\n',
    );
    const banner = page.getByTestId('live-quarantine');
    await banner.waitFor(WAIT);
    expect(await banner.textContent()).toContain('60.251.25.44');
    await page
      .getByTestId('source-row')
      .filter({ hasText: 'vast2' })
      .locator('[data-col=events]')
      .filter({ hasText: /^6$/ })
      .waitFor(WAIT);
  });
});
