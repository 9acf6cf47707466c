import { test } from './fixtures.js';
import {
  lostChannelThenAdminFix,
  lostChannelThenClockAndCertificate,
  lostChannelThenRevocation,
} from './stories/push-channel-lost.js';

test('push channel lost and back: a fast-forward and a certificate rotation show within 2 s', async ({
  harness,
}) => {
  await lostChannelThenClockAndCertificate(harness);
});

test('push channel lost and back: a revocation shows within 2 s', async ({ harness }) => {
  await lostChannelThenRevocation(harness);
});

test('push channel lost and back in Connection Error: the admin fix shows within 2 s', async ({
  harness,
}) => {
  await lostChannelThenAdminFix(harness);
});
