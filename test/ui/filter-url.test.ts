/** The events filter in the URL hash: links from every figure, chips, and bad values. */
import { describe, expect, it } from 'vitest';
import {
  chipsOf,
  eventsLink,
  filterFromParams,
  paramsFromFilter,
  withValue,
  withoutChip,
} from '../../renderer/src/lib/filter-url.js';
import { parsePlace } from '../../renderer/src/lib/place.js';

describe('filter in the hash', () => {
  it('reads back the filter a link was made from', () => {
    const filter = {
      ip: '10.42.2.0/24',
      ipSide: 'attacker' as const,
      eventTypes: ['quarantine' as const, 'brute_force' as const],
      rules: ['1133820'],
      port: 80,
      from: '2019-12-16 00:00:00',
      text: 'eicar & <b>',
    };
    const place = parsePlace(eventsLink(filter));
    expect(place.segments).toEqual(['events']);
    expect(filterFromParams(place.params)).toEqual(filter);
  });

  it('drops values the engine would refuse instead of sending them', () => {
    const bad = new URLSearchParams(
      'type=nonsense&type=quarantine&port=99999&ip=not-an-ip&side=sideways&rule=s.1&from=yesterday',
    );
    expect(filterFromParams(bad)).toEqual({ eventTypes: ['quarantine'] });
  });

  it('shows one chip per value and removes the address together with its side', () => {
    const f = withValue(withValue({ ip: '1.2.3.4', ipSide: 'victim' }, 'rules', '1'), 'rules', '2');
    expect(chipsOf(f).map((c) => `${c.key}=${c.value}`)).toEqual([
      'ip=1.2.3.4',
      'rules=1',
      'rules=2',
    ]);
    expect(withoutChip(f, { key: 'ip', value: '1.2.3.4' })).toEqual({ rules: ['1', '2'] });
    expect(withoutChip(f, { key: 'rules', value: '1' }).rules).toEqual(['2']);
    expect(withoutChip({ rules: ['1'] }, { key: 'rules', value: '1' })).toEqual({});
  });

  it('keeps a device name with markup as a plain parameter value', () => {
    const device = '<script>x</script>';
    const params = paramsFromFilter({ devices: [device] });
    expect(filterFromParams(new URLSearchParams(params.toString())).devices).toEqual([device]);
  });
});
