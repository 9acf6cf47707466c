/** PATCH paths resolved against the schema (`attr`, `attr.sub`, URN paths, `attr[filter].sub`). */
import { ScimError, badRequest } from './errors.js';
import { compileElementFilter } from './filter.js';
import { findAttribute, type AttrNode, type ResourceTypeName } from './schemas.js';

export type Json = Record<string, unknown>;
export type Op = 'add' | 'replace' | 'remove';
/** A resolved PATCH path: `attr`, `attr.sub`, `urn:...:attr`, `attr[filter]`, `attr[filter].sub`. */
export interface Target {
  /** The attribute named before any filter (or the whole path when there is none). */
  node: AttrNode;
  filter?: { text: string; test: (el: unknown) => boolean; equalities: Json | undefined };
  /** The sub-attribute after `attr[filter].` */
  sub?: AttrNode;
  /** The path as written, for messages. */
  text: string;
}
export function parsePath(type: ResourceTypeName, text: string): Target {
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
export function closingBracket(text: string, open: number): number {
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
export function unknownPath(text: string, type: ResourceTypeName) {
  return badRequest(
    'invalidPath',
    `Invalid path "${text}": no such attribute on a ${type} (this service provider has no custom attributes).`,
  );
}

export function noTarget(target: Target) {
  return badRequest('noTarget', `The filter in "${target.text}" matches no value of the resource.`);
}
export function objectExpected(target: Target) {
  return badRequest(
    'invalidValue',
    `"${target.text}" selects whole values of "${target.node.path}", so "value" must be an object.`,
  );
}
