/**
 * Validation and canonicalisation of client-supplied resources (POST/PUT bodies, and the result
 * of every PATCH). The output is plain JSON in one canonical form, so everything downstream
 * (store, filters, projection) can read attributes by their canonical key without case games:
 *
 * - attribute names are matched case-insensitively (RFC 7643 §2.1) and rewritten to the spelling
 *   of the schema, at every level (sub-attributes, extension objects, multi-valued items);
 * - readOnly attributes the client sent (id, meta, groups, manager.displayName) are ignored, as
 *   RFC 7643 §2.2 says; password (writeOnly) is never stored;
 * - anything the schema does not define is refused with 400 invalidSyntax naming it: the real
 *   cloud has no custom attributes, and a silent drop would hide an IdP mapping mistake;
 * - values are type-checked (400 invalidValue), `null` means "unassigned" (the key is dropped),
 *   and the string booleans real IdPs send ("true", "False") become real booleans.
 */
import { badRequest } from './errors.js';
import { findAttribute, resourceSchema, type AttrNode, type ResourceTypeName } from './schemas.js';
import { normalizeUserName } from './user-name.js';

type Json = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a POST/PUT body for /Users. The caller adds id and meta. */
export function normalizeUserInput(body: unknown): Json {
  return normalizeInput('User', body);
}

/** Validates a POST/PUT body for /Groups. The caller adds id and meta. */
export function normalizeGroupInput(body: unknown): Json {
  return normalizeInput('Group', body);
}

export function normalizeInput(type: ResourceTypeName, body: unknown): Json {
  if (!isPlainObject(body)) {
    throw badRequest('invalidSyntax', `The request body must be a JSON object (a SCIM ${type}).`);
  }
  const s = resourceSchema(type);
  let declared: string[] | undefined;
  // Canonical top-level values by key; merged by setAt so URN-qualified keys can add to
  // an extension object given whole.
  const out: Json = {};
  for (const key of Object.keys(body)) {
    const value = body[key];
    const lower = key.toLowerCase();
    if (lower === 'schemas') {
      declared = schemaList(type, value);
      continue;
    }
    const node =
      s.attrs.get(lower) ?? (lower.startsWith('urn:') ? findAttribute(type, key) : undefined);
    if (!node) throw unknownAttribute(type, key);
    if (node.parent?.def.multiValued) {
      throw badRequest(
        'invalidSyntax',
        `"${key}" names a sub-attribute of the multi-valued "${node.parent.path}": give "${node.parent.path}" as an array instead.`,
      );
    }
    if (isIgnoredOnInput(node)) continue;
    const v = normalizeAttributeValue(node, value, node.path);
    if (v === undefined) continue;
    setAt(out, node, v);
  }
  if (declared === undefined) {
    throw badRequest('invalidSyntax', `"schemas" is required and must include "${s.core}".`);
  }

  if (type === 'User') {
    if (typeof out.userName !== 'string' || out.userName.trim() === '') {
      throw badRequest('invalidValue', 'userName is required and must be a non-empty string.');
    }
    out.userName = normalizeUserName(out.userName);
    // RFC 7643 leaves the default open; an account an IdP pushes without "active" is active.
    if (out.active === undefined) out.active = true;
  } else if (typeof out.displayName !== 'string' || out.displayName.trim() === '') {
    throw badRequest('invalidValue', 'displayName is required and must be a non-empty string.');
  }

  const result: Json = { schemas: [s.core] };
  for (const node of s.topLevel) {
    const v = out[node.name];
    if (v === undefined) continue;
    if (node.isExtension) (result.schemas as string[]).push(node.name);
    result[node.name] = v;
  }
  return result;
}

/** readOnly attributes are ignored on input (RFC 7643 §2.2); password is never stored. */
function isIgnoredOnInput(node: AttrNode): boolean {
  const m = node.def.mutability;
  return m === 'readOnly' || m === 'writeOnly';
}

function schemaList(type: ResourceTypeName, value: unknown): string[] {
  const s = resourceSchema(type);
  if (!Array.isArray(value) || value.some((u) => typeof u !== 'string')) {
    throw badRequest('invalidSyntax', '"schemas" must be an array of schema URN strings.');
  }
  const urns = value as string[];
  let core = false;
  for (const urn of urns) {
    const lower = urn.toLowerCase();
    if (lower === s.core.toLowerCase()) core = true;
    else if (!s.extensionRoots.has(lower)) {
      throw badRequest(
        'invalidSyntax',
        `Unknown schema "${urn}" in "schemas": a ${type} supports only ${[s.core, ...s.extensions].join(' and ')}.${didYouMean(type, urn)}`,
      );
    }
  }
  if (!core) {
    throw badRequest('invalidSyntax', `"schemas" must include "${s.core}".`);
  }
  return urns;
}

function unknownAttribute(type: ResourceTypeName, key: string) {
  const s = resourceSchema(type);
  const lower = key.toLowerCase();
  const hint = didYouMean(type, key);
  if (
    lower.startsWith('urn:') &&
    findAttribute(type, key) === undefined &&
    !isUnderKnownUrn(type, lower)
  ) {
    return badRequest(
      'invalidSyntax',
      `Unknown schema extension "${key}": a ${type} supports only ${[s.core, ...s.extensions].join(' and ')}; this service provider has no custom attributes.`,
    );
  }
  return badRequest(
    'invalidSyntax',
    `Unknown attribute "${key}": it is not defined for a ${type} and this service provider has no custom attributes.${hint}`,
  );
}

function isUnderKnownUrn(type: ResourceTypeName, lower: string): boolean {
  const s = resourceSchema(type);
  return [s.core, ...s.extensions].some((u) => lower.startsWith(u.toLowerCase() + ':'));
}

/** Suggests the real URN for a mangled one, e.g. Okta's "urn_ietf_params_scim_..." namespace. */
function didYouMean(type: ResourceTypeName, key: string): string {
  const s = resourceSchema(type);
  const squash = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  const k = squash(key);
  for (const urn of [s.core, ...s.extensions]) {
    const u = squash(urn);
    if (k === u || (k.startsWith(u) && k.length > u.length)) {
      return ` Did you mean "${urn}"? Schema URNs are separated by ":".`;
    }
  }
  return '';
}

/** Puts a canonical value at the node's place in the output, creating parent objects. */
function setAt(out: Json, node: AttrNode, value: unknown): void {
  const keys = node.keys;
  let obj = out;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    const next = obj[k];
    if (next === undefined) obj = obj[k] = {};
    else if (isPlainObject(next)) obj = next;
    else throw badRequest('invalidSyntax', `Attribute "${node.path}" is specified twice.`);
  }
  const last = keys[keys.length - 1]!;
  const existing = obj[last];
  if (existing === undefined) {
    obj[last] = value;
  } else if (isPlainObject(existing) && isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k in existing) {
        throw badRequest('invalidSyntax', `Attribute "${node.path}.${k}" is specified twice.`);
      }
      existing[k] = v;
    }
  } else {
    throw badRequest('invalidSyntax', `Attribute "${node.path}" is specified twice.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * Validates and canonicalises the whole value of one attribute: an array for a multi-valued
 * attribute (a lone object is refused: RFC 7643 §2.4 values are arrays), the value itself
 * otherwise. Returns undefined for "unassigned" (null, empty array, empty complex value).
 */
export function normalizeAttributeValue(node: AttrNode, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (!node.def.multiValued) return normalizeAttributeItem(node, value, where);
  if (!Array.isArray(value)) {
    throw badRequest(
      'invalidValue',
      `Attribute "${where}" is multi-valued: its value must be an array, got ${describe(value)}.`,
    );
  }
  const items: unknown[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = normalizeAttributeItem(node, value[i], `${where}[${i}]`);
    if (v !== undefined) items.push(v);
  }
  return finishMultiValued(node, items, where);
}

/** Post-checks of a multi-valued value: at most one primary, members de-duplicated. */
function finishMultiValued(node: AttrNode, items: unknown[], where: string): unknown {
  if (items.length === 0) return undefined;
  if (node.sub?.has('primary')) {
    let primaries = 0;
    for (const item of items) if ((item as Json).primary === true) primaries++;
    if (primaries > 1) {
      throw badRequest(
        'invalidValue',
        `Attribute "${where}" has ${primaries} values with "primary": true; at most one is allowed.`,
      );
    }
  }
  if (isGroupMembers(node)) {
    const seen = new Set<string>();
    return items.filter((m) => {
      const v = (m as Json).value as string;
      if (seen.has(v)) return false;
      seen.add(v);
      return true;
    });
  }
  return items;
}

const isGroupMembers = (node: AttrNode) => node.name === 'members' && node.parent === undefined;

/**
 * Validates one value of an attribute: one item of a multi-valued attribute, or the value of a
 * single-valued one. Returns undefined for null / an empty complex value.
 */
export function normalizeAttributeItem(node: AttrNode, value: unknown, where: string): unknown {
  if (value === null || value === undefined) return undefined;
  const def = node.def;
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary':
      if (typeof value !== 'string') throw typeError(where, `a string`, value);
      if (node.parent && isGroupMembers(node.parent) && node.name === 'type') {
        // The only canonical values enforced: a member is a User or a Group (any case in).
        const canonical = def.canonicalValues!.find((c) => c.toLowerCase() === value.toLowerCase());
        if (!canonical) {
          throw badRequest(
            'invalidValue',
            `Attribute "${where}" must be "User" or "Group", got "${value}".`,
          );
        }
        return canonical;
      }
      return value;
    case 'boolean':
      return toBoolean(value, where);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw typeError(where, 'an integer', value);
      }
      return value;
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw typeError(where, 'a number', value);
      }
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        throw typeError(where, 'an xsd:dateTime string such as "2024-01-23T04:56:22Z"', value);
      }
      return value;
    case 'complex':
      return normalizeComplex(node, value, where);
  }
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/i;

/** Real booleans, or the strings clients send for them: "true" (Zscaler docs), "False" (Entra). */
function toBoolean(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const l = value.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  throw typeError(where, 'a boolean', value);
}

function normalizeComplex(node: AttrNode, value: unknown, where: string): Json | undefined {
  if (typeof value === 'string' && !node.def.multiValued && node.sub!.has('value')) {
    // Entra sends the enterprise manager as a bare id: "manager": "26118915-6090-...".
    value = { value };
  }
  if (!isPlainObject(value)) throw typeError(where, 'a complex value (JSON object)', value);
  const out: Json = {};
  let empty = true;
  for (const key of Object.keys(value)) {
    const sub = node.sub!.get(key.toLowerCase());
    if (!sub) {
      throw badRequest(
        'invalidSyntax',
        `Unknown attribute "${where}.${key}": "${node.path}" has no such sub-attribute.`,
      );
    }
    if (isIgnoredOnInput(sub)) continue;
    if (sub.name in out) {
      throw badRequest('invalidSyntax', `Attribute "${where}.${sub.name}" is specified twice.`);
    }
    const v = sub.def.multiValued
      ? normalizeAttributeValue(sub, value[key], `${where}.${sub.name}`)
      : normalizeAttributeItem(sub, value[key], `${where}.${sub.name}`);
    if (v === undefined) continue;
    out[sub.name] = v;
    empty = false;
  }
  if (isGroupMembers(node)) {
    if (typeof out.value !== 'string' || out.value === '') {
      throw badRequest('invalidValue', `Attribute "${where}.value" (the member id) is required.`);
    }
    if (out.type === undefined) out.type = 'User';
  }
  return empty ? undefined : out;
}

function typeError(where: string, expected: string, got: unknown) {
  return badRequest(
    'invalidValue',
    `Attribute "${where}" must be ${expected}, got ${describe(got)}.`,
  );
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}
