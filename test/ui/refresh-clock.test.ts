/** When views refresh after notifications (renderer/src/lib/refresh-clock.ts). */
import { describe, expect, it } from 'vitest';
import { GATHER_MS, RefreshClock, STREAM_MS } from '../../renderer/src/lib/refresh-clock.js';

describe('the refresh clock', () => {
  it('refreshes 400 ms after a notification that follows a quiet time', () => {
    let now = 10_000;
    const clock = new RefreshClock(() => now);
    expect(clock.delay()).toBe(GATHER_MS);
    now += GATHER_MS;
    clock.refreshed();
    now += STREAM_MS + 5_000;
    expect(clock.delay()).toBe(GATHER_MS);
  });

  it('refreshes at most every two seconds while notifications keep coming', () => {
    let now = 0;
    const clock = new RefreshClock(() => now);
    clock.refreshed();
    // A notification 100 ms after a refresh: the next one is due STREAM_MS after the last.
    now = 100;
    expect(clock.delay()).toBe(STREAM_MS - 100);
    // Late in that time, the burst still gets its gathering time.
    now = STREAM_MS - 100;
    expect(clock.delay()).toBe(GATHER_MS);
  });
});
