/**
 * The contract's zod: every schema under shared/contract is built with this import, so the
 * setting below holds for all of them, whatever module a program loads first.
 *
 * Jitless: when it builds an object schema, zod otherwise probes for `new Function` (its JIT),
 * which a strict Content-Security-Policy (the window, the admin console, the dev mock: no
 * 'unsafe-eval') reports as a violation. The contract's validators run in those pages as in
 * Node, and are built the same way everywhere.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
