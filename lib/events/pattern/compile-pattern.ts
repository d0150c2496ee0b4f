/**
 * EventBridge event patterns: validated once (with AWS's InvalidEventPatternException reasons) and
 * compiled into closures, so matching an event is a walk of plain functions.
 *
 * Semantics follow the EventBridge documentation (and aws/event-ruler, which implements it):
 * - fields AND, the values listed for a field OR, `$or` ORs whole sub-patterns;
 * - a field matches on the event's leaf values: an array in the event matches when any element does,
 *   and the fields of one pattern object must match within the same array element;
 * - `exists` looks at leaves only: an object-valued field does not "exist", a null one does;
 * - null and "" are distinct values; numbers match numbers, strings strings.
 *
 * @example
 *   const pattern = compilePattern({ source: ['aws.s3'], detail: { object: { size: [{ numeric: ['>', 0] }] } } });
 *   pattern.matches(event); // true or false
 */
import { InvalidEventPatternError } from '../../errors/invalid-event-pattern-error';
import { inRange, parseCidr, parseIp } from './ip-address';
import { compileWildcard } from './wildcard';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Leaf = string | number | boolean | null;
type LeafTest = (value: Leaf) => boolean;

export interface CompiledPattern {
  /** The pattern as written. */
  readonly source: unknown;
  matches(event: unknown): boolean;
}

/** Compiles a pattern given as JSON text or as a parsed value; throws `InvalidEventPatternError`. */
export const compilePattern = (pattern: unknown): CompiledPattern => {
  let value = pattern;
  if (typeof pattern === 'string') {
    try {
      value = JSON.parse(pattern);
    } catch (cause) {
      throw invalid((cause as Error).message, []);
    }
  }
  if (!isObject(value)) throw invalid('Filter is not an object', []);
  const root = compileObject(value, [], false);
  return { source: value, matches: (event) => root(event) };
};

const OR = '$or';
// Names that are operators, refused as field names inside `$or` (event-ruler's reserved names).
const RESERVED_IN_OR = new Set([
  'anything-but',
  'numeric',
  'prefix',
  'suffix',
  'exists',
  'cidr',
  'equals-ignore-case',
  'wildcard',
]);
const NUMERIC_LIMIT = 5e9;

const invalid = (reason: string, path: readonly string[]) =>
  new InvalidEventPatternError(
    `Event pattern is not valid. Reason: ${reason}${path.length ? ` (at ${path.join('.')})` : ''}`,
  );

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type ObjectMatcher = (value: unknown) => boolean;

const compileObject = (
  pattern: Record<string, unknown>,
  path: readonly string[],
  insideOr: boolean,
): ObjectMatcher => {
  const keys = Object.keys(pattern);
  if (keys.length === 0) throw invalid('Empty objects are not allowed', path);
  const fields: { key: string; match: (child: unknown) => boolean }[] = [];
  const ors: ObjectMatcher[][] = [];
  for (const key of keys) {
    const spec = pattern[key];
    if (key === OR) {
      ors.push(compileOr(spec, path));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      throw invalid(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`, path);
    }
    const fieldPath = [...path, key];
    if (isObject(spec)) {
      fields.push({ key, match: compileObject(spec, fieldPath, insideOr) });
    } else if (Array.isArray(spec)) {
      fields.push({ key, match: compileField(spec, fieldPath) });
    } else {
      throw invalid(`"${key}" must be an object or an array`, fieldPath);
    }
  }
  const matchHere = (value: unknown): boolean => {
    const object = isObject(value) ? value : undefined;
    for (const field of fields) {
      if (!field.match(object?.[field.key])) return false;
    }
    for (const branches of ors) {
      if (!branches.some((branch) => branch(value))) return false;
    }
    return true;
  };
  // An array of objects matches when one element matches the whole object pattern.
  return (value) =>
    Array.isArray(value) && value.length > 0 ? value.some((element) => matchHere(element)) : matchHere(value);
};

const compileOr = (spec: unknown, path: readonly string[]): ObjectMatcher[] => {
  if (!Array.isArray(spec)) throw invalid(`It must be an Array followed with ${OR}.`, path);
  const branches = spec.map((branch) => {
    if (!isObject(branch)) throw invalid(`Only JSON object is allowed in array of ${OR} relationship.`, path);
    return compileObject(branch, path, true);
  });
  if (branches.length < 2) throw invalid(`There must have at least 2 Objects in ${OR} relationship.`, path);
  return branches;
};

/** Leaves of an event value: arrays flatten, objects have none, absent has none. */
const leavesOf = (value: unknown, out: Leaf[] = []): Leaf[] => {
  if (Array.isArray(value)) {
    for (const element of value) leavesOf(element, out);
  } else if (value === null || typeof value !== 'object') {
    if (value !== undefined) out.push(value as Leaf);
  }
  return out;
};

const compileField = (spec: unknown[], path: readonly string[]): ((value: unknown) => boolean) => {
  if (spec.length === 0) throw invalid('Empty arrays are not allowed', path);
  const tests: LeafTest[] = [];
  let matchesPresent = false;
  let matchesAbsent = false;
  for (const element of spec) {
    if (isObject(element)) {
      const compiled = compileExpression(element, path);
      if (compiled === 'exists') matchesPresent = true;
      else if (compiled === 'absent') matchesAbsent = true;
      else tests.push(compiled);
    } else if (Array.isArray(element)) {
      throw invalid('Match value must be String, number, true, false, or null', path);
    } else {
      tests.push(exactTest(element as Leaf));
    }
  }
  // Fast path for the common case: a scalar field compared with literal values.
  if (!matchesPresent && !matchesAbsent && tests.length === 1) {
    const test = tests[0] as LeafTest;
    return (value) => {
      if (value === undefined) return false;
      if (!Array.isArray(value))
        return typeof value !== 'object' || value === null ? test(value as Leaf) : false;
      return leavesOf(value).some(test);
    };
  }
  return (value) => {
    const leaves = leavesOf(value);
    if (leaves.length === 0) return matchesAbsent;
    if (matchesPresent) return true;
    for (const leaf of leaves) {
      for (const test of tests) if (test(leaf)) return true;
    }
    return false;
  };
};

const exactTest = (expected: Leaf): LeafTest => {
  if (typeof expected === 'string') {
    const ip = parseIp(expected);
    if (ip) {
      return (value) => value === expected || (typeof value === 'string' && sameIp(ip, value));
    }
  }
  return (value) => value === expected;
};

const sameIp = (ip: NonNullable<ReturnType<typeof parseIp>>, text: string): boolean => {
  const other = parseIp(text);
  return other !== undefined && other.version === ip.version && other.value === ip.value;
};

const lower = (text: string) => text.toLowerCase();

/** One `{ operator: operand }` object of a field's value list. */
const compileExpression = (expression: Record<string, unknown>, path: readonly string[]) => {
  const keys = Object.keys(expression);
  if (keys.length === 0) throw invalid('Match expression name not found', path);
  const [operator = ''] = keys;
  const operand = expression[operator];
  const single = (kind: string) => {
    if (keys.length > 1) throw invalid('Only one key allowed in match expression', path);
    return kind;
  };
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      single(operator);
      const ends = operator === 'prefix' ? startsWith : endsWith;
      if (typeof operand === 'string') return (v: Leaf) => typeof v === 'string' && ends(v, operand);
      const folded = ignoreCaseOperand(operand, `${operator} match pattern must be a string`, path);
      return (v: Leaf) => typeof v === 'string' && ends(lower(v), folded);
    }
    case 'equals-ignore-case': {
      single(operator);
      if (typeof operand !== 'string')
        throw invalid('equals-ignore-case match pattern must be a string', path);
      const folded = lower(operand);
      return (v: Leaf) => typeof v === 'string' && lower(v) === folded;
    }
    case 'wildcard': {
      single(operator);
      if (typeof operand !== 'string') throw invalid('wildcard match pattern must be a string', path);
      const regex = wildcardRegex(operand, path);
      return (v: Leaf) => typeof v === 'string' && regex.test(v);
    }
    case 'anything-but': {
      single(operator);
      const excluded = compileAnythingBut(operand, path);
      return (v: Leaf) => !excluded(v);
    }
    case 'numeric': {
      single(operator);
      return compileNumeric(operand, path);
    }
    case 'cidr': {
      single(operator);
      if (typeof operand !== 'string') throw invalid('cidr match pattern must be a string', path);
      const range = parseCidr(operand);
      if (typeof range === 'string') throw invalid(range, path);
      return (v: Leaf) => typeof v === 'string' && inRange(range, v);
    }
    case 'exists': {
      single(operator);
      if (typeof operand !== 'boolean')
        throw invalid('exists match pattern must be either true or false.', path);
      return operand ? ('exists' as const) : ('absent' as const);
    }
    default:
      throw invalid(`Unrecognized match type ${operator}`, path);
  }
};

const startsWith = (value: string, affix: string) => value.startsWith(affix);
const endsWith = (value: string, affix: string) => value.endsWith(affix);

const ignoreCaseOperand = (operand: unknown, message: string, path: readonly string[]): string => {
  if (!isObject(operand)) throw invalid(message, path);
  const keys = Object.keys(operand);
  if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
    throw invalid(`Unsupported ${message.split(' ')[0]} pattern: ${keys.join(', ')}`, path);
  }
  const text = operand['equals-ignore-case'];
  if (typeof text !== 'string') throw invalid('equals-ignore-case match pattern must be a string', path);
  return lower(text);
};

const wildcardRegex = (pattern: string, path: readonly string[]): RegExp => {
  const regex = compileWildcard(pattern);
  if (typeof regex === 'string') throw invalid(regex, path);
  return regex;
};

/** The test for values anything-but excludes. */
const compileAnythingBut = (operand: unknown, path: readonly string[]): LeafTest => {
  if (typeof operand === 'string' || typeof operand === 'number') {
    checkNumber(operand, path);
    return (v) => v === operand;
  }
  if (Array.isArray(operand)) {
    const strings = operand.every((item) => typeof item === 'string');
    const numbers = operand.every((item) => typeof item === 'number');
    if (operand.some((item) => item === null || typeof item === 'boolean' || typeof item === 'object')) {
      throw invalid('Inside anything but list, start|null|boolean is not supported.', path);
    }
    if (operand.length === 0 || (!strings && !numbers)) {
      throw invalid(
        'Inside anything but list, either all values are number or string, mixed type is not supported',
        path,
      );
    }
    for (const item of operand) checkNumber(item, path);
    const set = new Set<Leaf>(operand as Leaf[]);
    return (v) => set.has(v);
  }
  if (isObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length === 0) throw invalid('Anything-But expression name not found', path);
    if (keys.length > 1) throw invalid('Only one key allowed in match expression', path);
    const [kind = ''] = keys;
    const inner = operand[kind];
    switch (kind) {
      case 'prefix':
      case 'suffix': {
        if (typeof inner !== 'string') throw invalid('prefix/suffix match pattern must be a string', path);
        if (inner === '') throw invalid('Null prefix/suffix not allowed', path);
        const ends = kind === 'prefix' ? startsWith : endsWith;
        return (v) => typeof v === 'string' && ends(v, inner);
      }
      case 'equals-ignore-case': {
        const values = stringList(inner, 'equals-ignore-case', path).map(lower);
        const set = new Set(values);
        return (v) => typeof v === 'string' && set.has(lower(v));
      }
      case 'wildcard': {
        const regexes = stringList(inner, 'wildcard', path).map((w) => wildcardRegex(w, path));
        return (v) => typeof v === 'string' && regexes.some((regex) => regex.test(v));
      }
      default:
        throw invalid(`Unsupported anything-but pattern: ${kind}`, path);
    }
  }
  throw invalid('Value of anything-but must be an array or single string/number value.', path);
};

const stringList = (value: unknown, kind: string, path: readonly string[]): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return value as string[];
  }
  throw invalid(`Inside anything-but/${kind} list, number|start|null|boolean is not supported.`, path);
};

const checkNumber = (value: unknown, path: readonly string[]) => {
  if (typeof value === 'number' && Math.abs(value) > NUMERIC_LIMIT) {
    throw invalid('Value must be between -5.0E9 and 5.0E9, inclusive', path);
  }
};

const compileNumeric = (operand: unknown, path: readonly string[]): LeafTest => {
  if (!Array.isArray(operand)) throw invalid('Value of numeric must be an array.', path);
  const terms = [...operand];
  const read = (): { op: string; value: number } => {
    const op = terms.shift();
    if (typeof op !== 'string') throw invalid(`Invalid member in numeric match: ${String(op)}`, path);
    if (!['=', '<', '<=', '>', '>='].includes(op)) {
      throw invalid(`Unrecognized numeric range operator: ${op}`, path);
    }
    const value = terms.shift();
    if (typeof value !== 'number') throw invalid(`Value of ${op} must be numeric`, path);
    checkNumber(value, path);
    return { op, value };
  };
  const first = read();
  if (first.op === '=' || first.op === '<' || first.op === '<=') {
    if (terms.length) throw invalid('Too many elements in numeric expression', path);
    return numericTest(first.op, first.value);
  }
  if (terms.length === 0) return numericTest(first.op, first.value);
  const upper = terms[0];
  if (upper !== '<' && upper !== '<=') {
    if (typeof upper !== 'string') throw invalid(`Bad value in numeric range: ${String(upper)}`, path);
    throw invalid(`Bad numeric range operator: ${upper}`, path);
  }
  const second = read();
  if (terms.length) throw invalid('Too many terms in numeric range expression', path);
  if (first.value >= second.value) throw invalid('Bottom must be less than top', path);
  const low = numericTest(first.op, first.value);
  const high = numericTest(second.op, second.value);
  return (v) => low(v) && high(v);
};

const numericTest = (op: string, bound: number): LeafTest => {
  switch (op) {
    case '=':
      return (v) => typeof v === 'number' && v === bound;
    case '<':
      return (v) => typeof v === 'number' && v < bound;
    case '<=':
      return (v) => typeof v === 'number' && v <= bound;
    case '>':
      return (v) => typeof v === 'number' && v > bound;
    default:
      return (v) => typeof v === 'number' && v >= bound;
  }
};
