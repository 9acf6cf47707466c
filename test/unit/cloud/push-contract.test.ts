import { describe, expect, it } from 'vitest';
import { parsePushMessage } from '../../../electron/connector/core/push-channel.js';

const connection = {
  id: 'c1',
  app: 'git.acme.example',
  port: 443,
  openedAt: '2026-01-01T00:00:00.000Z',
  lastActivityAt: '2026-01-01T00:00:00.000Z',
  bytesSent: 0,
  bytesReceived: 0,
  latencyMs: 12,
  state: 'open',
};

describe('push messages are validated on receipt against the contract', () => {
  it('accepts every well-formed message and keeps its fields', () => {
    const m = parsePushMessage(
      JSON.stringify({ type: 'stats', connections: [connection], seq: 3, at: connection.openedAt }),
    );
    expect(m).toEqual({
      type: 'stats',
      connections: [connection],
      seq: 3,
      at: connection.openedAt,
    });
    expect(parsePushMessage('{"type":"policyChanged","version":4,"seq":1,"at":"x"}')).toMatchObject(
      { type: 'policyChanged', version: 4 },
    );
  });

  it('refuses, with the reason, what is not JSON, of no known type, or missing fields', () => {
    expect(parsePushMessage('{nope')).toBe('not JSON');
    expect(parsePushMessage('{"type":"selfDestruct","seq":1,"at":"x"}')).toMatch(/type/);
    expect(parsePushMessage('{"type":"policyChanged","seq":1,"at":"x"}')).toMatch(/version/);
    expect(parsePushMessage('{"type":"stats","connections":[{"id":1}],"seq":1,"at":"x"}')).toMatch(
      /connections\.0/,
    );
    // No sequence number: not a push message.
    expect(typeof parsePushMessage('{"type":"scimUserEnabled"}')).toBe('string');
  });
});
