/**
 * contextBridge.exposeInMainWorld('connector', ...) and nothing else. The API is derived from the
 * contract: calls go to `callChannel(call)`, events come from `eventChannel(event)`. Bundled into
 * one CommonJS file (a sandboxed preload cannot load modules of its own).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CONNECTOR_EVENTS,
  callChannel,
  eventChannel,
  isConnectorCall,
  type CallResult,
  type ConnectorApi,
  type ConnectorEventName,
} from '../../shared/contract/connector-contract.js';
import { CODES } from '../../shared/errors/codes.js';

const isEvent = (name: unknown): name is ConnectorEventName =>
  (CONNECTOR_EVENTS as readonly unknown[]).includes(name);

export const connectorApi: ConnectorApi = {
  call(call, input) {
    if (!isConnectorCall(call)) {
      const refused: CallResult<never> = {
        ok: false,
        error: { code: CODES.INVALID_REQUEST, message: `Unknown call: ${String(call)}` },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(callChannel(call), input);
  },
  on(event, listener) {
    if (!isEvent(event)) throw new TypeError(`Unknown connector event: ${String(event)}`);
    const channel = eventChannel(event);
    // The renderer never sees the IPC event object (it carries the sender).
    const handler = (_e: IpcRendererEvent, payload: unknown) =>
      listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld('connector', Object.freeze(connectorApi));
