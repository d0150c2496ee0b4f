/** Choice state rules in JSONPath mode: comparison operators, their `Path` forms, And/Or/Not. */
import type { ChoiceRule, Json } from './asl';
import { notFound, type PathData, readPath } from './json-path';
import { fail } from './states-failure';

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Comparison = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';

const kinds: Kind[] = ['String', 'Numeric', 'Boolean', 'Timestamp'];
const comparisons: Comparison[] = [
  'Equals',
  'LessThan',
  'GreaterThan',
  'LessThanEquals',
  'GreaterThanEquals',
];

/** Every comparison operator name, including `Path` forms, `StringMatches` and the type tests. */
export const choiceOperators: string[] = [
  ...kinds.flatMap((kind) =>
    comparisons
      .filter((c) => kind !== 'Boolean' || c === 'Equals')
      .flatMap((c) => [`${kind}${c}`, `${kind}${c}Path`]),
  ),
  'StringMatches',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
];

// RFC 3339 with an upper-case T and a zone, as AWS requires of timestamps.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' && TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));

const matchesKind = (kind: Kind, value: Json): boolean => {
  if (kind === 'String') return typeof value === 'string';
  if (kind === 'Numeric') return typeof value === 'number';
  if (kind === 'Boolean') return typeof value === 'boolean';
  return isTimestamp(value);
};

const compare = (kind: Kind, comparison: Comparison, a: Json, b: Json): boolean => {
  if (!matchesKind(kind, a) || !matchesKind(kind, b)) return false;
  const left = kind === 'Timestamp' ? Date.parse(a as string) : (a as string | number | boolean);
  const right = kind === 'Timestamp' ? Date.parse(b as string) : (b as string | number | boolean);
  switch (comparison) {
    case 'Equals':
      return left === right;
    case 'LessThan':
      return left < right;
    case 'GreaterThan':
      return left > right;
    case 'LessThanEquals':
      return left <= right;
    case 'GreaterThanEquals':
      return left >= right;
  }
};

const wildcardMatch = (pattern: string, value: string): boolean => {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) regex += escapeRegex(pattern[++i] as string);
    else if (c === '*') regex += '.*';
    else regex += escapeRegex(c);
  }
  return new RegExp(`^${regex}$`, 's').test(value);
};

const escapeRegex = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const evaluateRule = (rule: ChoiceRule, data: PathData): boolean => {
  if (rule.And) return rule.And.every((r) => evaluateRule(r, data));
  if (rule.Or) return rule.Or.some((r) => evaluateRule(r, data));
  if (rule.Not) return !evaluateRule(rule.Not, data);
  const variable = rule.Variable as string;
  const found = readPath(variable, data);
  if ('IsPresent' in rule) return (found !== notFound) === rule.IsPresent;
  if (found === notFound) {
    return fail(
      'States.Runtime',
      `Invalid path '${variable}': The choice state's condition path references an invalid value.`,
    );
  }
  const value = found as Json;
  if ('IsNull' in rule) return (value === null) === rule.IsNull;
  if ('IsNumeric' in rule) return (typeof value === 'number') === rule.IsNumeric;
  if ('IsString' in rule) return (typeof value === 'string') === rule.IsString;
  if ('IsBoolean' in rule) return (typeof value === 'boolean') === rule.IsBoolean;
  if ('IsTimestamp' in rule) return isTimestamp(value) === rule.IsTimestamp;
  if ('StringMatches' in rule) {
    return typeof value === 'string' && wildcardMatch(rule.StringMatches as string, value);
  }
  for (const kind of kinds) {
    for (const comparison of comparisons) {
      const operator = `${kind}${comparison}`;
      if (operator in rule) return compare(kind, comparison, value, rule[operator] as Json);
      if (`${operator}Path` in rule) {
        const path = rule[`${operator}Path`] as string;
        const other = readPath(path, data);
        if (other === notFound) {
          return fail(
            'States.Runtime',
            `Invalid path '${path}': The choice state's condition path references an invalid value.`,
          );
        }
        return compare(kind, comparison, value, other as Json);
      }
    }
  }
  return fail('States.Runtime', 'A choice rule has no comparison operator');
};
