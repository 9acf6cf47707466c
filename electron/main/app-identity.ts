/**
 * The app's identity, written once: electron-builder.ts packages the app under it and the
 * main process claims it at start (Windows AppUserModelID, app name, user data folder).
 */
export const APP_ID = 'example.simulator.client-connector';
export { APP_NAME } from '../connector/host/presentation.js';
