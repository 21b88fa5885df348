/** The words of the shell (menus, dialogs, notifications) in English and Spanish. */
import type { Language } from './settings.js';

const en = {
  file: 'File',
  edit: 'Edit',
  view: 'View',
  window: 'Window',
  help: 'Help',
  addFolder: 'Add folder…',
  recentFolders: 'Recent folders',
  noRecent: 'No recent folders',
  openSession: 'Open session…',
  saveSession: 'Save session…',
  export: 'Export',
  exportCsv: 'CSV…',
  exportNdjson: 'NDJSON (Elastic Common Schema)…',
  exportSqlite: 'SQLite…',
  importRules: 'Import rule list…',
  language: 'Language',
  about: 'About seclog',
  quit: 'Quit',
  chooseFolder: 'Choose a folder with Trend Micro exports',
  chooseRules: 'Choose VIVOTEK’s rule list (CSV or JSON)',
  ruleList: 'Rule list',
  session: 'seclog session',
  chooseSession: 'Open a saved seclog session',
  saveSessionTitle: 'Save this session',
  sessionFailed: 'The session could not be opened or saved',
  exportTo: (format: string) => `Export the events as ${format}`,
  exported: (rows: number, file: string) => `${rows} events written to ${file}.`,
  exportFailed: 'The export failed',
  rulesImported: 'Rule list imported',
  rulesSummary: (added: number, replaced: number) => `${added} rules added, ${replaced} replaced.`,
  rulesProblems: 'Problems:',
  rulesFailed: 'The rule list could not be imported',
  rulesTooLarge: 'The file is larger than 20 MB, too large for a rule list.',
  folderFailed: 'The folder could not be watched',
  folderGone: 'This folder no longer exists. It was removed from the recent folders.',
  aboutDetail:
    'Reads Trend Micro IoT Security exports from VIVOTEK cameras, NVRs and VAST2 and ' +
    'shows what was attacked, by whom, and what to do.\n\n' +
    'This site or product includes IP2Location LITE data available from ' +
    'https://lite.ip2location.com (CC BY-SA 4.0).',
  quarantineTitle: 'A device is probably compromised',
  quarantineBody: (devices: string[]) =>
    devices.length === 1
      ? `${devices[0]} attacked other devices. Reset it to factory defaults or update its ` +
        'firmware.'
      : `${devices.join(', ')} attacked other devices. Reset them to factory defaults or ` +
        'update their firmware.',
};

/** The shell's words in one language. */
export type Strings = typeof en;

const es: Strings = {
  file: 'Archivo',
  edit: 'Edición',
  view: 'Ver',
  window: 'Ventana',
  help: 'Ayuda',
  addFolder: 'Añadir carpeta…',
  recentFolders: 'Carpetas recientes',
  noRecent: 'No hay carpetas recientes',
  openSession: 'Abrir sesión…',
  saveSession: 'Guardar sesión…',
  export: 'Exportar',
  exportCsv: 'CSV…',
  exportNdjson: 'NDJSON (Elastic Common Schema)…',
  exportSqlite: 'SQLite…',
  importRules: 'Importar lista de reglas…',
  language: 'Idioma',
  about: 'Acerca de seclog',
  quit: 'Salir',
  chooseFolder: 'Elija una carpeta con exportaciones de Trend Micro',
  chooseRules: 'Elija la lista de reglas de VIVOTEK (CSV o JSON)',
  ruleList: 'Lista de reglas',
  session: 'sesión de seclog',
  chooseSession: 'Abrir una sesión de seclog guardada',
  saveSessionTitle: 'Guardar esta sesión',
  sessionFailed: 'No se pudo abrir o guardar la sesión',
  exportTo: (format: string) => `Exportar los eventos como ${format}`,
  exported: (rows: number, file: string) => `${rows} eventos escritos en ${file}.`,
  exportFailed: 'La exportación falló',
  rulesImported: 'Lista de reglas importada',
  rulesSummary: (added: number, replaced: number) =>
    `${added} reglas añadidas, ${replaced} reemplazadas.`,
  rulesProblems: 'Problemas:',
  rulesFailed: 'No se pudo importar la lista de reglas',
  rulesTooLarge: 'El archivo pasa de 20 MB, demasiado para una lista de reglas.',
  folderFailed: 'No se pudo vigilar la carpeta',
  folderGone: 'Esta carpeta ya no existe. Se quitó de las carpetas recientes.',
  aboutDetail:
    'Lee las exportaciones de Trend Micro IoT Security de cámaras, NVR y VAST2 de VIVOTEK ' +
    'y muestra qué se atacó, quién lo hizo y qué hacer.\n\n' +
    'Este producto incluye datos de IP2Location LITE disponibles en ' +
    'https://lite.ip2location.com (CC BY-SA 4.0).',
  quarantineTitle: 'Un dispositivo probablemente está comprometido',
  quarantineBody: (devices: string[]) =>
    devices.length === 1
      ? `${devices[0]} atacó a otros dispositivos. Restablézcalo a los valores de fábrica o ` +
        'actualice su firmware.'
      : `${devices.join(', ')} atacaron a otros dispositivos. Restablézcalos a los valores ` +
        'de fábrica o actualice su firmware.',
};

/** The shell's words in a language. */
export function strings(lang: Language): Strings {
  return lang === 'es' ? es : en;
}

/** The language to use: the one chosen, else Spanish for a Spanish system, else English. */
export function pickLanguage(chosen: Language | null, systemLocale: string): Language {
  if (chosen) return chosen;
  return /^es\b/i.test(systemLocale) ? 'es' : 'en';
}
