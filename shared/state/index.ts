export * from './types.js';
export * from './backoff.js';
export * from './reauth-schedule.js';
export * from './notifications.js';
export * from './machine.js';
