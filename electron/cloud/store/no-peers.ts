import type { PeerChannel } from './types.js';

/** A database no other instance shares (SQLite): nothing to tell, nothing to hear. */
export const NO_PEERS: PeerChannel = {
  publish: () => undefined,
  on: () => () => undefined,
  inSync: true,
  onResync: () => () => undefined,
};
