/**
 * JSONPath-mode payload templates (Parameters, ResultSelector, ItemSelector, Assign, Arguments of
 * Choice rules): keys ending in `.$` take a path or an intrinsic function; other values are copied.
 */
import { isJsonObject, type Json } from './asl';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics';
import { notFound, type PathData, readPath } from './json-path';
import { fail } from './states-failure';

/** Reads a `.$` value: an intrinsic, or a path (`$`, `$$`, `$var`) that must select something. */
export const evaluateDynamic = (expression: string, data: PathData, field: string): Json => {
  if (isIntrinsic(expression)) return evaluateIntrinsic(expression, data);
  const found = readPath(expression, data);
  if (found === notFound) {
    return fail(
      'States.Runtime',
      `The JSONPath '${expression}' specified for the field '${field}' could not be found in the input`,
    );
  }
  return found as Json;
};

export const evaluateTemplate = (template: Json, data: PathData): Json => {
  if (Array.isArray(template)) return template.map((item) => evaluateTemplate(item, data));
  if (!isJsonObject(template)) return template;
  const out: Record<string, Json> = {};
  for (const key of Object.keys(template)) {
    const value = template[key] as Json;
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = evaluateDynamic(value, data, key);
    } else out[key] = evaluateTemplate(value, data);
  }
  return out;
};
