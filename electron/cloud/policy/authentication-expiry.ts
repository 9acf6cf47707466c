/**
 * When an authentication timeout has passed. "Valid until T" includes T: the policy engine
 * allows an app at T and asks for reauthentication from the next millisecond, and the broker
 * shows the session as needing reauthentication from the same moment, never a moment before.
 */
export const authenticationExpired = (expiresAt: number, now: number): boolean => now > expiresAt;
