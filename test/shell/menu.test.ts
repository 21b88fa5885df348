/** The application menu in each platform's convention, and what its items ask main to do. */
import { describe, expect, it } from 'vitest';
import {
  menuLabel,
  menuTemplate,
  type MenuAction,
  type MenuInput,
  type MenuSpec,
} from '../../electron/shell/menu.js';

function build(over: Partial<MenuInput> = {}) {
  const actions: MenuAction[] = [];
  const template = menuTemplate({
    platform: 'linux',
    language: 'en',
    recentFolders: [],
    developer: false,
    onAction: (a) => actions.push(a),
    ...over,
  });
  return { template, actions };
}

/** Every item of a menu tree, depth first. */
function items(specs: MenuSpec[]): MenuSpec[] {
  return specs.flatMap((s) => [s, ...items(s.submenu ?? [])]);
}

function find(specs: MenuSpec[], label: string): MenuSpec {
  const hit = items(specs).find((s) => s.label === label);
  if (!hit) throw new Error(`no menu item '${label}'`);
  return hit;
}

describe('menuTemplate', () => {
  it('puts File first with Quit at its end on Windows and Linux, and About under Help', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { template } = build({ platform });
      expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
      expect(template[0]!.submenu!.at(-1)).toMatchObject({ role: 'quit' });
      expect(template[3]!.submenu!.map((s) => s.label)).toEqual(['About seclog']);
    }
  });

  it('puts the app menu first on macOS, with About and Quit, and no Quit under File', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label)).toEqual(['seclog', 'File', 'Edit', 'View', 'Window']);
    const app = template[0]!.submenu!;
    expect(app[0]!.label).toBe('About seclog');
    expect(app.map((s) => s.role)).toEqual(
      expect.arrayContaining(['services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    expect(items(template[1]!.submenu!).some((s) => s.role === 'quit')).toBe(false);
    expect(template[4]!.role).toBe('windowMenu');
  });

  it('asks main for each action the File, View and Help items name', () => {
    const { template, actions } = build();
    for (const label of [
      'Add folder…',
      'Open session…',
      'Save session…',
      'CSV…',
      'NDJSON (Elastic Common Schema)…',
      'SQLite…',
      'Import rule list…',
      'Español',
      'About seclog',
    ]) {
      find(template, label).click!();
    }
    expect(actions).toEqual([
      { kind: 'add-folder' },
      { kind: 'open-session' },
      { kind: 'save-session' },
      { kind: 'export', format: 'csv' },
      { kind: 'export', format: 'ndjson' },
      { kind: 'export', format: 'sqlite' },
      { kind: 'import-rules' },
      { kind: 'language', language: 'es' },
      { kind: 'about' },
    ]);
  });

  it('lists recent folders, each opening its own path, and says when there are none', () => {
    const none = build();
    expect(find(none.template, 'Recent folders').submenu).toEqual([
      { label: 'No recent folders', enabled: false },
    ]);
    const { template, actions } = build({ recentFolders: ['/media/usb', '/media/R&D'] });
    const recent = find(template, 'Recent folders').submenu!;
    expect(recent.map((s) => s.label)).toEqual(['/media/usb', '/media/R&&D']);
    recent[1]!.click!();
    expect(actions).toEqual([{ kind: 'open-recent', path: '/media/R&D' }]);
  });

  it('speaks Spanish and ticks the language in use', () => {
    const { template } = build({ language: 'es' });
    expect(template.map((m) => m.label)).toEqual(['Archivo', 'Edición', 'Ver', 'Ayuda']);
    expect(find(template, 'Añadir carpeta…').accelerator).toBe('CmdOrCtrl+O');
    const languages = find(template, 'Idioma').submenu!;
    expect(languages.map((l) => [l.label, l.type, l.checked])).toEqual([
      ['English', 'radio', false],
      ['Español', 'radio', true],
    ]);
  });

  it('offers Reload and the developer tools only in a development run', () => {
    const roles = (developer: boolean) => items(build({ developer }).template).map((s) => s.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });
});

describe('menuLabel', () => {
  it('doubles & so a folder name cannot set a keyboard mnemonic', () => {
    expect(menuLabel('/a&b/&&c')).toBe('/a&&b/&&&&c');
  });
});
