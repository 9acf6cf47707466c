/**
 * The window's state, delivered with its page: the web shell writes the connector's snapshot of
 * that moment into the HTML it serves, as a JSON data block, so React's first render already
 * has it instead of rendering "Connecting…" and then the page when the bridge's first frame
 * comes. A data block (`type="application/json"`) is never run, so the renderer's CSP (no inline
 * scripts) stays as it is. The bridge's state frames take over from it: it is only the start.
 */
import type { ConnectorSnapshot } from './snapshot.js';

export const PAGE_STATE_ELEMENT_ID = 'connector-state';

/**
 * The data block for `snapshot`. Every `<` is escaped (`\u003c`, the same string to JSON.parse),
 * so no text in the state can end the element or open a comment.
 */
export function pageStateBlock(snapshot: ConnectorSnapshot): string {
  const json = JSON.stringify(snapshot).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${PAGE_STATE_ELEMENT_ID}">${json}</script>`;
}

/**
 * A page split where its state goes, before `</body>` (the end when there is none): `head` can
 * be sent before the state is known (the browser fetches the page's scripts meanwhile; module
 * scripts run only once the whole page is parsed), `rest` with the state, or without one.
 */
export function splitForPageState(html: string) {
  const end = html.lastIndexOf('</body>');
  const at = end < 0 ? html.length : end;
  return {
    head: html.slice(0, at),
    rest: (snapshot: ConnectorSnapshot | null) =>
      (snapshot ? `${pageStateBlock(snapshot)}\n` : '') + html.slice(at),
  };
}

/** The page with its state. */
export function withPageState(html: string, snapshot: ConnectorSnapshot): string {
  const { head, rest } = splitForPageState(html);
  return head + rest(snapshot);
}

/** The state the page was served with; null when it came without one (Electron, dev, a test). */
export function readPageState(doc: {
  getElementById(id: string): { textContent: string | null } | null;
}): ConnectorSnapshot | null {
  const text = doc.getElementById(PAGE_STATE_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const state = JSON.parse(text) as unknown;
    return state && typeof state === 'object' && 'auth' in state
      ? (state as ConnectorSnapshot)
      : null;
  } catch {
    return null;
  }
}
