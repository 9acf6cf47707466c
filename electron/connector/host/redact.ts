/**
 * Removes secrets from what leaves the client (Export Logs, Report an Issue): session tokens,
 * passwords, cookies, Authorization values, SAML messages, OIDC codes and tokens, private keys
 * (PEM and JWK). Two layers:
 * values the host knows to be secret (the session token in use) are replaced wherever they
 * appear, and patterns catch the rest (bearer tokens, JWTs, secret query parameters and fields).
 */

export const REDACTED = '[REDACTED]';

/** Object keys whose values are secrets, compared without case, `-` or `_`. */
const SECRET_KEYS = new Set(
  [
    'password',
    'passwd',
    'pwd',
    'secret',
    'clientSecret',
    'token',
    'sessionToken',
    'accessToken',
    'refreshToken',
    'idToken',
    'adminToken',
    'scimToken',
    'bearer',
    'authorization',
    'proxyAuthorization',
    'cookie',
    'setCookie',
    'authCode',
    'authorizationCode',
    'codeVerifier',
    'samlResponse',
    'samlRequest',
    'samlAssertion',
    'assertion',
    'relayState',
    'privateKey',
    'apiKey',
  ].map(normaliseKey),
);

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '');
}

export function isSecretKey(key: string): boolean {
  const k = normaliseKey(key);
  return (
    SECRET_KEYS.has(k) || k.endsWith('token') || k.endsWith('password') || k.endsWith('secret')
  );
}

/** Query / form parameter names that carry secrets (anywhere a `name=value` appears). */
const SECRET_PARAMS =
  'id_token|access_token|refresh_token|token|session_token|sessionToken|password|passwd|pwd|client_secret|code_verifier|codeVerifier|SAMLResponse|SAMLRequest|RelayState|assertion';

const PATTERNS: Array<[RegExp, string | ((...m: string[]) => string)]> = [
  // Authorization: Bearer x / Basic x / any scheme; also "authorization=..." in a dump.
  [/\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)[^"',;\n}]+/gi, `$1$2${REDACTED}`],
  [/\b(Bearer|Basic|Negotiate|Digest)\s+[A-Za-z0-9\-._~+/=]{6,}/g, `$1 ${REDACTED}`],
  // Cookie / Set-Cookie headers: the whole value.
  [/\b(set-cookie|cookie)(["']?\s*[:=]\s*["']?)[^"'\n}]+/gi, `$1$2${REDACTED}`],
  // JWTs (ID tokens, access tokens), anywhere.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Secret query or form parameters: SAMLResponse=..., id_token=...; a URL's ?code=... (the
  // OIDC authorization code or the cloud's one-time code).
  [new RegExp(`([?&#;\\s]|^)(${SECRET_PARAMS})=[^&#\\s"']*`, 'g'), `$1$2=${REDACTED}`],
  [/([?&#])(code)=[^&#\s"']*/g, `$1$2=${REDACTED}`],
  // "password": "x", password: x, password=x (JSON, logs, key=value).
  [
    /(["']?)([A-Za-z_-]*(?:password|passwd|secret|token|cookie)[A-Za-z_-]*)\1(\s*[:=]\s*)(["'])(?:\\.|(?!\4).)*\4/gi,
    `$1$2$1$3$4${REDACTED}$4`,
  ],
  [
    /\b([A-Za-z_-]*(?:password|passwd|secret|token))(\s*[:=]\s*)(?!["'[{])[^\s,;&}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // Base64 SAML messages (they start with "<samlp:" / "<?xml" / "<saml2p:" encoded).
  [/\b(?:PHNhbWxwO|PD94bWwg|PHNhbWwyc|PHNhbWw6)[A-Za-z0-9+/=]{40,}/g, REDACTED],
  // Raw SAML XML.
  [/<(saml2?p?:)?(Response|Assertion|AuthnRequest)\b[\s\S]*?<\/\1?\2>/g, REDACTED], // PEM private keys (an IdP's signing key in an error or a pasted configuration), whole; also
  // when the line breaks arrive escaped (\n inside a JSON string).
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g, REDACTED],
  // The private members of a JWK (an OIDC IdP's signing key as JSON).
  [/(["'])(d|p|q|dp|dq|qi|k)\1(\s*:\s*)(["'])[A-Za-z0-9_-]{16,}\4/g, `$1$2$1$3$4${REDACTED}$4`],
];

export interface Redactor {
  /** A string with every secret replaced. */
  text(value: string): string;
  /** A deep copy of plain data with secret keys and secret strings replaced. */
  value<T>(value: T): T;
}

/**
 * @param knownSecrets values to remove wherever they appear (e.g. the session token in use).
 *   Values shorter than 8 characters are ignored: they would match too much.
 */
export function createRedactor(knownSecrets: Iterable<string | null | undefined> = []): Redactor {
  const known = [...new Set([...knownSecrets].filter((s): s is string => !!s && s.length >= 8))]
    // longest first, so a secret containing another is removed whole
    .sort((a, b) => b.length - a.length);

  const text = (input: string): string => {
    let out = input;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    for (const [re, replacement] of PATTERNS) {
      out = out.replace(re, replacement as string);
    }
    return out;
  };

  const value = <T>(input: T): T => walk(input, text, new WeakSet()) as T;
  return { text, value };
}

/** RFC 7518 §6.2.2 / §6.3.2 / §6.4: the members of a JWK that make it a private (or secret) key. */
const JWK_PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

function walk(v: unknown, text: (s: string) => string, seen: WeakSet<object>): unknown {
  if (typeof v === 'string') return text(v);
  if (v === null || typeof v !== 'object') return v;
  if (seen.has(v)) return '[Circular]';
  seen.add(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, text, seen));
  if (v instanceof Error) return { name: v.name, message: text(v.message) };
  const out: Record<string, unknown> = {};
  const jwk = typeof (v as { kty?: unknown }).kty === 'string';
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const secret = isSecretKey(k) || (jwk && JWK_PRIVATE_MEMBERS.has(k));
    out[k] = secret && x !== null && x !== undefined && x !== '' ? REDACTED : walk(x, text, seen);
  }
  return out;
}
