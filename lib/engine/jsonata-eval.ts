/**
 * JSONata in states: any string `{% expr %}` inside a field is an expression evaluated with
 * `$states` (input, result, errorOutput, context) and the workflow variables bound. Step Functions'
 * extra functions ($partition, $range, $hash, $random, $uuid, $parse) are registered too.
 */
import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { isJsonObject, type Json } from './asl';
import { hashAlgorithms } from './hash-algorithms';
import { fail } from './states-failure';

export const isJsonataTemplate = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}');

type Expression = ReturnType<typeof jsonata>;

const cache = new Map<string, Expression>();

/** Compiles the body of a `{% %}` template; throws jsonata's error for invalid syntax. */
export const compileJsonata = (template: string): Expression => {
  const cached = cache.get(template);
  if (cached) return cached;
  const expression = jsonata(template.slice(2, -2).trim());
  expression.registerFunction(
    'partition',
    (array: unknown[], size: number) => {
      const out: unknown[] = [];
      for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
      return out;
    },
    '<an:a>',
  );
  expression.registerFunction(
    'range',
    (start: number, end: number, step: number) => {
      const out: number[] = [];
      for (let x = start; step > 0 ? x <= end : x >= end; x += step) out.push(x);
      return out;
    },
    '<nnn:a>',
  );
  expression.registerFunction(
    'hash',
    (value: string, algorithm: string) => {
      const name = hashAlgorithms[algorithm];
      if (!name) throw new Error(`$hash: unsupported algorithm ${algorithm}`);
      return createHash(name).update(value).digest('hex');
    },
    '<ss:s>',
  );
  expression.registerFunction('random', () => Math.random(), '<n?:n>');
  expression.registerFunction('uuid', () => randomUUID(), '<:s>');
  expression.registerFunction('parse', (text: string) => JSON.parse(text) as unknown, '<s:x>');
  if (cache.size > 10_000) cache.clear();
  cache.set(template, expression);
  return expression;
};

export interface JsonataBindings {
  states: Record<string, Json | undefined>;
  variables: Record<string, Json>;
}

const flatten = (bindings: JsonataBindings): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  // for..in walks the scope chain: inner Map/Parallel scopes inherit the outer variables.
  for (const name in bindings.variables) out[name] = bindings.variables[name];
  out.states = bindings.states;
  return out;
};

/** Evaluates every `{% %}` template in `value` (objects and arrays recursively). */
export const evaluateJsonata = async (
  value: Json,
  bindings: JsonataBindings,
  field: string,
): Promise<Json> => {
  const flat = flatten(bindings);
  return walk(value, flat, field);
};

const walk = async (value: Json, flat: Record<string, unknown>, field: string): Promise<Json> => {
  if (isJsonataTemplate(value)) return evaluateOne(value, flat, field);
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const item of value) out.push(await walk(item, flat, field));
    return out;
  }
  if (isJsonObject(value)) {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value)) out[key] = await walk(value[key] as Json, flat, field);
    return out;
  }
  return value;
};

const evaluateOne = async (template: string, flat: Record<string, unknown>, field: string): Promise<Json> => {
  let expression: Expression;
  try {
    expression = compileJsonata(template);
  } catch (error) {
    return fail('States.QueryEvaluationError', `${field}: ${(error as Error).message}`);
  }
  let result: unknown;
  try {
    result = await expression.evaluate(null, flat);
  } catch (error) {
    return fail(
      'States.QueryEvaluationError',
      `An error occurred while evaluating the JSONata expression in ${field} (${template}): ${(error as Error).message}`,
    );
  }
  if (result === undefined) {
    return fail(
      'States.QueryEvaluationError',
      `The JSONata expression ${template} in ${field} returned no value`,
    );
  }
  return toJson(result);
};

// JSONata results may carry sequence flags and functions; keep plain JSON only.
const toJson = (value: unknown): Json => {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return fail('States.QueryEvaluationError', 'The expression returned a non-finite number');
    return value;
  }
  if (Array.isArray(value))
    return value.filter((v) => v !== undefined && typeof v !== 'function').map(toJson);
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined && typeof v !== 'function') out[key] = toJson(v);
    }
    return out;
  }
  return null;
};
