/**
 * What a response shows of a resource (RFC 7644 §3.4.2.5 / §3.9, RFC 7643 §7 "returned") and in
 * which order list responses come (RFC 7644 §3.4.2.3).
 *
 * Resources reaching here are canonical (resource.ts), so attribute names in the resource are
 * the schema's spellings; the names in `attributes`, `excludedAttributes` and `sortBy` are
 * matched case-insensitively and may be sub-attribute (`name.givenName`) or URN-qualified paths.
 */
import { badRequest } from './errors.js';
import { findAttribute, resourceSchema, type AttrNode, type ResourceTypeName } from './schemas.js';

type Json = Record<string, unknown>;

export interface ProjectionParams {
  attributes?: string;
  excludedAttributes?: string;
}

/** A set of selected paths: `true` selects the whole attribute, a map selects some children. */
type Selection = Map<string, Selection | true>;

/**
 * Applies `attributes` / `excludedAttributes` to a resource. `returned: "always"` attributes
 * (id, schemas) are always kept, `returned: "never"` ones (password) never shown; `meta` and
 * every other "default" attribute is shown unless `attributes` narrows the list. Names the schema
 * does not define are ignored (RFC 7644 does not make them an error, and a client asking for an
 * attribute we do not have simply does not get it). Returns a new top-level object; nested
 * values that are kept whole are shared with the input.
 */
export function projectResource(
  resource: Json,
  params: ProjectionParams,
  resourceType: ResourceTypeName,
): Json {
  const include = selection(params.attributes, resourceType);
  const exclude = selection(params.excludedAttributes, resourceType);
  const s = resourceSchema(resourceType);
  const out: Json = {};
  for (const key of Object.keys(resource)) {
    const value = resource[key];
    const lower = key.toLowerCase();
    const node = s.attrs.get(lower) ?? s.extensionRoots.get(lower);
    if (!node) {
      // Not ours to show or hide: keep it only in a default response.
      if (!include) out[key] = value;
      continue;
    }
    const v = projectValue(node, value, include?.get(node.name), exclude?.get(node.name), !include);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * @param inc the selection for this attribute from `attributes` (undefined: not selected)
 * @param exc the selection from `excludedAttributes` (true: excluded whole)
 * @param byDefault whether unselected attributes are shown (no `attributes` parameter)
 */
function projectValue(
  node: AttrNode,
  value: unknown,
  inc: Selection | true | undefined,
  exc: Selection | true | undefined,
  byDefault: boolean,
): unknown {
  const returned = node.def.returned;
  if (returned === 'never') return undefined;
  if (returned === 'always') return value;
  const shown = inc !== undefined || (byDefault && returned !== 'request');
  if (!shown || exc === true) return undefined;
  if (inc === true || inc === undefined) {
    // Whole attribute, minus excluded sub-attributes.
    if (exc === undefined || !node.sub) return value;
    return mapComplex(value, (obj) => pickSubs(node, obj, undefined, exc, true));
  }
  // Only some sub-attributes were asked for.
  if (!node.sub) return value;
  return mapComplex(value, (obj) => pickSubs(node, obj, inc, exc, false));
}

function pickSubs(
  node: AttrNode,
  obj: Json,
  inc: Selection | undefined,
  exc: Selection | true | undefined,
  byDefault: boolean,
): Json | undefined {
  const out: Json = {};
  let any = false;
  for (const key of Object.keys(obj)) {
    const sub = node.sub!.get(key.toLowerCase());
    if (!sub) continue;
    const v = projectValue(
      sub,
      obj[key],
      inc?.get(sub.name),
      exc === true ? true : exc?.get(sub.name),
      byDefault,
    );
    if (v === undefined) continue;
    out[key] = v;
    any = true;
  }
  return any ? out : undefined;
}

/** Applies `f` to a complex value or to each value of a multi-valued one, dropping empties. */
function mapComplex(value: unknown, f: (obj: Json) => Json | undefined): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const el of value) {
      if (typeof el !== 'object' || el === null) continue;
      const v = f(el as Json);
      if (v !== undefined) out.push(v);
    }
    return out.length > 0 ? out : undefined;
  }
  if (typeof value === 'object' && value !== null) return f(value as Json);
  return value;
}

/** Parses a comma-separated attribute list into a selection tree keyed by canonical names. */
function selection(list: string | undefined, type: ResourceTypeName): Selection | undefined {
  if (list === undefined) return undefined;
  const sel: Selection = new Map();
  let any = false;
  for (const raw of list.split(',')) {
    const path = raw.trim();
    if (path === '') continue;
    any = true;
    const node = findAttribute(type, path);
    if (!node) continue;
    let level = sel;
    const keys = node.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (i === keys.length - 1) {
        level.set(k, true);
        break;
      }
      const next = level.get(k);
      if (next === true) break; // a parent is already selected whole
      if (next === undefined) {
        const child: Selection = new Map();
        level.set(k, child);
        level = child;
      } else level = next;
    }
  }
  // An empty parameter ("attributes=") is no parameter.
  return any ? sel : undefined;
}

// ---------------------------------------------------------------------------------------------
// Sorting

type SortKey = string | number | boolean | undefined;

/**
 * A comparator for `sortBy` / `sortOrder` (RFC 7644 §3.4.2.3): a multi-valued attribute sorts by
 * its primary value, else its first; a complex one must name a sub-attribute (`name.familyName`)
 * unless it has a "value" (`emails`, `manager`); strings compare case-insensitively unless
 * caseExact, in plain code-point order (no locale); resources without a value come last when
 * ascending and first when descending. The RFC names no error for a `sortBy` the schema does not
 * define; we answer 400 invalidValue (the parameter's value is not valid for the resource type),
 * as we do for a `sortOrder` other than ascending/descending. Ties keep their order (stable sort).
 */
export function sortComparator(
  sortBy: string,
  sortOrder: 'ascending' | 'descending' | undefined,
  resourceType: ResourceTypeName,
): (a: Json, b: Json) => number {
  const order = (sortOrder ?? 'ascending').toLowerCase();
  if (order !== 'ascending' && order !== 'descending') {
    throw badRequest('invalidValue', `sortOrder must be "ascending" or "descending".`);
  }
  let node = findAttribute(resourceType, sortBy.trim());
  if (!node) {
    throw badRequest(
      'invalidValue',
      `sortBy "${sortBy}" is not an attribute of a ${resourceType}, so results cannot be sorted by it.`,
    );
  }
  if (node.def.type === 'complex') {
    const valueSub = node.isExtension ? undefined : node.sub?.get('value');
    if (!valueSub) {
      throw badRequest(
        'invalidValue',
        `sortBy "${sortBy}" is a complex attribute: name one of its sub-attributes, e.g. "${node.path}.${node.def.subAttributes?.[0]?.name ?? 'value'}".`,
      );
    }
    node = valueSub;
  }
  if (node.def.returned === 'never') {
    throw badRequest(
      'invalidValue',
      `sortBy "${sortBy}" names an attribute that is never returned.`,
    );
  }
  const keyOf = sortKeyReader(node);
  const dir = order === 'descending' ? -1 : 1;
  const cache = new WeakMap<object, SortKey>();
  const key = (r: Json): SortKey => {
    if (cache.has(r)) return cache.get(r);
    const k = keyOf(r);
    cache.set(r, k);
    return k;
  };
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined) return kb === undefined ? 0 : dir; // missing: last when ascending
    if (kb === undefined) return -dir;
    return ka < kb ? -dir : ka > kb ? dir : 0;
  };
}

function sortKeyReader(node: AttrNode): (r: Json) => SortKey {
  const keys = node.keys;
  const def = node.def;
  const toKey = (v: unknown): SortKey => {
    switch (def.type) {
      case 'boolean':
        return typeof v === 'boolean' ? v : undefined;
      case 'integer':
      case 'decimal':
        return typeof v === 'number' ? v : undefined;
      case 'dateTime': {
        const ms = typeof v === 'string' ? Date.parse(v) : NaN;
        return Number.isNaN(ms) ? undefined : ms;
      }
      default:
        if (typeof v !== 'string' || v === '') return undefined;
        return def.caseExact ? v : v.toLowerCase();
    }
  };
  return (r) => {
    let v: unknown = r;
    for (const k of keys) {
      v = pickOne(v);
      if (typeof v !== 'object' || v === null) return undefined;
      v = (v as Json)[k];
    }
    return toKey(pickOne(v));
  };
}

/** A multi-valued value sorts by its primary value, or else its first (RFC 7644 §3.4.2.3). */
function pickOne(v: unknown): unknown {
  if (!Array.isArray(v)) return v;
  for (const el of v)
    if (typeof el === 'object' && el !== null && (el as Json).primary === true) return el;
  return v[0];
}
