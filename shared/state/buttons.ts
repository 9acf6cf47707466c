/**
 * The names of the window's buttons that texts elsewhere refer to (the catalog's "what you can
 * do"): written once, so a message never names a button the window does not have.
 */
/** Starts a first sign-in (the Sign In page, shown while not authenticated). */
export const SIGN_IN_LABEL = 'Sign In';
/** Renews a session that needs it (Authentication Required). */
export const AUTHENTICATE_LABEL = 'Authenticate';
