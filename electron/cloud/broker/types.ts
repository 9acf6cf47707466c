export type {
  AppConnectionView,
  LiveSession,
  PushEvent,
  PushMessage,
  ReauthReason,
  SnapshotEvent,
} from '../../../shared/model/broker.js';
