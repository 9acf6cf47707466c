/**
 * The parts of a SCIM request's time, for `profile-summary.ts --parts`: each sample of a CPU
 * profile goes to the part of the innermost frame on its stack that names one (so the INSERT
 * inside the group commit counts as the INSERT, the commit's own statements as the transaction);
 * a stack that names none goes by its leaf's module (Node's HTTP, Fastify, GC, V8). Rules marked
 * `self` name a part only as the leaf: their callees (Fastify's reply, say) are not theirs.
 */
export interface Frame {
  functionName: string;
  /** Short path (repository-relative, node_modules stripped), '' for native frames. */
  where: string;
}

interface Rule {
  part: string;
  test: (f: Frame) => boolean;
  /** Only as the leaf frame (its own self time). */
  self?: boolean;
}

const inFile =
  (file: string, ...names: string[]) =>
  (f: Frame) =>
    f.where.includes(file) && (names.length === 0 || names.includes(f.functionName));
const named =
  (...names: string[]) =>
  (f: Frame) =>
    f.where === '' && names.includes(f.functionName);

/** Innermost match wins, whatever the order; the order only breaks ties within one frame. */
const RULES: readonly Rule[] = [
  { part: 'socket write (writev)', test: named('writev', 'writeUtf8String', 'writeBuffer') },
  {
    part: 'filter: compile and test',
    test: (f) => /scim\/filter|scim2-parse-filter/.test(f.where),
  },
  {
    part: 'userName lookup (SELECT)',
    test: inFile('sqlite-scim-store.ts', 'findByName', 'findByExternalId'),
  },
  { part: 'read snapshot (BEGIN, COMMIT)', test: inFile('sqlite-scim-store.ts', 'snapshot') },
  { part: 'groups of the user (SELECT)', test: inFile('sqlite-scim-store.ts', 'groupsOf') },
  {
    part: 'representation, meta, list page',
    test: (f) =>
      inFile('scim/read.ts')(f) ||
      inFile('scim/projection.ts')(f) ||
      inFile('clock/clock.ts', 'isoTime')(f),
  },
  { part: 'INSERT (params, JSON.stringify)', test: inFile('sqlite-scim-store.ts', 'insert') },
  {
    part: "the resource's row read (SELECT, JSON.parse)",
    test: inFile('sqlite-scim-store.ts', 'get', 'toResource'),
  },
  {
    part: 'UPDATE (params, JSON.stringify)',
    test: inFile('sqlite-scim-store.ts', 'update', 'params', 'updateValues'),
  },
  { part: 'PATCH: applyPatch, revalidation', test: (f) => /scim\/patch[-.]/.test(f.where) },
  {
    part: "event's attributesChanged (profileChanged)",
    test: inFile('stored-resource.ts', 'profileChanged', 'profileOf', 'sameJson'),
  },
  {
    part: 'write transaction (BEGIN IMMEDIATE, COMMIT)',
    test: (f) =>
      inFile('group-commit.ts')(f) ||
      inFile('sqlite-store.ts')(f) ||
      inFile('write-transaction.ts')(f),
  },
  {
    part: 'POST: schema validation',
    test: (f) =>
      inFile('scim/resource.ts')(f) ||
      inFile('scim/user-name.ts')(f) ||
      inFile('scim/service.ts', 'normalize')(f),
  },
  {
    part: 'POST: body parse',
    test: (f) =>
      f.where.startsWith('secure-json-parse') ||
      inFile('fastify/lib/content-type-parser.js', 'defaultJsonParser')(f),
  },
  {
    part: "broker's event (the user's sessions)",
    test: (f) => inFile('cloud/broker/')(f) || inFile('sqlite-auth-store.ts')(f),
  },
  {
    part: 'sync log (line, redact, batched insert)',
    test: (f) =>
      inFile('sync-log-writer.ts')(f) ||
      inFile('sqlite-sync-log-store.ts')(f) ||
      inFile('scim/log-redact.ts')(f),
  },
  { part: 'serialisation (JSON.stringify)', test: inFile('fastify/lib/reply.js', 'serialize') },
  {
    part: 'auth (bearer, IdP)',
    test: (f) =>
      inFile('token-check.ts')(f) || inFile('security/tokens.ts')(f) || inFile('idp-store.ts')(f),
  },
  { part: 'uuid, clock', test: (f) => /random|randomUUID/.test(f.where) || inFile('clock.ts')(f) },
  {
    part: 'SCIM service and routes (own code)',
    test: (f) => inFile('cloud/scim/')(f) || inFile('cloud/events.ts')(f),
    self: true,
  },
];

/** The part of a sample whose stack is `stack`, leaf first. */
export function partOf(stack: readonly Frame[]): string {
  for (let i = 0; i < stack.length; i++) {
    const rule = RULES.find((r) => (!r.self || i === 0) && r.test(stack[i]!));
    if (rule) return rule.part;
  }
  return fallbackPart(stack[0]!);
}

function fallbackPart(leaf: Frame): string {
  const { functionName: fn, where } = leaf;
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)' || fn === '(idle)') return fn;
  if (/^(fastify|find-my-way|fast-querystring|avvio|light-my-request|toad-cache)/.test(where))
    return 'Fastify (routing, hooks, reply)';
  if (where.startsWith('better-sqlite3')) return 'better-sqlite3 (other)';
  if (where.startsWith('node:') || where === '') return "Node's HTTP, streams, events, timers";
  return 'other';
}
