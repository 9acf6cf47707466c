/**
 * The parts of a SCIM write's server time, for `profile-summary.ts --parts`: each sample goes to
 * the part of the innermost frame on its stack that names one (walking from the sample's own
 * function towards the root), so a part's share is what it costs itself, its callees that name
 * no part of their own included (the cloud's helpers count for the part that called them). The
 * first rule that matches a frame decides; a stack through the cloud's code that meets no rule
 * is the SCIM service's own.
 */
export interface Frame {
  functionName: string;
  /** Where it is, as profile-summary prints it (repository-relative, or node:…, or (native)). */
  where: string;
}

const named =
  (file: RegExp, ...names: string[]) =>
  (f: Frame) =>
    file.test(f.where) && (names.length === 0 || names.includes(f.functionName));

export const PARTS: [part: string, matches: (f: Frame) => boolean][] = [
  ['socket write (writev; the ceiling pays it too)', (f) => f.functionName === 'writev'],
  [
    "the transaction's own statements (BEGIN IMMEDIATE, SAVEPOINT, RELEASE, COMMIT)",
    named(/better-sqlite3\/lib\/methods\/transaction\.js/, 'sqliteTransaction'),
  ],
  [
    "the broker's scim.changed listener",
    (f) => /electron\/cloud\/broker\//.test(f.where) || f.functionName === 'sessionsOfUser',
  ],
  [
    "the user's live sessions, read in the transaction",
    (f) => f.functionName === 'liveSessionAtCommit',
  ],
  ["reading the user's row (with JSON.parse of its document)", named(/sqlite-scim-store/, 'get')],
  ['the UPDATE', named(/sqlite-scim-store/, 'update')],
  [
    'representation (groups read, meta)',
    (f) => /scim\/read\.ts/.test(f.where) || named(/sqlite-scim-store/, 'groupsOf')(f),
  ],
  ['PATCH normalisation (applyPatch, revalidation)', named(/scim\/patch[-.a-z]*\.ts/)],
  [
    'attributesChanged of the event (profileChanged)',
    named(/scim\/stored-resource/, 'profileChanged'),
  ],
  ['sync log (line, batched insert)', named(/sync-log/)],
  [
    'request body JSON.parse',
    (f) => /secure-json-parse/.test(f.where) || f.functionName === 'defaultJsonParser',
  ],
  ['serialisation of the response', named(/fastify\/lib\/reply\.js/, 'serialize')],
  [
    'SCIM hooks and routes (auth, rate limit, charset)',
    named(/electron\/cloud\/scim\/(routes|token-check|rate-limiter)/),
  ],
  ['Fastify (routing, hooks, reply)', named(/(fastify|find-my-way|avvio)\//)],
  [
    "Node's HTTP (parser, headers, streams)",
    (f) => /^node:(_http|net|internal\/(streams|stream_base|http))/.test(f.where),
  ],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
];

export const SERVICE_PART = 'group commit and the rest of the SCIM service';
export const OTHER_PART = 'other (timers, the event loop, V8, the rest)';

/** The part of a sample whose stack is `stack`, innermost frame first. */
export function partOf(stack: Iterable<Frame>): string {
  let throughCloud = false;
  for (const frame of stack) {
    for (const [part, matches] of PARTS) if (matches(frame)) return part;
    throughCloud ||= frame.where.startsWith('electron/cloud/');
  }
  return throughCloud ? SERVICE_PART : OTHER_PART;
}
