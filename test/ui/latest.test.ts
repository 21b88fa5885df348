/**
 * What a view's data loader sends and keeps (renderer/src/lib/latest.ts): one request at a
 * time; a refresh (same key) keeps the answer that arrives meanwhile and waits before it
 * goes out; a different question goes at once and makes the old answer worthless.
 */
import { describe, expect, it } from 'vitest';
import { Latest } from '../../renderer/src/lib/latest.js';

/** A request the test answers by hand, and the order requests went out in. */
class Remote {
  sent: string[] = [];
  #pending = new Map<string, (value: string) => void>();
  #failing = new Map<string, (err: Error) => void>();

  ask(name: string): () => Promise<string> {
    return () => {
      this.sent.push(name);
      return new Promise<string>((resolve, reject) => {
        this.#pending.set(name, resolve);
        this.#failing.set(name, reject);
      });
    };
  }

  answer(name: string, value = `${name}!`): void {
    const resolve = this.#pending.get(name);
    if (!resolve) throw new Error(`${name} was not asked`);
    this.#pending.delete(name);
    resolve(value);
  }

  fail(name: string, message: string): void {
    this.#failing.get(name)!(new Error(message));
    this.#pending.delete(name);
  }
}

/** A Latest on a fake clock, with what it showed. */
function setup(pace = 1) {
  let clock = 0;
  const shown: string[] = [];
  const errors: string[] = [];
  const busy: boolean[] = [];
  const latest = new Latest<string>(
    {
      answer: (v) => shown.push(v),
      failed: (m) => errors.push(m),
      busy: (on) => busy.push(on),
    },
    { pace, now: () => clock },
  );
  return { latest, shown, errors, busy, tick: (ms: number) => (clock += ms) };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((r) => setTimeout(r, 0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the latest request of a view', () => {
  it('keeps a refreshed answer that comes with the next refresh due, then sends it', async () => {
    const remote = new Remote();
    const { latest, shown, tick } = setup();
    latest.load(remote.ask('a1'), 'summary');
    latest.load(remote.ask('a2'), 'summary');
    latest.load(remote.ask('a3'), 'summary');
    expect(remote.sent).toEqual(['a1']);
    tick(30);
    remote.answer('a1');
    await settle();
    // The first answer is shown although two refreshes came meanwhile; only the last of
    // them goes out, after a wait as long as the answer took (30 ms of the fake clock).
    expect(shown).toEqual(['a1!']);
    expect(remote.sent).toEqual(['a1']);
    await sleep(60);
    expect(remote.sent).toEqual(['a1', 'a3']);
    remote.answer('a3');
    await settle();
    expect(shown).toEqual(['a1!', 'a3!']);
  });

  it('drops the answer to an old question and asks the new one at once', async () => {
    const remote = new Remote();
    const { latest, shown } = setup(1000);
    latest.load(remote.ask('ip1'), '10.0.0.1');
    latest.load(remote.ask('ip2'), '10.0.0.2');
    remote.answer('ip1');
    await settle();
    expect(shown).toEqual([]);
    expect(remote.sent).toEqual(['ip1', 'ip2']);
    remote.answer('ip2');
    await settle();
    expect(shown).toEqual(['ip2!']);
  });

  it('ends a refresh’s wait when a different question comes', async () => {
    const remote = new Remote();
    const { latest, shown, tick } = setup(1000);
    latest.load(remote.ask('r1'), 'rules');
    latest.load(remote.ask('r2'), 'rules');
    tick(10);
    remote.answer('r1');
    await settle();
    // Waiting 10 s (1000 × 10 ms) for the refresh, until another question arrives.
    expect(remote.sent).toEqual(['r1']);
    latest.load(remote.ask('x'), 'other');
    await settle();
    expect(remote.sent).toEqual(['r1', 'x']);
    remote.answer('x');
    await settle();
    expect(shown).toEqual(['r1!', 'x!']);
  });

  it('treats requests without a key as new questions: no wait, stale answers dropped', async () => {
    const remote = new Remote();
    const { latest, shown, tick } = setup(1000);
    latest.load(remote.ask('q1'));
    latest.load(remote.ask('q2'));
    tick(50);
    remote.answer('q1');
    await settle();
    expect(shown).toEqual([]);
    expect(remote.sent).toEqual(['q1', 'q2']);
  });

  it('shows a failure like an answer, and says when a request is on its way', async () => {
    const remote = new Remote();
    const { latest, errors, busy } = setup();
    latest.load(remote.ask('s1'), 'sources');
    expect(busy).toEqual([true]);
    remote.fail('s1', 'the engine stopped');
    await settle();
    expect(errors).toEqual(['the engine stopped']);
    expect(busy).toEqual([true, false]);
  });
});
