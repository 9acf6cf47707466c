/** PATCH operations on multi-valued attributes: value filters, sub-values, adds and removes of values. */
import { isPlainObject, normalizeAttributeItem, normalizeAttributeValue } from './resource.js';
import { type AttrNode } from './schemas.js';
import { noTarget, objectExpected, type Json, type Op, type Target } from './patch-target.js';
import {
  canonicalKeys,
  containerOf,
  enforceSinglePrimary,
  isGroupMembers,
  libraryPatch,
  libraryPath,
  sameValue,
  subValues,
} from './patch-helpers.js';

/** `attr[filter]` and `attr[filter].sub` targets. */
export function applyFiltered(doc: Json, op: Op, target: Target, value: unknown): void {
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
export function applyToEverySubValue(doc: Json, op: Op, target: Target, value: unknown): void {
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
export function applyMultiValued(
  doc: Json,
  op: Op,
  target: Target,
  value: unknown,
  hasValue: boolean,
) {
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
export function removeValues(doc: Json, node: AttrNode, value: unknown, target: Target): void {
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
export function removeExtensionWithValue(doc: Json, node: AttrNode, value: unknown): void {
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
