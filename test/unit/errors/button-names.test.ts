/**
 * A message names only buttons the window shows at that moment (issue 8, wrong today 8): after a
 * code that leaves the user signed out, the window shows the Sign In page, whose button is
 * "Sign In", not "Authenticate".
 */
import { describe, expect, it } from 'vitest';
import { ERROR_ENTRIES, describeError } from '../../../shared/errors/index.js';
import { CODES } from '../../../shared/errors/codes.js';
import { SIGN_IN_LABEL } from '../../../shared/state/status.js';

const SIGNED_OUT = ERROR_ENTRIES.filter((e) => e.uiState?.auth === 'unauthenticated');

describe('texts of codes that leave the user signed out', () => {
  it('are many (the filter finds them)', () => {
    expect(SIGNED_OUT.length).toBeGreaterThan(20);
  });

  it.each(SIGNED_OUT.map((e) => [e.code, e] as const))(
    '%s names Sign In, not Authenticate',
    (_c, e) => {
      for (const text of [e.message, e.userAction])
        expect(text).not.toMatch(/Click Authenticate\b/);
    },
  );

  it('the sign-in failures tell the user to click Sign In', () => {
    for (const code of [CODES.SIGN_IN_EXPIRED, CODES.IDP_AUTH_FAILED, CODES.SESSION_REVOKED]) {
      expect(describeError(code).userAction).toContain(`Click ${SIGN_IN_LABEL}`);
    }
  });

  it('a cancelled sign-in is neutral, not an error', () => {
    expect(describeError(CODES.SIGN_IN_CANCELLED).severity).toBe('info');
  });
});
