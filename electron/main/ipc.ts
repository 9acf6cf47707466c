/**
 * window.connector over Electron IPC, derived from the contract: one `ipcMain.handle` per call
 * of CONNECTOR_CALLS on `callChannel(call)`, and every event of CONNECTOR_EVENTS sent to the main
 * window on `eventChannel(event)`. Every sender is checked first.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  CONNECTOR_CALLS,
  CONNECTOR_EVENTS,
  callChannel,
  eventChannel,
  type CallResult,
  type ConnectorCall,
  type ConnectorEventName,
  type EventPayloads,
} from '../../shared/contract/connector-contract.js';
import { isTrustedSender } from './security.js';
import { CODES } from '../../shared/errors/codes.js';

/** What the IPC layer needs of the connector service. */
export interface IpcService {
  call(call: unknown, input?: unknown): Promise<CallResult<unknown>>;
  subscribe<E extends ConnectorEventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ): () => void;
}

export const UNTRUSTED_SENDER: CallResult<never> = {
  ok: false,
  error: { code: CODES.INVALID_REQUEST, message: 'This window may not use the connector.' },
};

/** Registers the handlers; returns a function that removes them and the event forwarding. */
export function registerConnectorIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  service: IpcService,
  mainContents: () => WebContents | null,
): () => void {
  const calls = Object.keys(CONNECTOR_CALLS) as ConnectorCall[];
  for (const call of calls) {
    ipcMain.handle(callChannel(call), (event: IpcMainInvokeEvent, input: unknown) =>
      isTrustedSender(event, mainContents())
        ? service.call(call, input)
        : Promise.resolve(UNTRUSTED_SENDER),
    );
  }
  const unsubscribe = CONNECTOR_EVENTS.map((name) =>
    service.subscribe(name, (payload) => {
      const contents = mainContents();
      if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
    }),
  );
  return () => {
    for (const call of calls) ipcMain.removeHandler(callChannel(call));
    unsubscribe.forEach((u) => u());
  };
}
