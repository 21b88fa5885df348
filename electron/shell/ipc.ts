/**
 * The one wrapper through which main answers IPC: it registers a handler for every channel
 * (derived from the contract), runs each call through the guard, then routes it.
 */
import type { Api } from '../../shared/api/contract.js';
import type { AddFolderResult } from './bridge.js';
import { HANDLED_CHANNELS } from './channels.js';
import { checkIpc, type GuardContext, type Route } from './ipc-guard.js';

/** The parts of an `IpcMainInvokeEvent` the wrapper reads. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The parts of `ipcMain` the wrapper uses, typed here so this file needs no Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, arg: unknown) => unknown): void;
}

/** What the routes lead to: the engine's API and main's own folder actions. */
export interface IpcTargets {
  api: Api;
  /** Shows main's folder dialog and watches the chosen folder. */
  addFolder(): Promise<AddFolderResult>;
  /** Watches paths the user dropped on the window. */
  addDropped(paths: string[]): Promise<{ added: number }>;
  /** The app page's URL and the window's webContents id, read at each call. */
  context(): GuardContext;
  /** Hears about refused calls (main logs them). */
  onRefused?(channel: string, reason: string): void;
}

/** Runs an accepted route. */
async function run(route: Route, targets: IpcTargets): Promise<unknown> {
  if (route.kind === 'add-folder') return targets.addFolder();
  if (route.kind === 'drop') return targets.addDropped(route.paths);
  // The request was checked by this channel's own schema in the guard.
  const call = targets.api[route.channel] as (request: unknown) => Promise<unknown>;
  return call(route.request);
}

/** Answers one call: the route's result, or a rejection with a short message. */
export async function answer(
  channel: string,
  event: InvokeEventLike,
  arg: unknown,
  targets: IpcTargets,
): Promise<unknown> {
  const frame = event.senderFrame;
  const sender = {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame !== null && frame.parent === null,
    webContentsId: event.sender.id,
  };
  const verdict = checkIpc(channel, sender, arg, targets.context());
  if (!verdict.ok) {
    targets.onRefused?.(channel, verdict.error);
    throw new Error(verdict.error);
  }
  try {
    return await run(verdict.route, targets);
  } catch (err) {
    // A fresh error with the message only: Electron passes just the message to the page,
    // and this keeps it so should that change (a stack shows main's paths and code). The
    // cause stays on main's side for its own logs.
    throw new Error(err instanceof Error ? err.message : String(err), { cause: err });
  }
}

/** Registers the wrapper for every channel main answers; returns the channel names. */
export function registerIpc(ipc: IpcMainLike, targets: IpcTargets): readonly string[] {
  for (const channel of HANDLED_CHANNELS) {
    ipc.handle(channel, (event, arg) => answer(channel, event, arg, targets));
  }
  return HANDLED_CHANNELS;
}
