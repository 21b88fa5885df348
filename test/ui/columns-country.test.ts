/** The events column chooser and the countries of addresses, in Chromium on the demo exports. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, hasChromium, startUi, type Ui } from './helpers.js';

const WAIT = { timeout: 10_000 };

describe.skipIf(!hasChromium)('the column chooser and countries', () => {
  let ui: Ui;
  beforeAll(async () => {
    ui = await startUi(DEMO);
  }, 30_000);
  afterAll(async () => {
    await ui?.stop();
  });

  const cells = () => ui.page.getByTestId('event-row').first().locator('[role=gridcell]').count();
  const headers = () =>
    ui.page.locator('[data-testid=events-grid] .head [role=columnheader]').allTextContents();

  it('hides a column, remembers it across a reload, and shows it again', async () => {
    const { page } = ui;
    await ui.open('#/events');
    await page.getByTestId('event-row').nth(13).waitFor(WAIT);
    expect((await headers()).map((h) => h.trim())).toContain('Peer');

    await page.getByTestId('columns-button').click();
    const menu = page.getByTestId('columns-menu');
    await menu.waitFor(WAIT);
    expect(await menu.locator('[data-column=time]').isDisabled()).toBe(true);
    await menu.locator('[data-column=peer]').uncheck();
    await expect.poll(cells, WAIT).toBe(6);
    expect((await headers()).map((h) => h.trim())).not.toContain('Peer');

    // An optional column appears in its place in the table order, with a value in each row.
    await menu.locator('[data-column=role]').check();
    await expect.poll(cells, WAIT).toBe(7);
    expect((await headers()).map((h) => h.trim()).at(-1)).toBe('Role');
    await ui.shot('events-columns');

    await page.reload();
    await page.getByTestId('event-row').nth(13).waitFor(WAIT);
    expect((await headers()).map((h) => h.trim())).not.toContain('Peer');
    expect((await headers()).map((h) => h.trim())).toContain('Role');

    await page.getByTestId('columns-button').click();
    await menu.locator('[data-column=peer]').check();
    await menu.locator('[data-column=role]').uncheck();
    const shown = (await headers()).map((h) => h.trim().replace(/ [▲▼]$/, ''));
    expect(shown).toEqual([
      'Time',
      'Device',
      'Peer',
      'Rule',
      'Event type',
      'Message type',
      'Source',
    ]);
    // A click elsewhere closes the menu.
    await page.getByTestId('events-count').click();
    await menu.waitFor({ state: 'detached', ...WAIT });
  });

  it('works from the keyboard: arrows open and move, Space toggles, Escape closes', async () => {
    const { page } = ui;
    await ui.open('#/events');
    await page.getByTestId('event-row').nth(13).waitFor(WAIT);
    await page.getByTestId('columns-button').focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByTestId('columns-menu');
    await menu.waitFor(WAIT);
    // The first box that can change (time cannot) has the focus.
    await page.locator('[data-column=device]:focus').waitFor(WAIT);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    expect(await menu.locator('[data-column=peer]').isChecked()).toBe(false);
    expect((await headers()).map((h) => h.trim())).not.toContain('Peer');
    await page.keyboard.press('Space');
    expect((await headers()).map((h) => h.trim())).toContain('Peer');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached', ...WAIT });
    await page.locator('[data-testid=columns-button]:focus').waitFor(WAIT);
  });

  it('scrolls header and rows sideways together when every column is shown', async () => {
    const { page } = ui;
    await ui.open('#/events');
    await page.getByTestId('event-row').nth(13).waitFor(WAIT);
    await page.getByTestId('columns-button').click();
    const menu = page.getByTestId('columns-menu');
    const optional = ['seq', 'direction', 'role', 'peerPort', 'repScore', 'reporter'];
    for (const c of optional) await menu.locator(`[data-column=${c}]`).check();
    expect(await headers()).toHaveLength(13);
    await ui.shot('events-all-columns');
    const grid = page.getByTestId('events-grid');
    const [scroll, client] = await grid
      .locator('xpath=..')
      .evaluate((box: { scrollWidth: number; clientWidth: number }) => [
        box.scrollWidth,
        box.clientWidth,
      ]);
    expect(scroll).toBeGreaterThan(client!);
    const head = await grid.locator('.head').boundingBox();
    const row = await page.getByTestId('event-row').first().boundingBox();
    expect(Math.abs(head!.width - row!.width)).toBeLessThan(20);
    for (const c of optional) await menu.locator(`[data-column=${c}]`).uncheck();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached', ...WAIT });
  });

  it('shows the country of public attackers and says private for private ones', async () => {
    const { page } = ui;
    await ui.open('#/attackers');
    await page.getByTestId('ip-row').nth(6).waitFor(WAIT);
    const head = await page.locator('[data-testid=ip-table] thead th').allTextContents();
    expect(head[1]).toBe('Country');
    // The country column took the place of the scope column, which said only public/private.
    expect(head).not.toContain('Scope');
    const country = (ip: string) =>
      page
        .getByTestId('ip-row')
        .filter({ has: page.getByRole('link', { name: ip, exact: true }) })
        .locator('[data-col=country]')
        .textContent();
    expect((await country('60.251.25.44'))?.trim()).toBe('TW\u00a0Taiwan');
    expect((await country('10.42.2.33'))?.trim()).toBe('private');
    await ui.shot('attackers-country');

    await page.getByRole('link', { name: '60.251.25.44', exact: true }).first().click();
    const figure = page.getByTestId('ip-country');
    await figure.waitFor(WAIT);
    expect(await figure.textContent()).toContain('TW\u00a0Taiwan');
    await ui.shot('ip-country');
  });

  it('names the country in Spanish when the page speaks Spanish', async () => {
    const es = await startUi(DEMO, { locale: 'es-ES' });
    try {
      await es.open('#/attackers');
      await es.page.getByTestId('ip-row').nth(6).waitFor(WAIT);
      const table = es.page.getByTestId('ip-table');
      expect((await table.locator('thead th').nth(1).textContent())?.trim()).toBe('País');
      expect(await table.textContent()).toContain('TW\u00a0Taiwán');
      expect(await table.textContent()).toContain('privada');
    } finally {
      await es.stop();
    }
  }, 40_000);
});
