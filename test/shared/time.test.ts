import { describe, expect, it } from 'vitest';
import { parseDeviceTime, parseIsoLocal, parseSyslogTime } from '../../shared/time.js';

describe('parseDeviceTime', () => {
  const good: [string, string][] = [
    ['2019/12/16 0:58:58', '2019-12-16 00:58:58'],
    ['2018/10/4 3:2:47', '2018-10-04 03:02:47'],
    ['13/10/2017 13:18:48', '2017-10-13 13:18:48'],
    ['2019-12-16 00:58:58', '2019-12-16 00:58:58'],
    ['2019.11.06 12:34:43', '2019-11-06 12:34:43'],
    ['2020/2/29 23:59:59', '2020-02-29 23:59:59'],
  ];
  for (const [text, want] of good) {
    it(`reads ${text}`, () => expect(parseDeviceTime(text)).toEqual({ ok: true, time: want }));
  }
  const bad: [string, RegExp][] = [
    ['2019/13/45 25:61:00', /not a real date/],
    ['2019/2/29 10:00:00', /not a real date/],
    ['yesterday', /not in a known form/],
    ['', /not in a known form/],
  ];
  for (const [text, reason] of bad) {
    it(`refuses '${text}'`, () => {
      const r = parseDeviceTime(text);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toMatch(reason);
    });
  }
});

describe('parseSyslogTime', () => {
  it('takes the year from the payload time', () => {
    expect(parseSyslogTime('Dec 16 00:58:58', '2019-12-16 00:58:58')).toBe('2019-12-16 00:58:58');
  });
  it('takes the previous year for a December header on a January event', () => {
    expect(parseSyslogTime('Dec 31 23:59:59', '2020-01-01 00:00:01')).toBe('2019-12-31 23:59:59');
  });
  it('reads the Spanish renderings with stray spaces', () => {
    expect(parseSyslogTime('16 de diciembre 00 :58:58', '2019-12-16 00:58:58')).toBe(
      '2019-12-16 00:58:58',
    );
    expect(parseSyslogTime('octubre 03 19:01:11', '2018-10-04 03:02:47')).toBe(
      '2018-10-03 19:01:11',
    );
  });
  it('has no answer without a year to lean on', () => {
    expect(parseSyslogTime('Dec 16 00:58:58', null)).toBeNull();
  });
});

describe('parseIsoLocal', () => {
  it('keeps the clock as written and drops the offset', () => {
    expect(parseIsoLocal('2019-12-12T11:25:24.631862+08:00')).toBe('2019-12-12 11:25:24');
  });
});
