/**
 * contextBridge.exposeInMainWorld('connector', ...) and nothing else. The API is derived from the
 * contract's names: calls go to `callChannel(call)`, events come from `eventChannel(event)`.
 * Bundled into one CommonJS file (a sandboxed preload cannot load modules of its own).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult, ConnectorApi } from '../../shared/contract/connector-contract.js';
// Names only: the validators (zod) stay in the main process, which checks every input anyway.
import {
  callChannel,
  eventChannel,
  isConnectorCall,
  isConnectorEvent,
} from '../../shared/contract/connector-names.js';
import { CODES } from '../../shared/errors/codes.js';

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
    if (!isConnectorEvent(event)) throw new TypeError(`Unknown connector event: ${String(event)}`);
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
