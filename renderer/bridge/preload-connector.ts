import type {
  CallInput,
  CallOutputs,
  CallResult,
  ConnectorApi,
  ConnectorCall,
} from '../../shared/contract/connector-contract';
import { thrownToFailure, toEnvelope } from './envelope';

/**
 * The Electron preload's `window.connector`, hardened: a call always resolves to a CallResult
 * (a rejected IPC call or a malformed answer becomes a failure with a code), and a listener
 * that throws does not break the others.
 */
export function wrapPreload(api: ConnectorApi): ConnectorApi {
  return {
    async call<C extends ConnectorCall>(
      call: C,
      input?: CallInput<C>,
    ): Promise<CallResult<CallOutputs[C]>> {
      try {
        return toEnvelope<CallOutputs[C]>(await api.call(call, input));
      } catch (e) {
        return thrownToFailure(e);
      }
    },
    on(event, listener) {
      const off = api.on(event, (payload) => {
        try {
          listener(payload);
        } catch (e) {
          console.error(`connector ${event} listener failed`, e);
        }
      });
      return typeof off === 'function' ? off : () => undefined;
    },
  };
}
