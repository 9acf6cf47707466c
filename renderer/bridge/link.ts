/** The state of the renderer's link to the connector core (always open in Electron). */
export type LinkState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LinkInfo {
  state: LinkState;
  /** Reconnect attempts since the link was last open. */
  attempt: number;
  /** When the next reconnect attempt starts (epoch ms), while reconnecting. */
  retryAt: number | null;
}

export interface LinkSource {
  getLink(): LinkInfo;
  /** Called on every change; returns the unsubscribe function. */
  onLink(listener: (link: LinkInfo) => void): () => void;
}

export const OPEN_LINK: LinkInfo = { state: 'open', attempt: 0, retryAt: null };

/** A link that is always open: the Electron preload, the mock connector. */
export const alwaysOpen: LinkSource = {
  getLink: () => OPEN_LINK,
  onLink: () => () => undefined,
};
