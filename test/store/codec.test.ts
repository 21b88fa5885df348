/** The store's value conversions. */
import { describe, expect, it } from 'vitest';
import { toSeconds } from '../../shared/time.js';
import { filterTimeRange, secondsOf, timeText } from '../../electron/engine/store/codec.js';

describe('secondsOf', () => {
  it('agrees with toSeconds on every day from 1970 to 2100 and on clock edges', () => {
    for (let day = 0; day < 47_500; day += 1) {
      const t = timeText(day * 86_400 + ((day * 7919) % 86_400));
      expect(secondsOf(t)).toBe(toSeconds(t));
    }
    for (const t of ['2019-12-16 00:00:00', '2019-12-16 23:59:59', '2020-02-29 12:34:56']) {
      expect(secondsOf(t)).toBe(toSeconds(t));
      expect(timeText(secondsOf(t))).toBe(t);
    }
  });

  it('hands odd shapes to toSeconds', () => {
    expect(secondsOf('2019-1-6 0:0:0')).toBe(toSeconds('2019-1-6 0:0:0'));
  });
});

describe('filterTimeRange', () => {
  const cases: [string, string, string][] = [
    ['2019-12-16', '2019-12-16 00:00:00', '2019-12-16 23:59:59'],
    ['2019-12-16 10:05', '2019-12-16 10:05:00', '2019-12-16 10:05:59'],
    ['2019-12-16 10:05:07', '2019-12-16 10:05:07', '2019-12-16 10:05:07'],
  ];
  for (const [text, first, last] of cases) {
    it(`covers ${text} from ${first} to ${last}`, () => {
      expect(filterTimeRange(text).map(timeText)).toEqual([first, last]);
    });
  }
  for (const bad of ['2019-02-29', '2019-12-16 24:00', '16/12/2019', '2019-12-16T10:00:00']) {
    it(`refuses ${bad}`, () => expect(() => filterTimeRange(bad)).toThrow(/not a date/));
  }
});
