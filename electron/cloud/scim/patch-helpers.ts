/** What the PATCH operations share: containers, canonical keys, the scim-patch call, re-validation. */
import { NoTarget, scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { badRequest } from './errors.js';
import { isPlainObject, normalizeAttributeItem, normalizeInput } from './resource.js';
import { resourceSchema, type AttrNode, type ResourceTypeName } from './schemas.js';
import { noTarget, type Json, type Target } from './patch-target.js';

export function sameValue(a: unknown, b: unknown, caseExact: boolean): boolean {
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
export function enforceSinglePrimary(array: unknown, touched: readonly unknown[]): void {
  if (!Array.isArray(array)) return;
  if (!touched.some((el) => isPlainObject(el) && el.primary === true)) return;
  for (const el of array as Json[]) {
    if (!touched.includes(el) && el.primary === true) el.primary = false;
  }
}

export const isGroupMembers = (node: AttrNode) =>
  node.name === 'members' && node.parent === undefined;
/** The object holding `node`'s value (the resource, an extension object, a complex value). */
export function containerOf(doc: Json, node: AttrNode, create: boolean): Json | undefined {
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
export function libraryPath(node: AttrNode): string {
  const keys = node.keys;
  if (keys[0]!.startsWith('urn:')) return `${keys[0]}:${keys.slice(1).join('.')}`;
  return keys.join('.');
}
/** Validates the sub-attributes of a partial complex value: [canonical name, value | unassigned]. */
export function subValues(node: AttrNode, value: Json, where: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [name, v] of Object.entries(canonicalKeys(node, value, where))) {
    const sub = node.sub!.get(name.toLowerCase())!;
    if (sub.def.mutability === 'readOnly' || sub.def.mutability === 'writeOnly') continue;
    out.push([name, normalizeAttributeItem(sub, v, `${where}.${name}`)]);
  }
  return out;
}
/** Rewrites the keys of a value object to canonical sub-attribute names (for matching only). */
export function canonicalKeys(node: AttrNode, value: Json, where: string): Json {
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
export function libraryPatch(doc: Json, operation: ScimPatchOperation, target: Target): void {
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
/** Re-validates the patched document as if PUT, keeping what the service provider manages. */
export function revalidate(original: Json, doc: Json, type: ResourceTypeName): Json {
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
export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as T;
  if (typeof v === 'object' && v !== null) {
    if (v instanceof Date) return new Date(v.getTime()) as T;
    const out: Json = {};
    for (const k of Object.keys(v)) out[k] = deepClone((v as Json)[k]);
    return out as T;
  }
  return v;
}
