/** Starts the UI: drops the one-time token from the address bar, then mounts the app. */
import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

// The token came in the printed URL only to set the session cookie; leaving it in the
// address bar would put it in the history and in screenshots.
if (new URLSearchParams(location.search).has('token')) {
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
}

const target = document.getElementById('app');
if (!target) throw new Error('seclog: the page has no #app element');

/** The mounted app; it lives as long as the page. */
export default mount(App, { target });
