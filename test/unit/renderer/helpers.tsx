import { render, screen, waitFor } from '@testing-library/react';
import type { WindowView } from '../../../shared/contract/connector-names';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import { App } from '../../../renderer/App';
import { bridgeFor } from '../../../renderer/bridge';
import {
  createMockConnector,
  type MockConnector,
  type MockScenario,
} from '../../../renderer/dev/mock-connector';
import { StoreProvider, createConnectorStore, type PageId } from '../../../renderer/store';

export interface RenderOptions {
  scenario?: MockScenario;
  page?: PageId;
  mock?: MockConnector;
  /** The window's view (default: the real client's, as the product's default). */
  view?: WindowView;
  /** userEvent options (e.g. advanceTimers with fake timers). */
  user?: Parameters<typeof userEvent.setup>[0];
}

/** The whole window on the mock connector, at a page, once the first snapshot is shown. */
export async function renderApp(options: RenderOptions = {}) {
  const mock =
    options.mock ??
    createMockConnector({
      scenario: options.scenario ?? 'on',
      autoAdvance: false,
      ...(options.view ? { view: options.view } : {}),
    });
  const page = options.page ?? 'private-access';
  window.history.replaceState(null, '', `#/${page}`);
  const store = createConnectorStore(bridgeFor(mock), { initialPage: page });
  const user = userEvent.setup(options.user);
  const utils = render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await screen.findByRole('heading', { level: 1 });
  // The view comes with the settings, loaded at start: wait so a test sees the view it asked for.
  await waitFor(() => expect(store.getState().settings).not.toBeNull());
  return { mock, store, user, ...utils };
}

/** The calls the mock received, by name, without getSnapshot and the page's own loads. */
export const userCalls = (mock: MockConnector) =>
  mock.calls
    .map((c) => c.call)
    .filter(
      (c) => !['getSnapshot', 'refreshApps', 'getAbout', 'getSettings', 'getTimeline'].includes(c),
    );
