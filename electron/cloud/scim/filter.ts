/**
 * SCIM filters (RFC 7644 §3.4.2.2): parsing, compilation to a predicate, and the index hint the
 * store uses to narrow candidates.
 *
 * Parsing reuses the recursive-descent parser of `scim2-parse-filter` (operator precedence,
 * grouping, `not`, value paths), fed by our own tokenizer because the library's one is wrong on
 * three counts (pinned in test/unit/scim/libraries.test.ts):
 *   - it doubles every backslash of a quoted string that is not before a quote, so
 *     `"a\\b"` parses as `a\\b` and `"a\\"` does not parse at all;
 *   - a negative number followed by a space or `)` is a syntax error (`age gt -5 and ...`);
 *   - `emails[type eq "work"].value eq "x"` becomes `emails[type eq "work"] and emails.value eq
 *     "x"`, which a different email can satisfy; our tokenizer marks the sub-attribute so the
 *     compiler can rebuild `emails[type eq "work" and value eq "x"]` (the same element).
 * The library's evaluator (`filter()`) is not used at all: it compares strings case-sensitively,
 * treats `pr` as "key exists", compares dates as strings and ignores the schema. The compiler
 * below resolves every path against the schema once, so `test()` is a closure tree that reads
 * canonical keys directly (resources reaching it are normalised, see resource.ts).
 */
import type { Filter } from 'scim2-parse-filter';
import { Tokens, parseFilter } from 'scim2-parse-filter/lib/src/parser.js';
import { SUB_MARK, tokenize } from './filter-tokens.js';
import { findHint, type FilterHint } from './filter-hint.js';
import { ScimError, badRequest } from './errors.js';
import { invalidFilter, valueTest, type CompValue, type ValuePred } from './filter-values.js';
import { findAttribute, type AttrNode, type ResourceTypeName } from './schemas.js';

type Json = Record<string, unknown>;
type Pred = (r: Json) => boolean;

export interface CompiledFilter {
  /** The parsed filter, with `attr[filter].sub op v` folded into one value path. */
  ast: Filter;
  /** Whether a (normalised, canonical-keyed) resource matches. */
  test(resource: Json): boolean;
  /**
   * An equality every match must satisfy (a top-level `eq` on an indexed attribute, possibly
   * inside top-level `and`s), for narrowing candidates; the caller still runs `test`.
   */
  hint?: FilterHint;
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Compiles a filter for a resource type. Syntax errors and operator/type mismatches throw
 * 400 invalidFilter; an attribute the schema does not define matches nothing.
 * Not cached: an IdP's lookups each carry a new value (`userName eq "<the next user>"`), so a
 * cache by text never hit and cost more than the compilation (measured with
 * test/bench/scim/service-micro.ts: 4–6 µs of CPU per lookup, compiling one takes 2–5 µs).
 */
export function compileFilter(text: string, resourceType: ResourceTypeName): CompiledFilter {
  const ast = parseScimFilter(text);
  const test = compileNode(ast, { type: resourceType, parent: undefined }, text);
  const hint = findHint(ast, resourceType);
  return hint ? { ast, test, hint } : { ast, test };
}

/**
 * A value filter inside a PATCH path (`emails[type eq "work"]`), compiled against the elements
 * of `parent`. `equalities` lists the sub-attribute values the filter pins with `eq` when it is
 * only `eq`s joined by `and`, so an "add" that matches nothing can create the element.
 */
export function compileElementFilter(
  text: string,
  resourceType: ResourceTypeName,
  parent: AttrNode,
): { ast: Filter; test: (element: unknown) => boolean; equalities: Json | undefined } {
  const ast = parseScimFilter(text);
  const pred = compileNode(ast, { type: resourceType, parent }, text);
  return {
    ast,
    test: (el) => typeof el === 'object' && el !== null && pred(el as Json),
    equalities: equalitiesOf(ast, parent),
  };
}

/** Parses filter text into the library's AST (see the header comment for what we fix). */
export function parseScimFilter(text: string): Filter {
  let ast: Filter;
  try {
    const list = new Tokens(tokenize(text));
    ast = parseFilter(list);
    const rest = list.peek();
    if (rest.type !== 'EOT')
      throw new Error(`unexpected "${rest.literal}" after a complete filter`);
  } catch (e) {
    if (e instanceof ScimError) throw e;
    const why = e instanceof RangeError ? 'too deeply nested' : explain((e as Error).message);
    throw badRequest('invalidFilter', `Invalid filter ${JSON.stringify(text)}: ${why}.`);
  }
  return foldValuePathSubAttributes(ast, text);
}

/** Rewords the library's parser errors that would puzzle an IdP admin. */
function explain(message: string): string {
  const notJson = /^\[(.*)\((\w+)\)\] is not json$/s.exec(message);
  if (notJson) {
    const found = notJson[2] === 'EOT' ? 'the end of the filter' : JSON.stringify(notJson[1]);
    return `expected a comparison value (a "quoted string", number, true, false or null), found ${found}`;
  }
  const noOperator = /^Unexpected token (\S+) (.*) as valFilter operator$/s.exec(message);
  if (noOperator) {
    const found = noOperator[2] ? JSON.stringify(noOperator[2]) : 'the end of the filter';
    return `"${noOperator[1]}" must be followed by an operator (eq ne co sw ew gt ge lt le pr) or a [filter], found ${found}`;
  }
  if (/^Unexpected token\s+\(EOT\)$/.test(message)) return 'unexpected end of the filter';
  return message;
}

/**
 * The library turns `a[f].s op v` into `and(a[f], a.s op v)`; with the marked `s` we rebuild the
 * RFC meaning `a[f and s op v]`: one element must satisfy both.
 */
function foldValuePathSubAttributes(f: Filter, text: string): Filter {
  switch (f.op) {
    case 'and': {
      const [first, second] = f.filters;
      if (
        f.filters.length === 2 &&
        first?.op === '[]' &&
        second !== undefined &&
        'attrPath' in second &&
        second.attrPath.includes(SUB_MARK)
      ) {
        if (second.op === '[]') throw nestedValuePath(text);
        const sub = second.attrPath.slice(second.attrPath.indexOf(SUB_MARK) + 1);
        return {
          op: '[]',
          attrPath: first.attrPath,
          valFilter: {
            op: 'and',
            filters: [
              foldValuePathSubAttributes(first.valFilter, text),
              { ...second, attrPath: sub },
            ],
          },
        };
      }
      return { ...f, filters: f.filters.map((c) => foldValuePathSubAttributes(c, text)) };
    }
    case 'or':
      return { ...f, filters: f.filters.map((c) => foldValuePathSubAttributes(c, text)) };
    case 'not':
      // The library builds a "not" without operand from `a pr not (b pr)`.
      if (typeof f.filter !== 'object' || f.filter === null) {
        throw badRequest(
          'invalidFilter',
          `Invalid filter ${JSON.stringify(text)}: "not" must start a filter or follow "and"/"or".`,
        );
      }
      return { ...f, filter: foldValuePathSubAttributes(f.filter, text) };
    case '[]':
      if (f.attrPath.includes(SUB_MARK)) throw nestedValuePath(text);
      return { ...f, valFilter: foldValuePathSubAttributes(f.valFilter, text) };
    default:
      return f;
  }
}

const nestedValuePath = (text: string) =>
  badRequest('invalidFilter', `Invalid filter ${JSON.stringify(text)}: value paths do not nest.`);

// ---------------------------------------------------------------------------------------------
// Compiler

interface Ctx {
  type: ResourceTypeName;
  /** Inside `attr[...]`: the complex attribute whose elements the paths are relative to. */
  parent: AttrNode | undefined;
}

const NEVER: Pred = () => false;

function compileNode(f: Filter, ctx: Ctx, text: string): Pred {
  switch (f.op) {
    case 'and': {
      const parts = f.filters.map((c) => compileNode(c, ctx, text));
      if (parts.length === 2) {
        const [a, b] = parts as [Pred, Pred];
        return (r) => a(r) && b(r);
      }
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = f.filters.map((c) => compileNode(c, ctx, text));
      if (parts.length === 2) {
        const [a, b] = parts as [Pred, Pred];
        return (r) => a(r) || b(r);
      }
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compileNode(f.filter, ctx, text);
      return (r) => !inner(r);
    }
    case '[]': {
      if (ctx.parent) throw nestedValuePath(text);
      const node = findAttribute(ctx.type, f.attrPath);
      if (!node) return NEVER;
      if (node.def.type !== 'complex' || node.isExtension) {
        throw invalidFilter(
          text,
          `"${node.path}" is not a complex attribute, so it takes no [filter]`,
        );
      }
      const inner = compileNode(f.valFilter, { type: ctx.type, parent: node }, text);
      const elementMatches: ValuePred = (el) =>
        typeof el === 'object' && el !== null && inner(el as Json);
      return accessor(node.keys, elementMatches);
    }
    case 'pr': {
      const node = resolve(f.attrPath, ctx);
      if (!node) return NEVER;
      return accessor(keysIn(node, ctx), isPresent);
    }
    default:
      return compileComparison(f, ctx, text);
  }
}

function resolve(path: string, ctx: Ctx): AttrNode | undefined {
  if (!ctx.parent) return findAttribute(ctx.type, path);
  return ctx.parent.sub?.get(path.toLowerCase());
}

/** Keys from the predicate's input (resource, or element inside a value path) to the node. */
function keysIn(node: AttrNode, ctx: Ctx): readonly string[] {
  return ctx.parent ? [node.name] : node.keys;
}

/**
 * A predicate that is true when `test` holds for any value found at `keys`: arrays anywhere on
 * the way (multi-valued attributes) match if any element does (RFC 7644 §3.4.2.2).
 */
function accessor(keys: readonly string[], test: ValuePred): Pred {
  if (keys.length === 1) {
    const k = keys[0]!;
    return (r) => someValue(r[k], test);
  }
  return (r) => walk(r, keys, 0, test);
}

function someValue(v: unknown, test: ValuePred): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) {
    for (const e of v) if (e !== null && e !== undefined && test(e)) return true;
    return false;
  }
  return test(v);
}

function walk(v: unknown, keys: readonly string[], i: number, test: ValuePred): boolean {
  for (;;) {
    if (v === undefined || v === null) return false;
    if (Array.isArray(v)) {
      for (const e of v) if (walk(e, keys, i, test)) return true;
      return false;
    }
    if (i === keys.length) return test(v);
    if (typeof v !== 'object') return false;
    v = (v as Json)[keys[i]!];
    i++;
  }
}

/** `pr`: assigned and not empty (RFC 7643 §2.5: null, "" and [] are unassigned). */
function isPresent(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'object') return v !== null && Object.keys(v).length > 0;
  return v !== undefined;
}

function compileComparison(
  f: Extract<Filter, { compValue: CompValue }>,
  ctx: Ctx,
  text: string,
): Pred {
  let node = resolve(f.attrPath, ctx);
  if (!node) return NEVER;
  const op = f.op;
  const cv = f.compValue;

  if (node.def.type === 'complex') {
    // `emails eq "x"` / `manager eq "id"` compare the "value" sub-attribute (RFC 7644 §3.4.2.2).
    const valueSub = node.isExtension ? undefined : node.sub?.get('value');
    if (!valueSub || op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') {
      throw invalidFilter(text, `"${op}" cannot compare the complex attribute "${node.path}"`);
    }
    node = valueSub;
  }
  const keys = ctx.parent ? [node.name] : node.keys;

  if (cv === null) {
    // `attr eq null` reads as "is unassigned", `ne null` as "is assigned".
    if (op === 'eq') {
      const present = accessor(keys, isPresent);
      return (r) => !present(r);
    }
    if (op === 'ne') return accessor(keys, isPresent);
    throw invalidFilter(text, `"${op}" cannot compare with null`);
  }

  // `ne` is the negation of `eq`: an unassigned attribute is "not equal", and a multi-valued
  // one is "not equal" only when no value equals (the reading that keeps eq/ne complementary).
  const eqOp = op === 'ne' ? 'eq' : op;
  const test = valueTest(node, eqOp, cv, text);
  const pred = accessor(keys, test);
  if (op === 'ne') return (r) => !pred(r);
  return pred;
}

function equalitiesOf(f: Filter, parent: AttrNode): Json | undefined {
  const out: Json = {};
  const collect = (g: Filter): boolean => {
    if (g.op === 'and') return g.filters.every(collect);
    if (g.op !== 'eq' || g.compValue === null) return false;
    const sub = parent.sub?.get(g.attrPath.toLowerCase());
    if (!sub || sub.def.type === 'complex' || sub.name in out) return false;
    out[sub.name] = g.compValue;
    return true;
  };
  return collect(f) ? out : undefined;
}
