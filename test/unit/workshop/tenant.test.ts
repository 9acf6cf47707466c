import { describe, expect, it } from 'vitest';
import { attendeeAdminToken, attendeeDb } from '../../../electron/cloud/workshop/tenant.js';

describe("an attendee's tenant", () => {
  it('keeps its database beside the trainer’s', () => {
    expect(attendeeDb('/data/cloud.db', 3)).toBe('/data/cloud.attendee-3.db');
    expect(attendeeDb('/data.d/cloud', 3)).toBe('/data.d/cloud.attendee-3.db');
    expect(attendeeDb(':memory:', 3)).toBe(':memory:');
  });

  it('derives a distinct, stable admin token per attendee from the trainer’s', () => {
    expect(attendeeAdminToken('t', 1)).toBe(attendeeAdminToken('t', 1));
    expect(attendeeAdminToken('t', 1)).not.toBe(attendeeAdminToken('t', 2));
    expect(attendeeAdminToken('t', 1)).not.toBe(attendeeAdminToken('u', 1));
  });
});
