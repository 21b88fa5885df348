/** Adding a folder from the Sources view in the browser, and the language the page is asked for. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, hasChromium, startUi, type Ui } from './helpers.js';

const WAIT = { timeout: 15_000 };

describe.skipIf(!hasChromium)('adding a folder in the browser', () => {
  let ui: Ui;
  beforeEach(async () => {
    ui = await startUi(DEMO);
  }, 30_000);
  afterEach(async () => {
    await ui?.stop();
  });

  it('watches a typed folder and lists its sources; a missing one is refused with the reason', async () => {
    const { page } = ui;
    await ui.open('#/sources');
    await page.getByTestId('source-row').nth(3).waitFor(WAIT);
    const extra = mkdtempSync(join(tmpdir(), 'seclog-ui-extra-'));
    cpSync('test/fixtures/stick/cam2_gate.log', join(extra, 'gate.log'));

    await page.getByLabel('Folder to watch').fill(join(extra, 'nope'));
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /cannot read/ })
      .waitFor(WAIT);

    await page.getByLabel('Folder to watch').fill(extra);
    await page.getByRole('button', { name: 'Add folder…' }).click();
    await page.getByTestId('source-row').filter({ hasText: 'gate.log' }).waitFor(WAIT);
    expect(await page.getByTestId('source-row').count()).toBe(5);
    await ui.shot('sources-add-folder');
  });

  it('speaks the language the page address asks for', async () => {
    const { page } = ui;
    await page.goto(ui.url.replace('?token=', '?lang=es&token='));
    await page.getByRole('heading', { name: 'Resumen' }).waitFor(WAIT);
  });
});
