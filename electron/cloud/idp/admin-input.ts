/** Input validation shared by the directory and provisioning admin routes. */
export { parseInput } from '../http/parse-input.js';
import type { CloudContext } from '../context.js';

/** The admin plugins take the cloud context itself or `{ ctx }` as their Fastify options. */
export type ContextOptions = CloudContext | { ctx: CloudContext };

export const contextOf = (opts: ContextOptions): CloudContext => ('ctx' in opts ? opts.ctx : opts);
