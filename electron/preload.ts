/**
 * The preload script (sandboxed, CommonJS: dist/preload.cjs). It exposes `window.seclog`,
 * built from the contract's channel list, and hands main the paths of files the user
 * drops on the window. It gives the page no Electron or Node object.
 */
// This file and main.ts are the only ones allowed to import Electron.
// eslint-disable-next-line no-restricted-imports
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildBridge, pathsFromDrop, type DropLike } from './shell/bridge.js';
import { BRIDGE_NAME, SHELL_CHANNELS } from './shell/channels.js';

// The project's TypeScript setup has no DOM library (electron/ is Node code otherwise), so
// the one DOM object the preload touches is described here.
declare const window: {
  addEventListener(
    type: 'dragover' | 'drop',
    listener: (event: DropLike<File> & { preventDefault(): void }) => void,
    capture: boolean,
  ): void;
};

contextBridge.exposeInMainWorld(BRIDGE_NAME, buildBridge(ipcRenderer));

// Capture phase, so a page handler that stops the event cannot hide a drop from us; the
// default is prevented so Chromium does not try to open the file as a page.
window.addEventListener('dragover', (event) => event.preventDefault(), true);
window.addEventListener(
  'drop',
  (event) => {
    event.preventDefault();
    const paths = pathsFromDrop(event, (file) => webUtils.getPathForFile(file));
    if (paths.length === 0) return;
    ipcRenderer.invoke(SHELL_CHANNELS.drop, { paths }).catch((err: unknown) => {
      // Main has already told the user what went wrong; the page needs nothing.
      console.warn('seclog: the dropped files could not be added', err);
    });
  },
  true,
);
