/**
 * The state the web shell serves the window's page with (shared/contract/page-state.ts): it
 * survives the HTML parser whatever text it holds, and the window's first render shows it, so
 * the page never says "Connecting…" first when its state came with it.
 */
import { render, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import type { ConnectorSnapshot } from '../../../shared/contract/snapshot';
import {
  PAGE_STATE_ELEMENT_ID,
  readPageState,
  withPageState,
} from '../../../shared/contract/page-state';
import { App } from '../../../renderer/App';
import { bridgeFor } from '../../../renderer/bridge';
import { createMockConnector } from '../../../renderer/dev/mock-connector';
import { StoreProvider, createConnectorStore } from '../../../renderer/store';

const PAGE = `<!doctype html><html><head><meta charset="UTF-8"><title>w</title></head><body><div id="root"></div></body></html>`;

async function signedOutSnapshot(): Promise<ConnectorSnapshot> {
  const mock = createMockConnector({ scenario: 'signed-out', autoAdvance: false });
  const result = await mock.call('getSnapshot');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

it('carries the state through the HTML parser, whatever text it holds', async () => {
  const hostile = '</script><script>window.pwned = 1</script><!-- \u2028 </SCRIPT >';
  const snapshot = { ...(await signedOutSnapshot()), username: hostile, cloudUrl: hostile };
  const doc = new DOMParser().parseFromString(withPageState(PAGE, snapshot), 'text/html');
  expect(readPageState(doc)).toEqual(snapshot);
  // One data block at the end of the body, nothing else added to the page, no script to run.
  const scripts = [...doc.querySelectorAll('script')];
  expect(scripts.map((s) => [s.id, s.type, s.parentElement?.tagName])).toEqual([
    [PAGE_STATE_ELEMENT_ID, 'application/json', 'BODY'],
  ]);
  expect(doc.querySelector('body')?.lastElementChild?.id).toBe(PAGE_STATE_ELEMENT_ID);
});

it('reads no state from a page served without one, or with a broken one', () => {
  const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
  expect(readPageState(parse(PAGE))).toBeNull();
  const broken = `<script type="application/json" id="${PAGE_STATE_ELEMENT_ID}">{"auth":</script>`;
  expect(readPageState(parse(broken))).toBeNull();
  const notState = `<script type="application/json" id="${PAGE_STATE_ELEMENT_ID}">[1]</script>`;
  expect(readPageState(parse(notState))).toBeNull();
});

it('renders the page the state shows at the first render, "Connecting…" only without one', async () => {
  const snapshot = await signedOutSnapshot();
  const firstRender = (initialSnapshot: ConnectorSnapshot | null) => {
    // A bridge that never answers: whatever shows was rendered from what the store began with.
    const silent = createMockConnector({ scenario: 'signed-out', autoAdvance: false });
    silent.call = () => new Promise(() => {});
    const store = createConnectorStore(bridgeFor(silent), { initialSnapshot });
    const utils = render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    const shown = {
      signIn: screen.queryByRole('heading', { name: 'Sign In', level: 1 }) !== null,
      connecting: screen.queryByText(/Connecting to the Client Connector service/) !== null,
    };
    utils.unmount();
    return shown;
  };
  expect(firstRender(snapshot)).toEqual({ signIn: true, connecting: false });
  expect(firstRender(null)).toEqual({ signIn: false, connecting: true });
});
