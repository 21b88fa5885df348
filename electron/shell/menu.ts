/**
 * The application menu as plain data, in each platform's convention: on macOS the first
 * menu is the app's (About, Hide, Quit) and the File menu has no Quit; elsewhere File ends
 * with Quit and Help holds About. Main hands the template to `Menu.buildFromTemplate`.
 */
import type { Language } from './settings.js';
import { strings } from './strings.js';

/** The formats of the Export menu. */
export const EXPORT_FORMATS = ['csv', 'ndjson', 'sqlite'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a menu item asks main to do. */
export type MenuAction =
  | { kind: 'add-folder' }
  | { kind: 'open-recent'; path: string }
  | { kind: 'open-session' }
  | { kind: 'save-session' }
  | { kind: 'export'; format: ExportFormat }
  | { kind: 'import-rules' }
  | { kind: 'language'; language: Language }
  | { kind: 'about' };

/** The Electron menu roles this menu uses. */
export type MenuRole =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'windowMenu';

/** One menu item: the subset of Electron's MenuItemConstructorOptions this menu needs. */
export interface MenuSpec {
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu' | 'radio';
  accelerator?: string;
  checked?: boolean;
  enabled?: boolean;
  submenu?: MenuSpec[];
  click?: () => void;
}

/** What the menu is built from. */
export interface MenuInput {
  platform: NodeJS.Platform;
  language: Language;
  recentFolders: readonly string[];
  /** Adds Reload and the developer tools (unpackaged runs only). */
  developer: boolean;
  onAction(action: MenuAction): void;
}

const SEPARATOR: MenuSpec = { type: 'separator' };

/** A path as a menu label: `&` marks a keyboard mnemonic on Windows and Linux. */
export function menuLabel(path: string): string {
  return path.replace(/&/g, '&&');
}

/** The menu template for a platform and language. */
export function menuTemplate(input: MenuInput): MenuSpec[] {
  const s = strings(input.language);
  const act = (action: MenuAction) => () => input.onAction(action);
  const mac = input.platform === 'darwin';
  const about: MenuSpec = { label: s.about, click: act({ kind: 'about' }) };
  const recent: MenuSpec[] = input.recentFolders.length
    ? input.recentFolders.map((path) => ({
        label: menuLabel(path),
        click: act({ kind: 'open-recent', path }),
      }))
    : [{ label: s.noRecent, enabled: false }];
  const exportLabels = { csv: s.exportCsv, ndjson: s.exportNdjson, sqlite: s.exportSqlite };
  const file: MenuSpec = {
    label: s.file,
    submenu: [
      { label: s.addFolder, accelerator: 'CmdOrCtrl+O', click: act({ kind: 'add-folder' }) },
      { label: s.recentFolders, submenu: recent },
      SEPARATOR,
      { label: s.openSession, click: act({ kind: 'open-session' }) },
      { label: s.saveSession, click: act({ kind: 'save-session' }) },
      {
        label: s.export,
        submenu: EXPORT_FORMATS.map((format) => ({
          label: exportLabels[format],
          click: act({ kind: 'export', format }),
        })),
      },
      SEPARATOR,
      { label: s.importRules, click: act({ kind: 'import-rules' }) },
      SEPARATOR,
      mac ? { role: 'close' } : { role: 'quit', label: s.quit },
    ],
  };
  const edit: MenuSpec = {
    label: s.edit,
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      SEPARATOR,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const languages: [Language, string][] = [
    ['en', 'English'],
    ['es', 'Español'],
  ];
  const view: MenuSpec = {
    label: s.view,
    submenu: [
      {
        label: s.language,
        submenu: languages.map(([language, label]) => ({
          label,
          type: 'radio',
          checked: language === input.language,
          click: act({ kind: 'language', language }),
        })),
      },
      SEPARATOR,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      SEPARATOR,
      { role: 'togglefullscreen' },
      ...(input.developer
        ? [SEPARATOR, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
        : []),
    ],
  };
  if (!mac) return [file, edit, view, { label: s.help, submenu: [about] }];
  const app: MenuSpec = {
    label: 'seclog',
    submenu: [
      about,
      SEPARATOR,
      { role: 'services' },
      SEPARATOR,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      SEPARATOR,
      { role: 'quit', label: s.quit },
    ],
  };
  return [app, file, edit, view, { role: 'windowMenu', label: s.window }];
}
