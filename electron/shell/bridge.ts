/**
 * The `window.seclog` object the preload exposes, built from the channel list so it holds
 * exactly the contract's channels plus `subscribe` and `addFolder`. Pure: the preload hands
 * in `ipcRenderer`, tests hand in a fake.
 */
import type { Api } from '../../shared/api/contract.js';
import type { Notification } from '../../shared/api/types.js';
import { API_CHANNELS, NOTIFY_CHANNEL, SHELL_CHANNELS } from './channels.js';

/** What `dialog:add-folder` answers: whether the user chose a folder (false: cancelled). */
export interface AddFolderResult {
  added: boolean;
}

/** The bridge as the renderer sees it: the engine API, notifications, the folder dialog. */
export type Bridge = Api & {
  /** Listens to engine notifications; call the returned function to stop listening. */
  subscribe(listener: (n: Notification) => void): () => void;
  /** Asks main to show its folder dialog and watch the chosen folder. */
  addFolder(): Promise<AddFolderResult>;
};

/** The parts of `ipcRenderer` the bridge uses, typed here so this file needs no Electron. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Builds the bridge object; every call becomes one `invoke` with exactly one argument. */
export function buildBridge(ipc: RendererIpc): Bridge {
  const bridge: Record<string, unknown> = {};
  for (const channel of API_CHANNELS) {
    // One argument only: extra arguments from the page never reach main. A missing request
    // is sent as {} like the HTTP client does, so both clients accept the same calls.
    bridge[channel] = (request: unknown) => ipc.invoke(channel, request ?? {});
  }
  bridge.subscribe = (listener: (n: Notification) => void) => {
    // Only main can send on this channel, so what arrives is the engine's notification.
    const relay = (_event: unknown, n: unknown) => listener(n as Notification);
    ipc.on(NOTIFY_CHANNEL, relay);
    return () => {
      ipc.removeListener(NOTIFY_CHANNEL, relay);
    };
  };
  bridge.addFolder = () => ipc.invoke(SHELL_CHANNELS.addFolder);
  return bridge as Bridge;
}

/** The most paths one drop may hand to main. */
export const MAX_DROPPED_PATHS = 32;

/** The parts of a DOM drop event the preload reads. */
export interface DropLike<F> {
  isTrusted: boolean;
  dataTransfer: { files: ArrayLike<F> } | null;
}

/**
 * The paths of the files in a drop the user made. A drop that a page script dispatched
 * (`isTrusted` false) gives nothing, and a File that a script built has no path on disk
 * (`pathOf` answers ''), so neither lets the page name a path of its choosing.
 */
export function pathsFromDrop<F>(event: DropLike<F>, pathOf: (file: F) => string): string[] {
  if (!event.isTrusted || !event.dataTransfer) return [];
  const paths: string[] = [];
  for (const file of Array.from(event.dataTransfer.files).slice(0, MAX_DROPPED_PATHS)) {
    const path = pathOf(file);
    if (path !== '') paths.push(path);
  }
  return paths;
}
