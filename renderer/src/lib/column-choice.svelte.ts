/** The events table's chosen columns as state, remembered in localStorage. */
import { COLUMNS_STORAGE_KEY, parseColumns, toggleColumn, type EventColumn } from './columns.js';

/** localStorage, or null where it is missing or refused (storage disabled). */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The chosen columns; `set` changes and remembers them. */
export class ColumnChoice {
  shown = $state<EventColumn[]>(parseColumns(storage()?.getItem(COLUMNS_STORAGE_KEY) ?? null));

  /** Shows (`on`) or hides `column` and remembers the choice. */
  set = (column: EventColumn, on: boolean): void => {
    this.shown = toggleColumn(this.shown, column, on);
    try {
      storage()?.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(this.shown));
    } catch {
      // A full or refused storage only costs remembering the choice across sessions.
    }
  };
}

/** The page's column choice. */
export const columnChoice = new ColumnChoice();
