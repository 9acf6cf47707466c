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
import { badRequest } from './errors.js';
import { isPlainObject, normalizeAttributeItem } from './resource.js';
import { PATCH_OP_SCHEMA, type AttrNode, type ResourceTypeName } from './schemas.js';
import { deepClone, libraryPatch, libraryPath, revalidate } from './patch-helpers.js';
import {
  applyFiltered,
  applyMultiValued,
  applyToEverySubValue,
  removeExtensionWithValue,
} from './patch-multivalued.js';
import { parsePath, unknownPath, type Json, type Op, type Target } from './patch-target.js';

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
    applyToTarget(doc, op, target, v, true, type);
  }
}

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
