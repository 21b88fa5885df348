/**
 * The IPC channel names of the desktop app: the contract's channels (derived, never listed
 * again) plus the few that only the shell has. Main and preload both read this file.
 */
import { channels, type Channel } from '../../shared/api/contract.js';

/** Every channel of the engine contract, in the contract's order. */
export const API_CHANNELS = Object.freeze(Object.keys(channels) as Channel[]);

/**
 * Channels that exist only in the desktop shell. The renderer never names a path: it asks
 * main to show its own folder dialog, and the preload reports paths of files the user
 * dropped (see ipc-guard.ts for why those are trusted).
 */
export const SHELL_CHANNELS = Object.freeze({
  addFolder: 'dialog:add-folder',
  drop: 'drop:add-paths',
} as const);

/** A shell-only channel name. */
export type ShellChannel = (typeof SHELL_CHANNELS)[keyof typeof SHELL_CHANNELS];

/** Every channel main answers with `ipcMain.handle`. */
export const HANDLED_CHANNELS: readonly string[] = Object.freeze([
  ...API_CHANNELS,
  ...Object.values(SHELL_CHANNELS),
]);

/** The channel on which main pushes engine notifications to the window. */
export const NOTIFY_CHANNEL = 'seclog:notify';

/** The name of the bridge object on the page (`window.seclog`). */
export const BRIDGE_NAME = 'seclog';
