import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useNow } from '../lib/use-now';
import {
  windowViewOf,
  type ConnectorActions,
  type ConnectorStore,
  type ConnectorStoreState,
} from './connector-store';

const StoreContext = createContext<ConnectorStore | null>(null);

export function StoreProvider({ store, children }: { store: ConnectorStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

function useStoreApi(): ConnectorStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('StoreProvider is missing');
  return store;
}

/** Selects from the connector store (select stable values: primitives or stored objects). */
export function useConnector<T>(selector: (state: ConnectorStoreState) => T): T {
  return useStore(useStoreApi(), selector);
}

export function useActions(): ConnectorActions {
  return useStore(useStoreApi(), (s) => s.actions);
}

/** Whether a call is in flight. */
export function useBusy(...calls: (keyof ConnectorStoreState['busy'])[]): boolean {
  return useConnector((s) => calls.some((c) => (s.busy[c] ?? 0) > 0));
}

/**
 * The current time on the cloud's clock, ticking every second: snapshot times (expiries,
 * "since", retries) are cloud times, and trainers fast-forward the cloud's clock.
 */
export function useCloudNow(): number {
  const offset = useConnector((s) => s.snapshot?.clockOffsetMs ?? 0);
  return useNow() + (Number.isFinite(offset) ? offset : 0);
}

/** The window's view: `real` (what the real client shows) or `insight` (simulator only). */
export function useWindowView() {
  return useConnector(windowViewOf);
}
