/** The IPC wrapper: registration from the contract, the guard on every call, routing. */
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { channels, type Api } from '../../shared/api/contract.js';
import {
  registerIpc,
  type InvokeEventLike,
  type IpcMainLike,
  type IpcTargets,
} from '../../electron/shell/ipc.js';
import { SHELL_CHANNELS } from '../../electron/shell/channels.js';

const APP = pathToFileURL('/opt/seclog/dist/renderer/index.html').href;

/** A fake ipcMain that keeps the handlers, and a fake engine that records calls. */
function setup() {
  const handlers = new Map<string, (event: InvokeEventLike, arg: unknown) => unknown>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
  };
  const calls: { channel: string; request: unknown }[] = [];
  const refused: string[] = [];
  const api = new Proxy({} as Api, {
    get: (_t, channel: string) => async (request: unknown) => {
      calls.push({ channel, request });
      if (channel === 'events:line') {
        const err = Object.assign(new Error('there is no event 9'), { code: 'ESECRET' });
        err.stack = 'Error: there is no event 9\n    at secretFrame (/opt/engine.js:1:1)';
        throw err;
      }
      return { answered: channel };
    },
  });
  const targets: IpcTargets = {
    api,
    addFolder: async () => ({ added: true }),
    addDropped: async (paths) => ({ added: paths.length }),
    context: () => ({ appUrl: APP, windowContentsId: 3 }),
    onRefused: (channel, reason) => refused.push(`${channel}: ${reason}`),
  };
  const registered = registerIpc(ipc, targets);
  const call = (channel: string, arg: unknown, event?: Partial<InvokeEventLike>) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const e: InvokeEventLike = {
      sender: { id: 3 },
      senderFrame: { url: APP, parent: null },
      ...event,
    };
    return Promise.resolve(handler(e, arg));
  };
  return { handlers, registered, calls, refused, call };
}

describe('registerIpc', () => {
  it('registers one handler for each contract channel and each shell channel', () => {
    const { handlers, registered } = setup();
    const expected = [...Object.keys(channels), ...Object.values(SHELL_CHANNELS)].sort();
    expect([...handlers.keys()].sort()).toEqual(expected);
    expect([...registered].sort()).toEqual(expected);
  });

  it('hands a checked request to the engine and returns its answer', async () => {
    const { call, calls } = setup();
    await expect(call('events:count', { filter: { eventTypes: ['quarantine'] } })).resolves.toEqual(
      { answered: 'events:count' },
    );
    expect(calls).toEqual([
      { channel: 'events:count', request: { filter: { eventTypes: ['quarantine'] } } },
    ]);
  });

  it('routes the folder dialog and dropped paths to main, not to the engine', async () => {
    const { call, calls } = setup();
    await expect(call(SHELL_CHANNELS.addFolder, undefined)).resolves.toEqual({ added: true });
    await expect(call(SHELL_CHANNELS.drop, { paths: ['/a', '/b'] })).resolves.toEqual({
      added: 2,
    });
    expect(calls).toEqual([]);
  });

  it('rejects a bad request with the guard message and never reaches the engine', async () => {
    const { call, calls, refused } = setup();
    await expect(call('events:line', { id: -1 })).rejects.toThrow(
      'events:line: id: expected a number from 1 to',
    );
    await expect(call('roots:add', { path: '/etc' })).rejects.toThrow('roots:add: in the app');
    expect(calls).toEqual([]);
    expect(refused).toHaveLength(2);
  });

  it('rejects calls from another window, a sub-frame or a foreign page', async () => {
    const { call, calls } = setup();
    const cases: Partial<InvokeEventLike>[] = [
      { sender: { id: 4 } },
      { senderFrame: { url: APP, parent: { url: APP } } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: null },
    ];
    for (const event of cases) {
      await expect(call('summary:get', {}, event)).rejects.toThrow(/^refused: /);
    }
    expect(calls).toEqual([]);
  });

  it('passes an engine error on as its message only, without its stack or fields', async () => {
    const { call } = setup();
    const err = await call('events:line', { id: 9 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('there is no event 9');
    expect((err as Error).stack ?? '').not.toContain('secretFrame');
    expect(Object.hasOwn(err as object, 'code')).toBe(false);
  });
});
