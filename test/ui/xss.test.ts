/** Log text is written by attackers: every view shows it as text and runs none of it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, startUi, type Ui } from './helpers.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WAIT = { timeout: 10_000 };
const SCRIPT_HOST = '<script>window.__pwned=2</script>';
const IMG = '<img src=x onerror=window.__pwned=1>';
const LINES = [
  // A host field (the device) that is markup.
  `Oct 03 19:01:11 ${SCRIPT_HOST} [Trend Micro]: TRS, [28, -1, -1, -1], 2018/10/4 3:2:47, '201.39.159.204:445/'`,
  // A WRS address carrying an image tag with a handler.
  `Oct 03 19:01:12 60.251.25.44 [Trend Micro]: WRS, [78, -1, -1, -1], 2018/10/4 3:2:48, '206.130.113.68:80/${IMG}'`,
  // A malformed line: kept as raw text and listed under Sources.
  `Oct 03 19:01:13 60.251.25.44 [Trend Micro]: 7 s.1133810, 2018/10/4 3:2:49, ${IMG}:1 > 60.251.25.44:80, <script>window.__pwned=3</script>, victim`,
];

describe.skipIf(!hasChromium)('attacker-written text in the UI', () => {
  let ui: Ui;
  let fixture: string;
  beforeAll(async () => {
    fixture = await mkdtemp(join(tmpdir(), 'seclog-xss-'));
    await writeFile(join(fixture, 'cam.txt'), LINES.join('\n') + '\n');
    ui = await startUi(fixture);
  }, 30_000);
  afterAll(async () => {
    await ui?.stop();
    await rm(fixture, { recursive: true, force: true });
  });

  const pwned = () => ui.page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned);

  it('shows a device named with a script tag as text on the overview', async () => {
    const { page } = ui;
    await page.locator(`[data-testid="device-card"][data-device="${SCRIPT_HOST}"]`).waitFor(WAIT);
    await page.getByText(SCRIPT_HOST, { exact: true }).first().waitFor(WAIT);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
  });

  it('shows the raw lines and malformed text as text in events and sources', async () => {
    const { page } = ui;
    await ui.open('#/events');
    await page.getByTestId('event-row').nth(1).waitFor(WAIT);
    for (const i of [0, 1]) {
      await page.getByTestId('event-row').nth(i).click();
      await page.getByTestId('raw-line').waitFor(WAIT);
    }
    await page.getByTestId('raw-line').filter({ hasText: IMG }).waitFor(WAIT);
    expect(await page.locator('main img').count()).toBe(0);
    await ui.open('#/sources');
    await page.getByTestId('malformed').filter({ hasText: IMG }).waitFor(WAIT);
    await ui.open('#/victims');
    await page.getByTestId('ip-row').filter({ hasText: SCRIPT_HOST }).waitFor(WAIT);
    await page.getByRole('link', { name: SCRIPT_HOST }).first().click();
    await page.getByRole('heading', { name: `Address ${SCRIPT_HOST}` }).waitFor(WAIT);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await pwned()).toBeUndefined();
  });
});
