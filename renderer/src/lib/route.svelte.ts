/** The page's place as state, following the URL's hash. */
import { parsePlace, type Place } from './place.js';

export { href, parsePlace, type Place } from './place.js';

/** The current place; `start` follows hash changes until its returned function is called. */
export class Route {
  place = $state.raw<Place>(parsePlace(globalThis.location?.hash ?? ''));

  /** Listens for hash changes; the returned function removes the listener. */
  start(): () => void {
    const on = () => (this.place = parsePlace(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }

  /** Goes to another place (adds a history entry). */
  go(link: string): void {
    location.hash = link.replace(/^#/, '');
  }
}

/** The page's route. */
export const route = new Route();
