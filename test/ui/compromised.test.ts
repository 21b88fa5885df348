/** The overview's banner for devices with quarantine events, at one device and at hundreds. */
import { describe, expect, it } from 'vitest';
import { compromisedText, NAMED } from '../../renderer/src/lib/compromised.js';

const n = (v: number) => v.toLocaleString('en-US');

describe('the compromised-devices banner', () => {
  it('names a single device as the guide words it', () => {
    expect(compromisedText('en', ['60.251.25.44'], n)).toBe(
      'Device 60.251.25.44 looks compromised: it attacked other addresses.',
    );
  });

  it('names every device when there are a few', () => {
    const text = compromisedText('en', ['10.0.0.1', '10.0.0.2'], n);
    expect(text).toBe(
      '2 devices look compromised: they attacked other addresses (10.0.0.1, 10.0.0.2).',
    );
  });

  it('names the first few of hundreds and counts the rest, in both languages', () => {
    const devices = Array.from({ length: 1200 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    const en = compromisedText('en', devices, n);
    expect(en.startsWith('1,200 devices look compromised')).toBe(true);
    expect(en).toContain(`${devices[NAMED - 1]} and 1,195 more).`);
    expect(en).not.toContain(devices[NAMED]!);
    const es = compromisedText('es', devices, (v) => v.toLocaleString('es-ES'));
    expect(es).toContain('dispositivos parecen comprometidos');
    expect(es).toContain('y 1195 más');
  });
});
