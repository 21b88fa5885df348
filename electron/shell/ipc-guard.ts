/**
 * The one check every IPC call passes before main acts on it, as a pure function of plain
 * data: who sent it, on which channel, with what argument.
 *
 * Paths. The contract's `roots:add` takes a raw path, which is right for the command line
 * and `seclog serve` but not for a window that shows attacker-written text: a page that
 * could name paths could make main read any file the user can. So main refuses `roots:add`
 * from the window. Folders come instead from main's own dialog (`dialog:add-folder`, no
 * argument) or from a drop. Dropped paths reach main on `drop:add-paths`, which no page
 * function can call: the bridge does not expose it. Only the preload sends on it, from
 * its own drop listener, for trusted (user-made) drop events, with paths that
 * `webUtils.getPathForFile` gave for the dropped files; a File built by a script has no
 * path. What remains open is a renderer whose process is fully taken over; it could send
 * any path on that channel, but it could then also send anything else, and main still
 * only reads that path as a log source: lines that do not look like Trend Micro events
 * are counted, never kept as text the page could read back.
 */
import { isAbsolute } from 'node:path';
import { channels, isChannel, type Channel } from '../../shared/api/contract.js';
import { CheckError, list, object, str, type Schema } from '../../shared/api/check.js';
import { MAX_DROPPED_PATHS } from './bridge.js';
import { SHELL_CHANNELS } from './channels.js';
import { isAppPage } from './security.js';

/** Who sent a call: the sending frame's URL and place, and its webContents. */
export interface Sender {
  /** The URL of `event.senderFrame`, or null when the frame is gone. */
  frameUrl: string | null;
  /** Whether the sending frame is the page's top frame. */
  isMainFrame: boolean;
  /** The id of `event.sender` (the webContents). */
  webContentsId: number;
}

/** What the guard compares a sender with. */
export interface GuardContext {
  /** The file: URL of the app's index.html. */
  appUrl: string;
  /** The app window's webContents id, or null when there is no window. */
  windowContentsId: number | null;
}

/** What an accepted call asks main to do. */
export type Route =
  | { kind: 'api'; channel: Channel; request: unknown }
  | { kind: 'add-folder' }
  | { kind: 'drop'; paths: string[] };

/** The guard's verdict: a route to act on, or the message the call is rejected with. */
export type Verdict = { ok: true; route: Route } | { ok: false; error: string };

/** Why `roots:add` is refused in the app. */
export const ROOTS_ADD_REFUSED =
  'roots:add: in the app, add folders with the Add folder dialog or by dropping them';

const dropSchema = object({ paths: list(str({ max: 4096 }), MAX_DROPPED_PATHS) });

const refuse = (error: string): Verdict => ({ ok: false, error });

/** Whether the sender is the top frame of the app's own page in the app's own window. */
export function checkSender(sender: Sender, ctx: GuardContext): string | null {
  if (ctx.windowContentsId === null || sender.webContentsId !== ctx.windowContentsId) {
    return 'not the app window';
  }
  if (!sender.isMainFrame) return 'not the top frame';
  if (sender.frameUrl === null || !isAppPage(sender.frameUrl, ctx.appUrl)) {
    return 'not the app page';
  }
  return null;
}

/** Checks one IPC call; never throws. */
export function checkIpc(
  channel: unknown,
  sender: Sender,
  arg: unknown,
  ctx: GuardContext,
): Verdict {
  const who = checkSender(sender, ctx);
  if (who !== null) return refuse(`refused: ${who}`);
  if (channel === SHELL_CHANNELS.addFolder) {
    return arg === undefined
      ? { ok: true, route: { kind: 'add-folder' } }
      : refuse(`${channel}: takes no argument`);
  }
  try {
    if (channel === SHELL_CHANNELS.drop) return checkDrop(arg);
    if (!isChannel(channel)) return refuse('unknown channel');
    if (channel === 'roots:add') return refuse(ROOTS_ADD_REFUSED);
    // The contract's own schema: unknown fields (`__proto__` and `constructor` included)
    // are refused, and the request main passes on is a fresh object of known fields only.
    const request = (channels[channel].request as Schema<unknown>)(arg);
    return { ok: true, route: { kind: 'api', channel, request } };
  } catch (err) {
    if (err instanceof CheckError) return refuse(`${String(channel)}: ${err.message}`);
    return refuse(`${String(channel)}: unreadable request`);
  }
}

function checkDrop(arg: unknown): Verdict {
  const { paths } = dropSchema(arg);
  if (paths.length === 0) return refuse(`${SHELL_CHANNELS.drop}: no paths`);
  for (const path of paths) {
    if (path.includes('\0') || !isAbsolute(path)) {
      return refuse(`${SHELL_CHANNELS.drop}: not an absolute path`);
    }
  }
  return { ok: true, route: { kind: 'drop', paths } };
}
