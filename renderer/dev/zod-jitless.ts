// The mock validates calls with the contract's zod schemas, as the host does. zod probes for
// `new Function` (its JIT) unless told not to, which a strict CSP reports as an eval violation.
// A module of its own, imported first, so it runs before the contract builds its schemas.
import { z } from 'zod';

z.config({ jitless: true });
