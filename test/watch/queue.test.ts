import { describe, expect, it } from 'vitest';
import { JobQueue } from '../../electron/engine/watch/queue.js';

describe('JobQueue', () => {
  it('runs jobs one at a time in the order queued', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.push(async () => {
      log.push('a start');
      await gate;
      log.push('a end');
    });
    queue.push(async () => void log.push('b'));
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    release();
    await queue.idle();
    expect(log).toEqual(['a start', 'a end', 'b']);
  });

  it('queues a keyed job once while it waits, and again once it started', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    const k = async (): Promise<void> => {
      log.push('k');
      // Queued while its own key runs: what changed meanwhile must be looked at again.
      if (log.length === 1) queue.push(async () => void log.push('k again'), 'k');
    };
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.push(() => gate);
    queue.push(k, 'k');
    queue.push(async () => void log.push('k dropped'), 'k');
    release();
    await queue.idle();
    expect(log).toEqual(['k', 'k again']);
  });

  it('goes on after a job that throws', async () => {
    const queue = new JobQueue();
    const log: string[] = [];
    queue.push(async () => {
      throw new Error('boom');
    });
    await queue.run(async () => void log.push('after'));
    expect(log).toEqual(['after']);
  });
});
