import type { ConnectorApi } from '../../shared/contract/connector-contract';

declare global {
  interface Window {
    /** Set by the Electron preload (contextBridge); absent in the web shell. */
    connector?: ConnectorApi;
  }
}

export {};
