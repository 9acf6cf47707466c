export * from './connector-store';
export * from './selectors';
export {
  StoreProvider,
  useActions,
  useBusy,
  useCloudNow,
  useConnector,
  useWindowView,
} from './context';
