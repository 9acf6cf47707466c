/**
 * The value side of a SCIM filter comparison: a test of one attribute value against the
 * filter's literal, by the attribute's type (boolean, number, dateTime, binary, string with
 * its caseExact), and the 400 invalidFilter errors for mismatches.
 */
import { badRequest } from './errors.js';
import type { AttrNode } from './schemas.js';

export type ValuePred = (v: unknown) => boolean;
export type CompValue = boolean | null | number | string;

export function valueTest(node: AttrNode, op: string, cv: CompValue, text: string): ValuePred {
  const def = node.def;
  switch (def.type) {
    case 'boolean': {
      const b =
        typeof cv === 'boolean'
          ? cv
          : typeof cv === 'string' && /^(true|false)$/i.test(cv)
            ? cv.toLowerCase() === 'true'
            : undefined;
      if (b === undefined) throw mismatch(text, node, 'true or false', cv);
      if (op !== 'eq') {
        throw invalidFilter(text, `"${op}" cannot compare the boolean attribute "${node.path}"`);
      }
      return (v) => v === b;
    }
    case 'integer':
    case 'decimal': {
      if (typeof cv !== 'number') throw mismatch(text, node, 'a number', cv);
      if (op === 'co' || op === 'sw' || op === 'ew') {
        throw invalidFilter(text, `"${op}" cannot compare the numeric attribute "${node.path}"`);
      }
      return ordered(op, cv, (v) => (typeof v === 'number' ? v : undefined));
    }
    case 'dateTime': {
      if (typeof cv !== 'string') throw mismatch(text, node, 'a dateTime string', cv);
      if (op === 'co' || op === 'sw' || op === 'ew') return stringTest(op, cv, true);
      const ms = Date.parse(cv);
      if (Number.isNaN(ms)) throw mismatch(text, node, 'a dateTime string', cv);
      return ordered(op, ms, (v) => (typeof v === 'string' ? Date.parse(v) : undefined));
    }
    case 'binary':
      if (typeof cv !== 'string') throw mismatch(text, node, 'a string', cv);
      if (op === 'gt' || op === 'ge' || op === 'lt' || op === 'le') {
        throw invalidFilter(text, `"${op}" cannot compare the binary attribute "${node.path}"`);
      }
      return stringTest(op, cv, true);
    default:
      if (typeof cv !== 'string') throw mismatch(text, node, 'a quoted string', cv);
      return stringTest(op, cv, def.caseExact);
  }
}

function ordered(op: string, cv: number, read: (v: unknown) => number | undefined): ValuePred {
  switch (op) {
    case 'eq':
      return (v) => read(v) === cv;
    case 'gt':
      return (v) => (read(v) ?? NaN) > cv;
    case 'ge':
      return (v) => (read(v) ?? NaN) >= cv;
    case 'lt':
      return (v) => (read(v) ?? NaN) < cv;
    default: // le
      return (v) => (read(v) ?? NaN) <= cv;
  }
}

function stringTest(op: string, literal: string, caseExact: boolean): ValuePred {
  // Stored userNames are NFC: a filter typed with combining accents must find them.
  const raw = literal.normalize('NFC');
  const cv = caseExact ? raw : raw.toLowerCase();
  const norm = caseExact
    ? (v: unknown) => (typeof v === 'string' ? v : undefined)
    : (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
  switch (op) {
    case 'eq':
      return caseExact
        ? (v) => v === cv
        : (v) => typeof v === 'string' && (v === raw || v.toLowerCase() === cv);
    case 'co':
      return (v) => norm(v)?.includes(cv) ?? false;
    case 'sw':
      return (v) => norm(v)?.startsWith(cv) ?? false;
    case 'ew':
      return (v) => norm(v)?.endsWith(cv) ?? false;
    case 'gt':
      return (v) => {
        const s = norm(v);
        return s !== undefined && s > cv;
      };
    case 'ge':
      return (v) => {
        const s = norm(v);
        return s !== undefined && s >= cv;
      };
    case 'lt':
      return (v) => {
        const s = norm(v);
        return s !== undefined && s < cv;
      };
    default: // le
      return (v) => {
        const s = norm(v);
        return s !== undefined && s <= cv;
      };
  }
}

export function invalidFilter(text: string, why: string) {
  return badRequest('invalidFilter', `Invalid filter ${JSON.stringify(text)}: ${why}.`);
}

function mismatch(text: string, node: AttrNode, expected: string, cv: CompValue) {
  return invalidFilter(
    text,
    `"${node.path}" is a ${node.def.type} attribute, so compare it with ${expected}, not ${JSON.stringify(cv)}`,
  );
}
