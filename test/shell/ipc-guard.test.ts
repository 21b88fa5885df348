/** The IPC guard: every kind of bad call is refused before main acts on it. */
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { channels } from '../../shared/api/contract.js';
import {
  checkIpc,
  ROOTS_ADD_REFUSED,
  type GuardContext,
  type Sender,
} from '../../electron/shell/ipc-guard.js';
import { API_CHANNELS, SHELL_CHANNELS } from '../../electron/shell/channels.js';

const APP = pathToFileURL('/opt/seclog/dist/renderer/index.html').href;
const CTX: GuardContext = { appUrl: APP, windowContentsId: 7 };
const OK_SENDER: Sender = {
  frameUrl: `${APP}?lang=es#/events`,
  isMainFrame: true,
  webContentsId: 7,
};

describe('checkIpc', () => {
  it('accepts a good request and passes on a fresh copy with known fields only', () => {
    const arg = { filter: { ip: '10.42.2.33' }, limit: 5 };
    const v = checkIpc('stats:attackers', OK_SENDER, arg, CTX);
    expect(v).toEqual({
      ok: true,
      route: { kind: 'api', channel: 'stats:attackers', request: arg },
    });
    if (v.ok && v.route.kind === 'api') expect(v.route.request).not.toBe(arg);
  });

  it('accepts every contract channel but roots:add with a request its schema takes', () => {
    const good: Record<string, unknown> = {
      'roots:remove': { id: 1 },
      'events:line': { id: 1 },
      'stats:timeline': { bucketSeconds: 3600 },
      'ip:detail': { ip: '10.0.0.1' },
      'rules:lookup': { id: '1133810' },
      'rules:import': { text: 'id,name\n1,x', name: 'rules.csv' },
      'sql:run': { sql: 'select 1' },
    };
    for (const channel of API_CHANNELS) {
      if (channel === 'roots:add') continue;
      const v = checkIpc(channel, OK_SENDER, good[channel] ?? {}, CTX);
      expect(v.ok, channel).toBe(true);
    }
  });

  it('accepts the folder dialog without an argument and dropped absolute paths', () => {
    expect(checkIpc(SHELL_CHANNELS.addFolder, OK_SENDER, undefined, CTX)).toEqual({
      ok: true,
      route: { kind: 'add-folder' },
    });
    expect(checkIpc(SHELL_CHANNELS.drop, OK_SENDER, { paths: ['/media/usb'] }, CTX)).toEqual({
      ok: true,
      route: { kind: 'drop', paths: ['/media/usb'] },
    });
  });

  const senders: [string, Sender, GuardContext][] = [
    ['another webContents', { ...OK_SENDER, webContentsId: 8 }, CTX],
    ['no window open', OK_SENDER, { ...CTX, windowContentsId: null }],
    ['a sub-frame of the app page', { ...OK_SENDER, isMainFrame: false }, CTX],
    ['a frame that is gone', { ...OK_SENDER, frameUrl: null }, CTX],
    ['a web page', { ...OK_SENDER, frameUrl: 'https://evil.example/' }, CTX],
    ['another file: page', { ...OK_SENDER, frameUrl: 'file:///tmp/evil.html' }, CTX],
    [
      'a file beside the app page',
      { ...OK_SENDER, frameUrl: APP.replace('index.html', 'x.html') },
      CTX,
    ],
    ['a data: page', { ...OK_SENDER, frameUrl: 'data:text/html,x' }, CTX],
    ['about:blank', { ...OK_SENDER, frameUrl: 'about:blank' }, CTX],
    ['an empty URL', { ...OK_SENDER, frameUrl: '' }, CTX],
  ];
  it.each(senders)('refuses a call from %s', (_what, sender, ctx) => {
    for (const channel of ['summary:get', SHELL_CHANNELS.addFolder, SHELL_CHANNELS.drop]) {
      const arg = channel === SHELL_CHANNELS.drop ? { paths: ['/x'] } : undefined;
      const v = checkIpc(channel, sender, channel === 'summary:get' ? {} : arg, ctx);
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.error).toMatch(/^refused: /);
    }
  });

  it.each([
    'nope:nothing',
    '',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'SUMMARY:GET',
    ' summary:get',
    42,
    null,
    undefined,
    { toString: () => 'summary:get' },
  ])('refuses the unknown channel %s', (channel) => {
    expect(checkIpc(channel, OK_SENDER, {}, CTX)).toEqual({ ok: false, error: 'unknown channel' });
  });

  it('refuses roots:add from the window, whatever its argument', () => {
    for (const arg of [{ path: '/etc' }, { path: '/media/usb', poll: true }, {}, undefined]) {
      expect(checkIpc('roots:add', OK_SENDER, arg, CTX)).toEqual({
        ok: false,
        error: ROOTS_ADD_REFUSED,
      });
    }
  });

  const pollution = (json: string) => JSON.parse(json) as unknown;
  const badRequests: [string, string, unknown][] = [
    ['no argument where a request is needed', 'events:line', undefined],
    ['null', 'summary:get', null],
    ['an array', 'summary:get', []],
    ['a string', 'events:query', 'select * from events'],
    ['a number', 'events:line', 1],
    ['a field the channel does not have', 'summary:get', { extra: 1 }],
    ['a wrong type', 'events:line', { id: '1' }],
    ['a number out of range', 'events:line', { id: 0 }],
    ['a fraction', 'events:line', { id: 1.5 }],
    ['NaN', 'events:line', { id: Number.NaN }],
    ['a word not in the list', 'events:query', { sort: 'password' }],
    ['a string too long', 'rules:lookup', { id: '1'.repeat(15) }],
    ['a list too long', 'events:query', { filter: { rules: Array(101).fill('1') } }],
    ['a bad IP filter', 'events:count', { filter: { ip: "1' OR 1=1 --" } }],
    ['a bad time', 'events:count', { filter: { from: '2019-13-45; drop' } }],
    ['__proto__ as an own field', 'summary:get', pollution('{"__proto__":{"polluted":1}}')],
    [
      '__proto__ inside the filter',
      'events:count',
      pollution('{"filter":{"__proto__":{"polluted":1}}}'),
    ],
    ['constructor.prototype', 'summary:get', { constructor: { prototype: { polluted: 1 } } }],
    ['prototype', 'events:line', { id: 1, prototype: { polluted: 1 } }],
    ['an argument to the folder dialog', SHELL_CHANNELS.addFolder, { path: '/etc' }],
    ['a path string to the folder dialog', SHELL_CHANNELS.addFolder, '/etc'],
    ['a bare string to the drop channel', SHELL_CHANNELS.drop, '/etc'],
    ['no paths', SHELL_CHANNELS.drop, { paths: [] }],
    ['a relative path', SHELL_CHANNELS.drop, { paths: ['usb/logs'] }],
    ['a path with NUL', SHELL_CHANNELS.drop, { paths: ['/media/usb\0/x'] }],
    ['a path that is no string', SHELL_CHANNELS.drop, { paths: [{ toString: '/etc' }] }],
    ['too many paths', SHELL_CHANNELS.drop, { paths: Array(33).fill('/x') }],
    ['a path too long', SHELL_CHANNELS.drop, { paths: [`/${'x'.repeat(5000)}`] }],
    ['an extra field on a drop', SHELL_CHANNELS.drop, { paths: ['/x'], poll: true }],
  ];
  it.each(badRequests)('refuses %s on %s', (_what, channel, arg) => {
    const v = checkIpc(channel, OK_SENDER, arg, CTX);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.startsWith(`${channel}: `)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the bad field in its message', () => {
    expect(checkIpc('events:line', OK_SENDER, { id: 'x' }, CTX)).toEqual({
      ok: false,
      error: 'events:line: id: expected a whole number',
    });
  });

  it('knows exactly the contract channels and the two shell channels', () => {
    expect([...API_CHANNELS].sort()).toEqual(Object.keys(channels).sort());
    expect(Object.values(SHELL_CHANNELS).filter((c) => Object.hasOwn(channels, c))).toEqual([]);
  });
});
