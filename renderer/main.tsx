import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isWindowView } from '../shared/contract/connector-names';
import { readPageState } from '../shared/contract/page-state';
import { App } from './App';
import { bridgeFor, connectBridge, hasPreload, type Bridge } from './bridge';
import { StoreProvider, createConnectorStore } from './store';
import './styles/app.css';

/**
 * The real host's connector (Electron preload, or the web shell's WebSocket bridge). Under
 * `vite dev` and the `mock` build mode only, the page runs on the mock connector instead:
 * ?scenario=signed-out|on|okta-sync-error|reauth-required|reauth-warning|blocked-app,
 * ?view=real|insight (the window's view), and ?bridge=ws to use a running web shell. In a production build this branch is compiled out.
 */
async function pickBridge(): Promise<Bridge> {
  if (import.meta.env.DEV || import.meta.env.MODE === 'mock') {
    const params = new URLSearchParams(window.location.search);
    if (!hasPreload() && params.get('bridge') !== 'ws') {
      const { createMockConnector, isMockScenario } = await import('./dev/mock-connector');
      const scenario = params.get('scenario');
      const view = params.get('view');
      return bridgeFor(
        createMockConnector({
          scenario: isMockScenario(scenario) ? scenario : 'on',
          live: true,
          ...(isWindowView(view) ? { view } : {}),
        }),
      );
    }
  }
  return connectBridge();
}

void pickBridge().then((bridge) => {
  // The web shell serves the page with the state of the moment: the first render is the page
  // itself, not "Connecting…" until the bridge's first frame (which updates it from then on).
  const store = createConnectorStore(bridge, { initialSnapshot: readPageState(document) });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
});
