/** The quarantine notification: plain text, each device announced once. */
import { describe, expect, it } from 'vitest';
import { cleanDevice, MAX_NAMED_DEVICES, QuarantineAlerts } from '../../electron/shell/alerts.js';
import type { Notification } from '../../shared/api/types.js';

const quarantine = (...devices: string[]): Notification => ({
  type: 'quarantine',
  events: devices.map((device) => ({
    device,
    peer: null,
    time: '2019-12-16 00:58:58',
    ruleId: '1133820',
  })),
});

describe('QuarantineAlerts', () => {
  it('announces a compromised device with what to do, in the chosen language', () => {
    const alerts = new QuarantineAlerts();
    expect(alerts.take(quarantine('192.168.40.78'), 'en')).toEqual({
      title: 'A device is probably compromised',
      body:
        '192.168.40.78 attacked other devices. Reset it to factory defaults or update its ' +
        'firmware.',
    });
    const es = new QuarantineAlerts().take(quarantine('10.0.0.5', '10.0.0.6'), 'es');
    expect(es?.title).toBe('Un dispositivo probablemente está comprometido');
    expect(es?.body).toMatch(/^10\.0\.0\.5, 10\.0\.0\.6 atacaron a otros dispositivos\./);
  });

  it('announces each device once, however many batches name it', () => {
    const alerts = new QuarantineAlerts();
    expect(alerts.take(quarantine('10.0.0.5', '10.0.0.5'), 'en')?.body).toMatch(/^10\.0\.0\.5 /);
    expect(alerts.take(quarantine('10.0.0.5'), 'en')).toBeNull();
    expect(alerts.take(quarantine('10.0.0.5', '10.0.0.9'), 'en')?.body).toMatch(/^10\.0\.0\.9 /);
  });

  it('ignores the other notifications', () => {
    const alerts = new QuarantineAlerts();
    expect(alerts.take({ type: 'sources-changed' }, 'en')).toBeNull();
    expect(
      alerts.take({ type: 'counts-changed', events: 1, duplicates: 0, malformed: 0 }, 'en'),
    ).toBeNull();
  });

  it('names a few devices and counts the rest', () => {
    const many = Array.from({ length: 8 }, (_, i) => `10.0.0.${i + 1}`);
    const body = new QuarantineAlerts().take(quarantine(...many), 'en')!.body;
    expect(body.startsWith(`${many.slice(0, MAX_NAMED_DEVICES).join(', ')}, +3 attacked`)).toBe(
      true,
    );
  });
});

describe('cleanDevice', () => {
  it.each([
    ['192.168.40.78', '192.168.40.78'],
    ['fe80::1', 'fe80::1'],
    ['nvr-01.site_a', 'nvr-01.site_a'],
    ['<b>10.0.0.1</b>', 'b10.0.0.1b'],
    ['10.0.0.1 & <a href="x">', '10.0.0.1ahrefx'],
    ['line\nbreak', 'linebreak'],
    ['x'.repeat(100), 'x'.repeat(64)],
  ])('keeps only address characters of %j', (raw, clean) => {
    expect(cleanDevice(raw)).toBe(clean);
  });

  it('drops a device that had nothing but markup', () => {
    expect(new QuarantineAlerts().take(quarantine('<>&"\''), 'en')).toBeNull();
  });
});
