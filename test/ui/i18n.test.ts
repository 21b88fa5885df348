/** The UI speaks the browser's language (Spanish for the guide's readers) and can switch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, hasChromium, startUi, type Ui } from './helpers.js';

const WAIT = { timeout: 10_000 };

describe.skipIf(!hasChromium)('the Spanish UI', () => {
  let ui: Ui;
  beforeAll(async () => {
    ui = await startUi(DEMO, { locale: 'es-ES' });
  }, 30_000);
  afterAll(async () => {
    await ui?.stop();
  });

  it('shows Spanish texts, verdicts and the guide advice in Spanish', async () => {
    const { page } = ui;
    await page.getByRole('heading', { name: 'Resumen' }).waitFor(WAIT);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const banner = page.getByTestId('quarantine-banner');
    await banner.waitFor(WAIT);
    expect(await banner.textContent()).toContain('parece comprometido');
    const card = page.locator('[data-testid="device-card"][data-device="60.251.25.44"]');
    expect(await card.getByTestId('verdict').textContent()).toBe('Parece comprometido');
    expect(await card.textContent()).toContain('Restablezca la configuración de fábrica');
    await ui.shot('overview-es');
  });

  it('names rules in Spanish from the catalogue', async () => {
    const { page } = ui;
    await ui.open('#/rules?id=1133810');
    await page.getByTestId('rule-card').filter({ hasText: 'Ataque de fuerza bruta' }).waitFor(WAIT);
    await ui.open('#/events');
    await page.getByTestId('events-count').filter({ hasText: '14 eventos' }).waitFor(WAIT);
  });

  it('switches to English from the language menu', async () => {
    const { page } = ui;
    await page.getByTestId('lang').selectOption('en');
    await page.getByRole('link', { name: 'Overview' }).waitFor(WAIT);
    await page.getByTestId('events-count').filter({ hasText: '14 events' }).waitFor(WAIT);
  });
});
