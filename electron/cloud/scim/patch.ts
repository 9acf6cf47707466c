/**
 * SCIM PATCH (RFC 7644 §3.5.2): applies a PatchOp message to a stored resource and returns the
 * new, fully re-validated resource. All-or-nothing: the input is never mutated and any refusal
 * throws a ScimError before anything is returned.
 *
 * Every operation is first resolved against the schema (case-insensitive names, URN-qualified
 * paths, value filters compiled by filter.ts) and its value validated for its target
 * (resource.ts), so the quirks of real clients become one canonical form:
 *   - Okta: path-less `{"op":"replace","value":{"active":false}}`, value objects with dotted and
 *     URN-qualified keys, the group's own `id` inside a path-less value;
 *   - Entra: `"op":"Replace"`, string booleans (`"False"`), `emails[type eq "work"].value` adds
 *     that create the element, members removed by `{"path":"members","value":[{"value":id}]}`,
 *     the enterprise manager given as a bare id.
 *
 * The `scim-patch` library applies the plain cases, where its behaviour is right once the path
 * and value are canonical: add/replace of a single-valued attribute or sub-attribute (merging a
 * complex value), replace of a whole multi-valued attribute, add of new values to a multi-valued
 * attribute other than members (de-duplicated by deep equality), and remove of an attribute.
 * Everything else is done here, because the library gets it wrong (each pinned in
 * test/unit/scim/libraries.test.ts):
 *   - value filters are evaluated with scim2-parse-filter's case-sensitive evaluator, so
 *     `emails[type eq "Work"]` misses the "work" email and, with replace, appends a new one;
 *   - a filter value containing ":" (`members[value eq "urn:x"]`) breaks its path splitting;
 *   - attribute names in paths are case-sensitive (`UserName` creates a new key);
 *   - op names other than add/Add/replace/Replace/remove/Remove are refused (`REMOVE`);
 *   - remove with a value compares whole objects, so Entra's `[{"value":id}]` removes nothing;
 *   - adding members duplicates a member already there with a display;
 *   - an extension URN key in a path-less value nests under a truncated URN;
 *   - replace of a multi-valued attribute with one object merges it into every value;
 *   - a remove whose filter matches nothing is silently ignored (RFC 7644 Table 9: noTarget).
 */
import { NoTarget, scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { ScimError, badRequest } from './errors.js';
import { compileElementFilter } from './filter.js';
import {
  isPlainObject,
  normalizeAttributeItem,
  normalizeAttributeValue,
  normalizeInput,
} from './resource.js';
import {
  PATCH_OP_SCHEMA,
  findAttribute,
  resourceSchema,
  type AttrNode,
  type ResourceTypeName,
} from './schemas.js';

type Json = Record<string, unknown>;
type Op = 'add' | 'replace' | 'remove';

/** A resolved PATCH path: `attr`, `attr.sub`, `urn:...:attr`, `attr[filter]`, `attr[filter].sub`. */
interface Target {
  /** The attribute named before any filter (or the whole path when there is none). */
  node: AttrNode;
  filter?: { text: string; test: (el: unknown) => boolean; equalities: Json | undefined };
  /** The sub-attribute after `attr[filter].` */
  sub?: AttrNode;
  /** The path as written, for messages. */
  text: string;
}

export function applyPatch(
  resource: Record<string, unknown>,
  body: unknown,
  resourceType: ResourceTypeName,
): Record<string, unknown> {
  const operations = readMessage(body);
  const doc = deepClone(resource);
  for (let i = 0; i < operations.length; i++) {
    applyOperation(doc, operations[i], i, resourceType);
  }
  return revalidate(resource, doc, resourceType);
}

// ---------------------------------------------------------------------------------------------
// Message

function readMessage(body: unknown): unknown[] {
  if (!isPlainObject(body)) {
    throw badRequest('invalidSyntax', 'The PATCH body must be a JSON object (a PatchOp message).');
  }
  let schemas: unknown;
  let operations: unknown;
  for (const key of Object.keys(body)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas') schemas = body[key];
    else if (lower === 'operations') operations = body[key];
  }
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())
  ) {
    throw badRequest('invalidSyntax', `"schemas" must contain "${PATCH_OP_SCHEMA}".`);
  }
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest('invalidSyntax', '"Operations" must be a non-empty array.');
  }
  return operations;
}

function applyOperation(doc: Json, raw: unknown, index: number, type: ResourceTypeName): void {
  const where = `Operations[${index}]`;
  if (!isPlainObject(raw)) {
    throw badRequest('invalidSyntax', `${where} must be an object with "op", "path", "value".`);
  }
  let opName: unknown;
  let path: unknown;
  let value: unknown;
  let hasValue = false;
  for (const key of Object.keys(raw)) {
    const lower = key.toLowerCase();
    if (lower === 'op') opName = raw[key];
    else if (lower === 'path') path = raw[key];
    else if (lower === 'value') {
      value = raw[key];
      hasValue = true;
    }
  }
  const op = typeof opName === 'string' ? opName.toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') {
    throw badRequest(
      'invalidSyntax',
      `${where}: "op" must be "add", "replace" or "remove", got ${JSON.stringify(opName ?? null)}.`,
    );
  }
  if (path !== undefined && path !== null && typeof path !== 'string') {
    throw badRequest('invalidPath', `${where}: "path" must be a string.`);
  }
  const pathText = typeof path === 'string' ? path.trim() : '';
  if (op !== 'remove' && !hasValue) {
    throw badRequest('invalidSyntax', `${where}: "${op}" needs a "value".`);
  }

  if (pathText === '') {
    if (op === 'remove') {
      throw badRequest('noTarget', `${where}: "remove" needs a "path" naming what to remove.`);
    }
    applyPathless(doc, op, value, where, type);
    return;
  }
  const target = parsePath(type, pathText);
  applyToTarget(doc, op, target, value, hasValue, type);
}

/** A path-less add/replace: each key of the value object is a path (RFC 7644 §3.5.2.1/.3). */
function applyPathless(doc: Json, op: Op, value: unknown, where: string, type: ResourceTypeName) {
  if (!isPlainObject(value)) {
    throw badRequest(
      'invalidValue',
      `${where}: without a "path", "value" must be an object of attributes to ${op}.`,
    );
  }
  for (const key of Object.keys(value)) {
    const v = value[key];
    const lower = key.toLowerCase();
    // The server owns "schemas"; Okta repeats the resource's own id when renaming a group.
    if (lower === 'schemas') continue;
    if (lower === 'id' && v === doc.id) continue;
    const target = parsePath(type, key);
    if (target.node.isExtension && !target.filter) {
      if (!isPlainObject(v)) {
        throw badRequest('invalidValue', `Extension "${target.node.name}" must be an object.`);
      }
      for (const subKey of Object.keys(v)) {
        const sub = target.node.sub!.get(subKey.toLowerCase());
        if (!sub) throw unknownPath(`${target.node.name}:${subKey}`, type);
        applyToTarget(doc, op, { node: sub, text: sub.path }, v[subKey], true, type);
      }
      continue;
    }
    applyToTarget(doc, op, target, v, true, type);
  }
}

// ---------------------------------------------------------------------------------------------
// Paths

function parsePath(type: ResourceTypeName, text: string): Target {
  const open = text.indexOf('[');
  if (open < 0) {
    const node = findAttribute(type, text);
    if (!node) throw unknownPath(text, type);
    return { node, text };
  }
  const close = closingBracket(text, open);
  const node = findAttribute(type, text.slice(0, open));
  if (!node) throw unknownPath(text, type);
  if (node.def.type !== 'complex' || !node.def.multiValued) {
    throw badRequest(
      'invalidPath',
      `Invalid path "${text}": "${node.path}" is not a multi-valued complex attribute, so it takes no [filter].`,
    );
  }
  const filterText = text.slice(open + 1, close);
  let filter: Target['filter'];
  try {
    filter = { text: filterText, ...compileElementFilter(filterText, type, node) };
  } catch (e) {
    if (e instanceof ScimError) {
      throw badRequest('invalidPath', `Invalid path "${text}": ${e.message}`);
    }
    throw e;
  }
  const rest = text.slice(close + 1);
  if (rest === '') return { node, filter, text };
  const sub = rest.startsWith('.') ? node.sub!.get(rest.slice(1).toLowerCase()) : undefined;
  if (!sub) {
    throw badRequest(
      'invalidPath',
      `Invalid path "${text}": "${rest}" is not a sub-attribute of "${node.path}".`,
    );
  }
  return { node, filter, sub, text };
}

/** Index of the `]` closing the filter opened at `open`, skipping quoted strings. */
function closingBracket(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[') break;
    else if (c === ']') return i;
  }
  throw badRequest('invalidPath', `Invalid path "${text}": unbalanced "[...]" value filter.`);
}

function unknownPath(text: string, type: ResourceTypeName) {
  return badRequest(
    'invalidPath',
    `Invalid path "${text}": no such attribute on a ${type} (this service provider has no custom attributes).`,
  );
}

// ---------------------------------------------------------------------------------------------
// Operations

function applyToTarget(
  doc: Json,
  op: Op,
  target: Target,
  value: unknown,
  hasValue: boolean,
  type: ResourceTypeName,
): void {
  checkMutability(op, target);
  const { node } = target;
  // password is writeOnly and never stored (resource.ts); accept and forget, like on POST.
  if (node.def.mutability === 'writeOnly') return;

  if (target.filter) {
    applyFiltered(doc, op, target, value);
    return;
  }
  if (node.isExtension) {
    // The whole extension object: its attributes one by one, so a value merges (RFC §3.5.2.1).
    if (op === 'remove') {
      if (hasValue) removeExtensionWithValue(doc, node, value);
      else delete doc[node.name];
      return;
    }
    if (value === null) {
      delete doc[node.name];
      return;
    }
    if (!isPlainObject(value)) {
      throw badRequest('invalidValue', `Extension "${node.name}" must be an object.`);
    }
    for (const key of Object.keys(value)) {
      const sub = node.sub!.get(key.toLowerCase());
      if (!sub) throw unknownPath(`${node.name}:${key}`, type);
      applyToTarget(doc, op, { node: sub, text: sub.path }, value[key], true, type);
    }
    return;
  }
  if (node.parent?.def.multiValued) {
    applyToEverySubValue(doc, op, target, value);
    return;
  }
  if (node.def.multiValued) {
    applyMultiValued(doc, op, target, value, hasValue);
    return;
  }
  // A single-valued attribute or sub-attribute (or a single-valued complex one).
  if (op === 'remove') {
    libraryPatch(doc, { op: 'remove', path: libraryPath(node) }, target);
    return;
  }
  const v = normalizeAttributeItem(node, value, target.text);
  if (v === undefined) {
    // null: "unassigned" (RFC 7643 §2.5), i.e. remove.
    libraryPatch(doc, { op: 'remove', path: libraryPath(node) }, target);
    return;
  }
  if (node.def.type === 'complex' && !isPlainObject(value)) {
    // Entra's bare manager id names a whole new manager: no merging with the old one's $ref.
    libraryPatch(doc, { op: 'remove', path: libraryPath(node) }, target);
  }
  libraryPatch(doc, { op, path: libraryPath(node), value: v }, target);
}

function checkMutability(op: Op, target: Target): void {
  for (let n: AttrNode | undefined = target.sub ?? target.node; n; n = n.parent) {
    if (n.def.mutability === 'readOnly') {
      throw badRequest(
        'mutability',
        `"${target.text}" is read-only (${n.path} is managed by the service provider).`,
      );
    }
  }
  const leaf = target.sub ?? target.node;
  if (leaf.def.mutability === 'immutable' && op !== 'add') {
    throw badRequest('mutability', `"${target.text}" is immutable: it cannot be ${op}d.`);
  }
}

/** `attr[filter]` and `attr[filter].sub` targets. */
function applyFiltered(doc: Json, op: Op, target: Target, value: unknown): void {
  const { node, sub } = target;
  const filter = target.filter!;
  const container = containerOf(doc, node, op === 'add');
  const current = container?.[node.name];
  const array = Array.isArray(current) ? (current as Json[]) : [];
  const matched = array.filter((el) => filter.test(el));

  if (op === 'remove') {
    if (matched.length === 0) throw noTarget(target);
    if (sub) {
      for (const el of matched) delete el[sub.name];
    } else {
      const rest = array.filter((el) => !matched.includes(el));
      if (rest.length === 0) delete container![node.name];
      else container![node.name] = rest;
    }
    return;
  }

  // add / replace
  let touched: Json[];
  if (matched.length === 0) {
    // RFC §3.5.2.3: replace with a filter that matches nothing is noTarget. For "add" we build
    // the element the filter describes, as Entra expects for `emails[type eq "work"].value`.
    if (op === 'replace' || !filter.equalities) throw noTarget(target);
    const fresh = sub
      ? { ...filter.equalities, [sub.name]: value }
      : isPlainObject(value)
        ? { ...filter.equalities, ...canonicalKeys(node, value, target.text) }
        : undefined;
    if (!fresh) throw objectExpected(target);
    const el = normalizeAttributeItem(node, fresh, target.text) as Json | undefined;
    if (!el) return;
    container![node.name] = [...array, el];
    touched = [el];
  } else if (sub) {
    const v = sub.def.multiValued
      ? normalizeAttributeValue(sub, value, target.text)
      : normalizeAttributeItem(sub, value, target.text);
    for (const el of matched) {
      if (v === undefined) delete el[sub.name];
      else el[sub.name] = v;
    }
    touched = matched;
  } else if (op === 'replace') {
    // "all matching record values SHALL be replaced" (RFC 7644 §3.5.2.3).
    if (!isPlainObject(value)) throw objectExpected(target);
    const v = normalizeAttributeItem(node, value, target.text) as Json | undefined;
    touched = [];
    const next: Json[] = [];
    for (const el of array) {
      if (!matched.includes(el)) next.push(el);
      else if (v) {
        const copy = { ...v };
        next.push(copy);
        touched.push(copy);
      }
    }
    if (next.length === 0) delete container![node.name];
    else container![node.name] = next;
  } else {
    // add: the given sub-attributes are set on every matching value (RFC 7644 §3.5.2.1).
    if (!isPlainObject(value)) throw objectExpected(target);
    const subs = subValues(node, value, target.text);
    for (const el of matched) {
      for (const [name, v] of subs) {
        if (v === undefined) delete el[name];
        else el[name] = v;
      }
    }
    touched = matched;
  }
  enforceSinglePrimary(container![node.name], touched);
}

/** `emails.type` without a filter: every value's sub-attribute. */
function applyToEverySubValue(doc: Json, op: Op, target: Target, value: unknown): void {
  const sub = target.node;
  const node = sub.parent!;
  const container = containerOf(doc, node, op !== 'remove');
  const current = container?.[node.name];
  const array = Array.isArray(current) ? (current as Json[]) : [];
  if (op === 'remove') {
    for (const el of array) delete el[sub.name];
    return;
  }
  const v = normalizeAttributeItem(sub, value, target.text);
  if (array.length === 0) {
    // Nothing to set it on: "add" (and replace, which then acts as add) creates one value.
    if (v === undefined) return;
    const el = normalizeAttributeItem(node, { [sub.name]: v }, target.text);
    if (el !== undefined) container![node.name] = [el];
    return;
  }
  for (const el of array) {
    if (v === undefined) delete el[sub.name];
    else el[sub.name] = v;
  }
  if (v === true) enforceSinglePrimary(array, array);
}

/** A whole multi-valued attribute: `emails`, `members`, `urn:...:roles`. */
function applyMultiValued(doc: Json, op: Op, target: Target, value: unknown, hasValue: boolean) {
  const { node } = target;
  if (op === 'remove') {
    if (hasValue && value !== null) removeValues(doc, node, value, target);
    else libraryPatch(doc, { op: 'remove', path: libraryPath(node) }, target);
    return;
  }
  // Clients send one value where an array belongs ("value": {"value": "id"}); take it as [it].
  const items = normalizeAttributeValue(
    node,
    value === null || Array.isArray(value) ? value : [value],
    target.text,
  ) as Json[] | undefined;
  if (op === 'replace') {
    if (items === undefined) libraryPatch(doc, { op: 'remove', path: libraryPath(node) }, target);
    else libraryPatch(doc, { op: 'replace', path: libraryPath(node), value: items }, target);
    return;
  }
  if (items === undefined) return;
  if (isGroupMembers(node)) {
    // Members are identified by their value: re-adding an existing member is a no-op, however
    // the client spells the rest (the library would append a duplicate).
    const current = (doc.members as Json[] | undefined) ?? [];
    const known = new Set(current.map((m) => m.value));
    const added = items.filter((m) => !known.has(m.value));
    if (added.length > 0) doc.members = [...current, ...added];
    return;
  }
  libraryPatch(doc, { op: 'add', path: libraryPath(node), value: items }, target);
  const container = containerOf(doc, node, false);
  enforceSinglePrimary(container?.[node.name], items);
}

/**
 * `remove` with a value on a multi-valued attribute: removes those values (Entra removes members
 * with `[{"value": id}]`). Complex values are matched on their "value" sub-attribute when given,
 * otherwise on all the sub-attributes given. Values not present are ignored.
 */
function removeValues(doc: Json, node: AttrNode, value: unknown, target: Target): void {
  const container = containerOf(doc, node, false);
  const current = container?.[node.name];
  if (!Array.isArray(current)) return;
  const wanted = (Array.isArray(value) ? value : [value]).map((item, i) => {
    if (node.def.type === 'complex' && typeof item === 'string') item = { value: item };
    if (node.def.type === 'complex' && isPlainObject(item)) {
      return canonicalKeys(node, item, `${target.text}[${i}]`);
    }
    return item;
  });
  const valueSub = node.sub?.get('value');
  const matches = (el: unknown, w: unknown): boolean => {
    if (!isPlainObject(el) || !isPlainObject(w)) return sameValue(el, w, node.def.caseExact);
    if (w.value !== undefined && valueSub)
      return sameValue(el.value, w.value, valueSub.def.caseExact);
    return Object.keys(w).every((k) =>
      sameValue(el[k], w[k], node.sub?.get(k.toLowerCase())?.def.caseExact ?? true),
    );
  };
  const rest = current.filter((el) => !wanted.some((w) => matches(el, w)));
  if (rest.length === 0) delete container![node.name];
  else container![node.name] = rest;
}

function removeExtensionWithValue(doc: Json, node: AttrNode, value: unknown): void {
  // Remove named attributes of the extension: {"op":"remove","path":"urn:...","value":{...}}.
  const ext = doc[node.name];
  if (!isPlainObject(ext) || !isPlainObject(value)) {
    delete doc[node.name];
    return;
  }
  for (const key of Object.keys(value)) {
    const sub = node.sub!.get(key.toLowerCase());
    if (sub) delete ext[sub.name];
  }
}

function sameValue(a: unknown, b: unknown, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return caseExact ? a === b : a.toLowerCase() === b.toLowerCase();
  }
  if (typeof a === 'object' || typeof b === 'object')
    return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/**
 * RFC 7644 §3.5.2: setting "primary" to true on a value sets it to false on the others (the
 * values touched by this operation keep theirs; two of them marked primary fail validation).
 */
function enforceSinglePrimary(array: unknown, touched: readonly unknown[]): void {
  if (!Array.isArray(array)) return;
  if (!touched.some((el) => isPlainObject(el) && el.primary === true)) return;
  for (const el of array as Json[]) {
    if (!touched.includes(el) && el.primary === true) el.primary = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const isGroupMembers = (node: AttrNode) => node.name === 'members' && node.parent === undefined;

/** The object holding `node`'s value (the resource, an extension object, a complex value). */
function containerOf(doc: Json, node: AttrNode, create: boolean): Json | undefined {
  let obj: Json = doc;
  for (let i = 0; i < node.keys.length - 1; i++) {
    const k = node.keys[i]!;
    const next = obj[k];
    if (isPlainObject(next)) obj = next;
    else if (!create) return undefined;
    else obj = obj[k] = {};
  }
  return obj;
}

/** The canonical path in the syntax scim-patch splits correctly: `urn...:User:manager.value`. */
function libraryPath(node: AttrNode): string {
  const keys = node.keys;
  if (keys[0]!.startsWith('urn:')) return `${keys[0]}:${keys.slice(1).join('.')}`;
  return keys.join('.');
}

/** Validates the sub-attributes of a partial complex value: [canonical name, value | unassigned]. */
function subValues(node: AttrNode, value: Json, where: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [name, v] of Object.entries(canonicalKeys(node, value, where))) {
    const sub = node.sub!.get(name.toLowerCase())!;
    if (sub.def.mutability === 'readOnly' || sub.def.mutability === 'writeOnly') continue;
    out.push([name, normalizeAttributeItem(sub, v, `${where}.${name}`)]);
  }
  return out;
}

/** Rewrites the keys of a value object to canonical sub-attribute names (for matching only). */
function canonicalKeys(node: AttrNode, value: Json, where: string): Json {
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const sub = node.sub?.get(key.toLowerCase());
    if (!sub) {
      throw badRequest(
        'invalidSyntax',
        `Unknown attribute "${where}.${key}": "${node.path}" has no such sub-attribute.`,
      );
    }
    out[sub.name] = value[key];
  }
  return out;
}

/** One canonical operation through scim-patch, its errors turned into SCIM errors. */
function libraryPatch(doc: Json, operation: ScimPatchOperation, target: Target): void {
  try {
    scimPatch(doc as unknown as ScimResource, [operation], {
      mutateDocument: true,
      treatMissingAsAdd: true,
    });
  } catch (e) {
    if (e instanceof NoTarget) throw noTarget(target);
    throw badRequest(
      'invalidValue',
      `Cannot ${operation.op} "${target.text}": ${(e as Error).message}`,
    );
  }
}

function noTarget(target: Target) {
  return badRequest('noTarget', `The filter in "${target.text}" matches no value of the resource.`);
}

function objectExpected(target: Target) {
  return badRequest(
    'invalidValue',
    `"${target.text}" selects whole values of "${target.node.path}", so "value" must be an object.`,
  );
}

/** Re-validates the patched document as if PUT, keeping what the service provider manages. */
function revalidate(original: Json, doc: Json, type: ResourceTypeName): Json {
  const s = resourceSchema(type);
  const managed: Json = {};
  const input: Json = {};
  for (const key of Object.keys(doc)) {
    const node = s.attrs.get(key.toLowerCase());
    if (node && node.name !== 'schemas' && node.def.mutability === 'readOnly') continue;
    input[key] = doc[key];
  }
  for (const key of Object.keys(original)) {
    const node = s.attrs.get(key.toLowerCase());
    if (node && node.name !== 'schemas' && node.def.mutability === 'readOnly') {
      managed[key] = original[key];
    }
  }
  if (input.schemas === undefined) input.schemas = [s.core];
  const normalized = normalizeInput(type, input);
  const { schemas, ...rest } = normalized;
  const { meta, ...managedRest } = managed;
  return {
    schemas,
    ...managedRest,
    ...rest,
    ...(meta !== undefined ? { meta } : {}),
  };
}

function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (typeof v === 'object' && v !== null) {
    if (v instanceof Date) return new Date(v.getTime()) as T;
    const out: Json = {};
    for (const k of Object.keys(v)) out[k] = deepClone((v as Json)[k]);
    return out as T;
  }
  return v;
}
