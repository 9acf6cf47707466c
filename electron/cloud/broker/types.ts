export type {
  AppConnectionView,
  LiveSession,
  PushEvent,
  PushMessage,
  ReauthReason,
} from '../../../shared/model/broker.js';
