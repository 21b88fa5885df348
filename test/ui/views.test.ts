/** Each view of the UI against the guide's demo exports, in Chromium, as a user sees it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, hasChromium, startUi, type Ui } from './helpers.js';

const WAIT = { timeout: 10_000 };

describe.skipIf(!hasChromium)('the UI on the demo exports', () => {
  let ui: Ui;
  beforeAll(async () => {
    ui = await startUi(DEMO);
  }, 30_000);
  afterAll(async () => {
    await ui?.stop();
  });

  it('shows the quarantine banner and a compromised card for 60.251.25.44 on the overview', async () => {
    const { page } = ui;
    const banner = page.getByTestId('quarantine-banner');
    await banner.waitFor(WAIT);
    expect(await banner.textContent()).toContain('60.251.25.44');
    await page.getByTestId('device-card').nth(2).waitFor(WAIT);
    expect(await page.getByTestId('device-card').count()).toBe(3);
    const card = page.locator('[data-testid="device-card"][data-device="60.251.25.44"]');
    expect(await card.getByTestId('verdict').textContent()).toBe('Looks compromised');
    expect(await card.textContent()).toContain('Reset it to factory defaults');
    expect(await page.getByTestId('total-events').textContent()).toBe('14');
    await page.locator('svg rect').first().waitFor(WAIT);
    await ui.shot('overview');
  });

  it('counts 14 events, narrows them with a filter chip and widens them when it is removed', async () => {
    const { page } = ui;
    await ui.open('#/events');
    const count = page.getByTestId('events-count');
    await count.filter({ hasText: '14 events' }).waitFor(WAIT);
    await page.getByTestId('event-row').nth(13).waitFor(WAIT);
    expect(await page.getByTestId('event-row').count()).toBe(14);

    await page.getByTestId('filter-field').selectOption('eventTypes');
    await page.getByTestId('filter-value').selectOption('quarantine');
    await page.getByTestId('filter-add').click();
    await count.filter({ hasText: /^1 events$/ }).waitFor(WAIT);
    await page.waitForFunction("document.querySelectorAll('[data-testid=event-row]').length === 1");
    expect(page.url()).toContain('type=quarantine');
    expect(await page.getByTestId('chips').textContent()).toContain('Event type: Quarantine');

    await page.getByRole('button', { name: /Remove filter Event type/ }).click();
    await count.filter({ hasText: '14 events' }).waitFor(WAIT);
  });

  it('opens a row with the keyboard and shows its raw line, source and line number', async () => {
    const { page } = ui;
    await ui.open('#/events?sort=device');
    await page.getByTestId('event-row').nth(13).waitFor(WAIT);
    await page.getByTestId('events-grid').focus();
    await page.keyboard.press('ArrowDown');
    const detail = page.getByTestId('event-detail');
    await detail.waitFor(WAIT);
    const raw = await page.getByTestId('raw-line').textContent(WAIT);
    expect(raw).toContain('[Trend Micro]');
    expect(await detail.textContent()).toMatch(/Line\s*\d+/);
    await ui.shot('events');
  });

  it('filters by an address from the hash, as the attackers table links it', async () => {
    const { page } = ui;
    await ui.open('#/events?ip=10.42.2.33&side=attacker');
    await page
      .getByTestId('events-count')
      .filter({ hasText: /^4 events$/ })
      .waitFor(WAIT);
  });

  it('lists the 4 sources with their accounting and the malformed lines with reasons', async () => {
    const { page } = ui;
    await ui.open('#/sources');
    await page.getByTestId('source-row').nth(3).waitFor(WAIT);
    expect(await page.getByTestId('source-row').count()).toBe(4);
    const nvr = page.getByTestId('source-row').filter({ hasText: 'nvr_event_page.tsv' });
    expect(await nvr.locator('[data-col=lines]').textContent()).toBe('16');
    expect(await nvr.locator('[data-col=malformed]').textContent()).toContain('16');
    const cam = page.getByTestId('source-row').filter({ hasText: 'camera-lobby_syslog.txt' });
    expect(await cam.locator('[data-col=events]').textContent()).toBe('6');
    const malformed = page.getByTestId('malformed');
    await malformed.waitFor(WAIT);
    expect(await malformed.textContent()).toContain('cut short');
    await ui.shot('sources');
  });

  it('lists attackers with links to their events and opens an address page', async () => {
    const { page } = ui;
    await ui.open('#/attackers');
    await page.getByTestId('ip-row').first().waitFor(WAIT);
    expect(await page.getByTestId('ip-row').count()).toBe(7);
    await ui.shot('attackers');
    await ui.open('#/victims');
    await page.getByTestId('ip-row').nth(3).waitFor(WAIT);
    expect(await page.getByTestId('ip-row').count()).toBe(4);
    await ui.shot('victims');
    await page.getByRole('link', { name: '60.251.25.44' }).first().click();
    const figures = page.getByTestId('ip-figures');
    await figures.waitFor(WAIT);
    expect(await figures.textContent()).toMatch(/Events as victim\s*5/);
    await page.locator('svg rect').first().waitFor(WAIT);
    await ui.shot('ip');
  });

  it('explains a known rule and writes a support request for an unknown one', async () => {
    const { page } = ui;
    await ui.open('#/rules?id=1133820');
    const card = page.getByTestId('rule-card');
    await card.filter({ hasText: 'Quarantine event' }).waitFor(WAIT);
    await page.getByTestId('rules-table').waitFor(WAIT);
    await ui.shot('rules');
    await page.getByTestId('rule-id').fill('4242');
    await page.getByTestId('rule-id').press('Enter');
    await page.getByTestId('rule-unknown').waitFor(WAIT);
    expect(await page.getByTestId('support-text').inputValue()).toContain('rule ID 4242');
  });

  it('runs a read-only query in the SQL console and shows the schema', async () => {
    const { page } = ui;
    await ui.open('#/sql');
    await page.getByTestId('sql-schema').getByText('events', { exact: true }).waitFor(WAIT);
    await page.getByTestId('sql-text').fill('SELECT count(*) AS n FROM events');
    await page.getByTestId('sql-run').click();
    const result = page.getByTestId('sql-result');
    await result.waitFor(WAIT);
    expect(await result.locator('td').first().textContent()).toBe('14');
    await ui.shot('sql');
  });
});
