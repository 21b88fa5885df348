/**
 * The Electron main process: one window with its security settings, the menu, dialogs,
 * and the IPC wrapper between the window and the engine worker. Thin on purpose: each
 * setting and check it applies is a pure function or constant in electron/shell/, tested
 * there without Electron.
 */
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
// This file and preload.ts are the only ones allowed to import Electron.
// eslint-disable-next-line no-restricted-imports
import * as electron from 'electron';
import type { Notification as EngineNotification } from '../shared/api/types.js';
import { EngineClient } from './engine/client.js';
import { QuarantineAlerts } from './shell/alerts.js';
import type { AddFolderResult } from './shell/bridge.js';
import { NOTIFY_CHANNEL } from './shell/channels.js';
import { registerIpc } from './shell/ipc.js';
import { menuTemplate, type MenuAction } from './shell/menu.js';
import type { ExportFormat } from './engine/export/index.js';
import { appFiles, startupFolders } from './shell/paths.js';
import {
  grantsPermission,
  isAllowedNavigation,
  isAppPage,
  isSafeExternalUrl,
  webPreferences,
  withCsp,
} from './shell/security.js';
import { SettingsFile, withoutRecent, withRecent, type Language } from './shell/settings.js';
import { pickLanguage, strings } from './shell/strings.js';
import { MIN_SIZE, openBounds, windowState } from './shell/window-state.js';

const { app, BrowserWindow, dialog, ipcMain, Menu, Notification, screen, session, shell } =
  electron;

/** The largest rule list read (the contract's `rules:import` takes up to 20 M characters). */
const MAX_RULES_BYTES = 20_000_000;

// The bundle is CommonJS (dist/main.cjs), so __dirname is dist/.
const files = appFiles({
  bundleDir: __dirname,
  packaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  userData: app.getPath('userData'),
});
const settings = new SettingsFile(files.settings);
const alerts = new QuarantineAlerts();
/** Folders whose watch request is on its way, so a double click does not watch twice. */
const pending = new Set<string>();
let language: Language = 'en';
/** The one window; null before it opens and after it closed. */
let win: electron.BrowserWindow | null = null;
/** The engine worker; main closes it (awaited) before quitting. */
let engine: EngineClient | null = null;
let quitting = false;

/** Opens a URL in the system browser when it passes the check; anything else is dropped. */
function openExternal(url: string): void {
  const safe = isSafeExternalUrl(url);
  if (safe !== null) void shell.openExternal(safe);
}

/** Denies new windows, foreign navigation and webviews in every webContents created. */
function guardContents(contents: electron.WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, files.indexUrl)) return;
    event.preventDefault();
    openExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, files.indexUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Denies every permission and puts the CSP on every response of the session. */
function secureSession(ses: electron.Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(grantsPermission(permission)),
  );
  ses.setPermissionCheckHandler((_contents, permission) => grantsPermission(permission));
  ses.setDevicePermissionHandler(() => false);
  // The window can show nothing but the app's own file: page (navigation is denied), so
  // every response is one of ours and gets the policy.
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withCsp(details.responseHeaders) }),
  );
}

function messageBox(options: electron.MessageBoxOptions): Promise<unknown> {
  return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
}

function showError(message: string, detail: string): void {
  void messageBox({ type: 'error', message, detail });
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Starts watching a folder or file unless it is watched already; reports failures. */
async function watchPath(path: string): Promise<void> {
  if (!engine || pending.has(path)) return;
  const client = engine;
  pending.add(path);
  try {
    const roots = await client.api['roots:list']({});
    if (!roots.some((root) => root.path === path)) await client.watch(path);
  } catch (err) {
    showError(strings(language).folderFailed, `${path}\n${errorText(err)}`);
  } finally {
    pending.delete(path);
  }
}

/** Watches a folder the user chose and puts it first in the recent list. */
async function addChosen(path: string): Promise<void> {
  // The first scan can take a while; the window hears about it through notifications.
  void watchPath(path);
  await settings.update((s) => withRecent(s, path));
  buildMenu();
}

async function addFolder(): Promise<AddFolderResult> {
  const options: electron.OpenDialogOptions = {
    title: strings(language).chooseFolder,
    properties: ['openDirectory'],
  };
  const result = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  const folder = result.filePaths[0];
  if (result.canceled || folder === undefined) return { added: false };
  await addChosen(folder);
  return { added: true };
}

async function addDropped(paths: string[]): Promise<{ added: number }> {
  let added = 0;
  for (const path of paths) {
    try {
      await stat(path);
    } catch (err) {
      showError(strings(language).folderFailed, `${path}\n${errorText(err)}`);
      continue;
    }
    await addChosen(path);
    added++;
  }
  return { added };
}

async function openRecent(path: string): Promise<void> {
  if (existsSync(path)) return addChosen(path);
  await settings.update((s) => withoutRecent(s, path));
  buildMenu();
  showError(strings(language).folderGone, path);
}

async function importRules(): Promise<void> {
  const s = strings(language);
  const options: electron.OpenDialogOptions = {
    title: s.chooseRules,
    properties: ['openFile'],
    filters: [{ name: s.ruleList, extensions: ['csv', 'json', 'txt'] }],
  };
  const result = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  const file = result.filePaths[0];
  if (result.canceled || file === undefined || !engine) return;
  try {
    if ((await stat(file)).size > MAX_RULES_BYTES) return showError(s.rulesFailed, s.rulesTooLarge);
    const text = await readFile(file, 'utf8');
    const done = await engine.api['rules:import']({ text, name: basename(file).slice(0, 255) });
    const problems = done.problems.slice(0, 20);
    const detail = [s.rulesSummary(done.added, done.replaced)];
    if (problems.length) detail.push('', s.rulesProblems, ...problems);
    await messageBox({ type: 'info', message: s.rulesImported, detail: detail.join('\n') });
  } catch (err) {
    showError(s.rulesFailed, errorText(err));
  }
}

async function setLanguage(next: Language): Promise<void> {
  language = next;
  await settings.update((s) => ({ ...s, language: next }));
  buildMenu();
  // The renderer reads its language from the page's query (`?lang=`).
  if (win) void win.loadFile(files.index, { query: { lang: next } });
}

function about(): void {
  const v = process.versions;
  const versions = `Electron ${v.electron}, Chromium ${v.chrome}, Node ${v.node}`;
  void messageBox({
    type: 'info',
    message: `seclog ${app.getVersion()}`,
    detail: `${strings(language).aboutDetail}\n\n${versions}`,
  });
}

const SESSION_FILTER = (s: ReturnType<typeof strings>) => [
  { name: s.session, extensions: ['seclog', 'sqlite', 'db'] },
];

async function openSession(): Promise<void> {
  const s = strings(language);
  const options: electron.OpenDialogOptions = {
    title: s.chooseSession,
    properties: ['openFile'],
    filters: SESSION_FILTER(s),
  };
  const result = win
    ? await dialog.showOpenDialog(win, options)
    : await dialog.showOpenDialog(options);
  const file = result.filePaths[0];
  if (result.canceled || file === undefined || !engine) return;
  try {
    await engine.openSession(new Uint8Array(await readFile(file)));
  } catch (err) {
    showError(s.sessionFailed, errorText(err));
  }
}

async function saveSession(): Promise<void> {
  const s = strings(language);
  const options: electron.SaveDialogOptions = {
    title: s.saveSessionTitle,
    filters: SESSION_FILTER(s),
  };
  const result = win
    ? await dialog.showSaveDialog(win, options)
    : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath || !engine) return;
  try {
    await writeFile(result.filePath, await engine.saveSession());
  } catch (err) {
    showError(s.sessionFailed, errorText(err));
  }
}

async function exportEvents(format: ExportFormat): Promise<void> {
  const s = strings(language);
  const ext = format === 'sqlite' ? 'sqlite' : format;
  const options: electron.SaveDialogOptions = {
    title: s.exportTo(format.toUpperCase()),
    defaultPath: `seclog-events.${ext}`,
    filters: [{ name: format.toUpperCase(), extensions: [ext] }],
  };
  const result = win
    ? await dialog.showSaveDialog(win, options)
    : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath || !engine) return;
  try {
    const done = await engine.exportTo(format, result.filePath);
    await messageBox({ type: 'info', message: s.exported(done.rows, basename(result.filePath)) });
  } catch (err) {
    showError(s.exportFailed, errorText(err));
  }
}

function onMenu(action: MenuAction): void {
  if (action.kind === 'add-folder') void addFolder();
  else if (action.kind === 'open-recent') void openRecent(action.path);
  else if (action.kind === 'open-session') void openSession();
  else if (action.kind === 'save-session') void saveSession();
  else if (action.kind === 'export') void exportEvents(action.format);
  else if (action.kind === 'import-rules') void importRules();
  else if (action.kind === 'language') void setLanguage(action.language);
  else about();
}

function buildMenu(): void {
  const template = menuTemplate({
    platform: process.platform,
    language,
    recentFolders: settings.current.recentFolders,
    developer: !app.isPackaged,
    onAction: onMenu,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Forwards a notification to the app page and raises the quarantine alert. */
function onNotification(n: EngineNotification): void {
  if (win && !win.isDestroyed() && isAppPage(win.webContents.getURL(), files.indexUrl)) {
    win.webContents.send(NOTIFY_CHANNEL, n);
  }
  const alert = alerts.take(n, language);
  if (alert && Notification.isSupported()) new Notification(alert).show();
}

function createWindow(): void {
  const saved = settings.current.window;
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  win = new BrowserWindow({
    ...openBounds(
      saved,
      areas.map((d) => d.workArea),
    ),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'seclog',
    show: false,
    webPreferences: webPreferences(files.preload),
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => {
    if (!win) return;
    const state = windowState(win.getNormalBounds(), win.isMaximized());
    void settings.update((s) => ({ ...s, window: state }));
  });
  win.on('closed', () => {
    win = null;
  });
  void win.loadFile(files.index, { query: { lang: language } });
}

async function start(): Promise<void> {
  const saved = await settings.load();
  language = pickLanguage(saved.language, app.getLocale());
  secureSession(session.defaultSession);
  if (!existsSync(files.index)) {
    dialog.showErrorBox(
      'seclog',
      `The window's page is missing (${files.index}). Run: npm run build`,
    );
    app.exit(1);
    return;
  }
  const client = new EngineClient(files.worker);
  engine = client;
  registerIpc(ipcMain, {
    api: client.api,
    addFolder,
    addDropped,
    context: () => ({ appUrl: files.indexUrl, windowContentsId: win ? win.webContents.id : null }),
    // Guard messages name the channel, except refusals of the sender.
    onRefused: (channel, reason) =>
      console.warn(`ipc: ${reason.startsWith(channel) ? reason : `${channel}: ${reason}`}`),
  });
  client.subscribe(onNotification);
  buildMenu();
  createWindow();
  await client.ready();
  for (const folder of startupFolders(saved.recentFolders, files.demo, existsSync)) {
    void watchPath(folder);
  }
}

/** Closes the engine and waits for the settings to be written before the app ends. */
function onWillQuit(event: electron.Event): void {
  if (quitting) return;
  quitting = true;
  event.preventDefault();
  const client = engine;
  engine = null;
  void Promise.allSettled([client?.close(), settings.flush()]).then(() => app.quit());
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', onWillQuit);
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('seclog', errorText(err));
      app.exit(1);
    });
}

main();
