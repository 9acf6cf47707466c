export * from './connector-store';
export * from './selectors';
export { StoreProvider, useActions, useBusy, useCloudNow, useConnector } from './context';
