/**
 * Static checks of a definition, each problem with the JSON pointer of the field at fault: missing or
 * unreachable states, bad `Next`, invalid paths, intrinsics or JSONata, fields that do not belong to
 * the state type or to its query language, and malformed Retry/Catch/Choice rules.
 */
import { InvalidDefinitionError } from '../errors/invalid-definition-error';
import { type Branch, isJsonObject, type Json, type QueryLanguage, type StateMachineDefinition } from './asl';
import { choiceOperators } from './choice-rules';
import { isIntrinsic, parseIntrinsic } from './intrinsics';
import { parsePath } from './json-path';
import { compileJsonata, isJsonataTemplate } from './jsonata-eval';

export interface DefinitionProblem {
  pointer: string;
  message: string;
}

const common = ['Type', 'Comment', 'QueryLanguage'];
const jsonPathOnly = new Set([
  'InputPath',
  'OutputPath',
  'ResultPath',
  'Parameters',
  'ResultSelector',
  'Result',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'Iterator',
]);
const jsonataOnly = new Set(['Arguments', 'Output', 'Items']);
const io = ['InputPath', 'OutputPath', 'Output'];
// Fields of the states that run a sub-step (Task, Parallel, Map) besides their own.
const step = [...io, 'Next', 'End', 'ResultPath', 'ResultSelector', 'Assign', 'Retry', 'Catch'];
const fieldsByType: Record<string, string[]> = {
  Pass: [...io, 'Next', 'End', 'ResultPath', 'Parameters', 'Result', 'Assign'],
  Task: [
    ...step,
    'Resource',
    'Parameters',
    'Arguments',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
    'Credentials',
  ],
  Choice: [...io, 'Choices', 'Default', 'Assign'],
  Wait: [...io, 'Next', 'End', 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'Assign'],
  Succeed: io,
  Fail: ['Error', 'Cause', 'ErrorPath', 'CausePath'],
  Parallel: [...step, 'Branches', 'Parameters', 'Arguments'],
  Map: [
    ...step,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'Parameters',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'Label',
  ],
};

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const at = (pointer: string, ...segments: (string | number)[]): string =>
  `${pointer}${segments.map((s) => `/${escapePointer(String(s))}`).join('')}`;

export const validateDefinition = (value: unknown): DefinitionProblem[] => {
  const problems: DefinitionProblem[] = [];
  const report = (pointer: string, message: string) => problems.push({ pointer, message });
  if (!isJsonObject(value as Json)) {
    report('', 'a definition is a JSON object');
    return problems;
  }
  const definition = value as Record<string, unknown>;
  for (const key of Object.keys(definition)) {
    if (!['StartAt', 'States', 'Comment', 'QueryLanguage', 'TimeoutSeconds', 'Version'].includes(key)) {
      report(at('', key), `unknown top-level field "${key}"`);
    }
  }
  const top = checkLanguage(definition.QueryLanguage, '', report) ?? 'JSONPath';
  if (definition.TimeoutSeconds !== undefined && !isPositiveInteger(definition.TimeoutSeconds)) {
    report('/TimeoutSeconds', 'TimeoutSeconds must be a positive integer');
  }
  const names = new Map<string, string>();
  checkBranch(definition, '', top, report, names);
  return problems;
};

/** Parses and validates definition text; throws InvalidDefinitionError listing every problem. */
export const parseDefinition = (text: string): StateMachineDefinition => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidDefinitionError(
      `Invalid State Machine Definition: not JSON: ${(error as Error).message}`,
      [{ pointer: '', message: `not JSON: ${(error as Error).message}` }],
    );
  }
  const problems = validateDefinition(value);
  if (problems.length > 0) {
    throw new InvalidDefinitionError(
      `Invalid State Machine Definition: ${problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return value as StateMachineDefinition;
};

type Report = (pointer: string, message: string) => void;
/** Checks that a `Next`/`Default` names a state of the same branch, and records the edge. */
type Target = (name: unknown, pointer: string) => void;

const isPositiveInteger = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value > 0;

const checkLanguage = (value: unknown, pointer: string, report: Report): QueryLanguage | undefined => {
  if (value === undefined) return undefined;
  if (value !== 'JSONPath' && value !== 'JSONata') {
    report(at(pointer, 'QueryLanguage'), 'QueryLanguage must be "JSONPath" or "JSONata"');
    return undefined;
  }
  return value;
};

const checkBranch = (
  branch: Record<string, unknown>,
  pointer: string,
  language: QueryLanguage,
  report: Report,
  names: Map<string, string>,
): void => {
  const states = branch.States;
  if (!isJsonObject(states as Json) || Object.keys(states as object).length === 0) {
    report(at(pointer, 'States'), 'States must be an object with at least one state');
    return;
  }
  const stateMap = states as Record<string, unknown>;
  if (typeof branch.StartAt !== 'string') report(at(pointer, 'StartAt'), 'StartAt is required');
  else if (!(branch.StartAt in stateMap)) {
    report(at(pointer, 'StartAt'), `StartAt names a missing state "${branch.StartAt}"`);
  }
  const edges = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(stateMap)) {
    const statePointer = at(pointer, 'States', name);
    if (name.length > 80) report(statePointer, 'a state name has at most 80 characters');
    const previous = names.get(name);
    if (previous !== undefined) report(statePointer, `state name "${name}" is also used at ${previous}`);
    else names.set(name, statePointer);
    const targets: string[] = [];
    edges.set(name, targets);
    if (!isJsonObject(raw as Json)) {
      report(statePointer, 'a state is an object');
      continue;
    }
    checkState(
      name,
      raw as Record<string, unknown>,
      statePointer,
      language,
      report,
      names,
      (target, where) => {
        if (typeof target !== 'string' || !(target in stateMap)) {
          report(where, `"${String(target)}" is not a state of this ${pointer ? 'branch' : 'state machine'}`);
        } else targets.push(target);
      },
    );
  }
  if (typeof branch.StartAt === 'string' && branch.StartAt in stateMap) {
    const reached = new Set<string>([branch.StartAt]);
    const queue = [branch.StartAt];
    while (queue.length > 0) {
      for (const next of edges.get(queue.pop() as string) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const name of Object.keys(stateMap)) {
      if (!reached.has(name))
        report(at(pointer, 'States', name), `state "${name}" is unreachable from StartAt`);
    }
  }
};

const checkState = (
  name: string,
  state: Record<string, unknown>,
  pointer: string,
  topLanguage: QueryLanguage,
  report: Report,
  names: Map<string, string>,
  target: Target,
): void => {
  const type = state.Type;
  const allowed = typeof type === 'string' ? fieldsByType[type] : undefined;
  if (!allowed) {
    report(at(pointer, 'Type'), `Type must be one of ${Object.keys(fieldsByType).join(', ')}`);
    return;
  }
  const language = checkLanguage(state.QueryLanguage, pointer, report) ?? topLanguage;
  if (topLanguage === 'JSONata' && language === 'JSONPath') {
    report(at(pointer, 'QueryLanguage'), 'a state cannot use JSONPath when the state machine uses JSONata');
  }
  for (const key of Object.keys(state)) {
    const where = at(pointer, key);
    if (!common.includes(key) && !allowed.includes(key))
      report(where, `field "${key}" is not allowed in a ${type} state`);
    else if (language === 'JSONata' && jsonPathOnly.has(key))
      report(where, `field "${key}" is JSONPath-only; this state uses JSONata`);
    else if (language === 'JSONPath' && jsonataOnly.has(key))
      report(where, `field "${key}" is JSONata-only; this state uses JSONPath`);
  }
  const terminal = type === 'Choice' || type === 'Succeed' || type === 'Fail';
  if (!terminal) {
    if (state.Next !== undefined && state.End !== undefined)
      report(pointer, 'a state has Next or End, not both');
    else if (state.Next !== undefined) target(state.Next, at(pointer, 'Next'));
    else if (state.End !== true) report(pointer, `state "${name}" needs "Next" or "End": true`);
  }
  const jsonata = language === 'JSONata';
  const expressions = (value: unknown, where: string) => checkExpressions(value, where, jsonata, report);
  for (const key of ['Parameters', 'ResultSelector', 'ItemSelector', 'Arguments', 'Output', 'Items']) {
    if (state[key] !== undefined) expressions(state[key], at(pointer, key));
  }
  if (state.Assign !== undefined) checkAssign(state.Assign, at(pointer, 'Assign'), jsonata, report);
  for (const key of ['InputPath', 'OutputPath', 'ItemsPath']) {
    if (typeof state[key] === 'string') checkPath(state[key], at(pointer, key), report, false);
  }
  for (const key of [
    'SecondsPath',
    'TimestampPath',
    'TimeoutSecondsPath',
    'HeartbeatSecondsPath',
    'ErrorPath',
    'CausePath',
  ]) {
    if (typeof state[key] === 'string') checkDynamic(state[key], at(pointer, key), report);
  }
  if (typeof state.ResultPath === 'string')
    checkPath(state.ResultPath, at(pointer, 'ResultPath'), report, true);
  if (type === 'Task') {
    if (typeof state.Resource !== 'string' || !state.Resource.startsWith('arn:')) {
      report(at(pointer, 'Resource'), 'a Task needs a Resource ARN');
    }
    for (const key of ['TimeoutSeconds', 'HeartbeatSeconds']) {
      const v = state[key];
      if (v !== undefined && state[`${key}Path`] !== undefined) {
        report(at(pointer, `${key}Path`), `use ${key} or ${key}Path, not both`);
      }
      if (v !== undefined && !isPositiveInteger(v) && !(jsonata && isJsonataTemplate(v))) {
        report(at(pointer, key), `${key} must be a positive integer`);
      } else if (jsonata && isJsonataTemplate(v)) expressions(v, at(pointer, key));
    }
    const timeout = state.TimeoutSeconds;
    const heartbeat = state.HeartbeatSeconds;
    if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
      report(at(pointer, 'HeartbeatSeconds'), 'HeartbeatSeconds must be smaller than TimeoutSeconds');
    }
  }
  if (type === 'Wait') {
    const present = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter(
      (k) => state[k] !== undefined,
    );
    if (present.length !== 1)
      report(pointer, 'a Wait needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath');
    if (jsonata) {
      if (state.Seconds !== undefined) expressions(state.Seconds, at(pointer, 'Seconds'));
      if (state.Timestamp !== undefined) expressions(state.Timestamp, at(pointer, 'Timestamp'));
    }
  }
  if (type === 'Fail' && jsonata) {
    for (const key of ['Error', 'Cause'])
      if (state[key] !== undefined) expressions(state[key], at(pointer, key));
  }
  if (type === 'Choice') checkChoices(state, pointer, jsonata, report, target);
  checkRetryCatch(state, pointer, jsonata, report, target);
  if (type === 'Parallel') {
    const branches = state.Branches;
    if (!Array.isArray(branches) || branches.length === 0)
      report(at(pointer, 'Branches'), 'a Parallel needs Branches');
    else {
      branches.forEach((branch, i) => {
        const where = at(pointer, 'Branches', i);
        if (!isJsonObject(branch as Json)) report(where, 'a branch is an object');
        else
          checkBranch(
            branch as Record<string, unknown>,
            where,
            nestedLanguage(branch, language),
            report,
            names,
          );
      });
    }
  }
  if (type === 'Map') {
    const key = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    const processor = state[key];
    if (!isJsonObject(processor as Json))
      report(at(pointer, 'ItemProcessor'), 'a Map needs an ItemProcessor');
    else {
      const config = (processor as Record<string, unknown>).ProcessorConfig as
        | Record<string, unknown>
        | undefined;
      if (config?.Mode === 'DISTRIBUTED') {
        report(at(pointer, key, 'ProcessorConfig', 'Mode'), 'only INLINE Map states run locally');
      }
      checkBranch(
        processor as Record<string, unknown>,
        at(pointer, key),
        nestedLanguage(processor, language),
        report,
        names,
      );
    }
  }
};

const nestedLanguage = (branch: unknown, language: QueryLanguage): QueryLanguage =>
  ((branch as Branch).QueryLanguage as QueryLanguage | undefined) ?? language;

const checkPath = (path: unknown, pointer: string, report: Report, reference: boolean): void => {
  try {
    const parsed = parsePath(path as string);
    if (reference && (!parsed.definite || parsed.root.kind !== 'input')) {
      report(pointer, `"${String(path)}" must be a reference path into the state input (like $.a.b[0])`);
    }
  } catch (error) {
    report(pointer, (error as Error).message);
  }
};

const checkDynamic = (value: unknown, pointer: string, report: Report): void => {
  if (typeof value !== 'string') {
    report(pointer, 'a field ending in .$ takes a string: a path or an intrinsic function');
    return;
  }
  if (isIntrinsic(value)) {
    try {
      parseIntrinsic(value);
    } catch (error) {
      report(pointer, (error as Error).message);
    }
  } else checkPath(value, pointer, report, false);
};

const checkExpressions = (value: unknown, pointer: string, jsonata: boolean, report: Report): void => {
  if (jsonata) {
    if (isJsonataTemplate(value)) {
      try {
        compileJsonata(value);
      } catch (error) {
        report(pointer, `invalid JSONata: ${(error as Error).message}`);
      }
    } else if (Array.isArray(value))
      value.forEach((v, i) => {
        checkExpressions(v, at(pointer, i), jsonata, report);
      });
    else if (isJsonObject(value as Json)) {
      for (const [key, v] of Object.entries(value as object))
        checkExpressions(v, at(pointer, key), jsonata, report);
    }
    return;
  }
  if (Array.isArray(value))
    value.forEach((v, i) => {
      checkExpressions(v, at(pointer, i), jsonata, report);
    });
  else if (isJsonObject(value as Json)) {
    for (const [key, v] of Object.entries(value as object)) {
      if (key.endsWith('.$')) checkDynamic(v, at(pointer, key), report);
      else checkExpressions(v, at(pointer, key), jsonata, report);
    }
  }
};

// Variable names: a letter or underscore, then letters, digits, underscores; `states` is reserved.
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const checkAssign = (value: unknown, pointer: string, jsonata: boolean, report: Report): void => {
  if (!isJsonObject(value as Json)) {
    report(pointer, 'Assign is an object of variable names');
    return;
  }
  for (const key of Object.keys(value as object)) {
    const name = !jsonata && key.endsWith('.$') ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name) || name === 'states') {
      report(at(pointer, key), `"${name}" is not a valid variable name`);
    }
  }
  checkExpressions(value, pointer, jsonata, report);
};

const checkChoices = (
  state: Record<string, unknown>,
  pointer: string,
  jsonata: boolean,
  report: Report,
  target: Target,
): void => {
  const choices = state.Choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    report(at(pointer, 'Choices'), 'a Choice needs a non-empty Choices array');
    return;
  }
  choices.forEach((rule, i) => {
    const where = at(pointer, 'Choices', i);
    if (!isJsonObject(rule as Json)) {
      report(where, 'a choice rule is an object');
      return;
    }
    const r = rule as Record<string, unknown>;
    target(r.Next, at(where, 'Next'));
    if (jsonata) {
      if (r.Condition === undefined) report(where, 'a JSONata choice rule needs a Condition');
      else checkExpressions(r.Condition, at(where, 'Condition'), true, report);
      for (const key of Object.keys(r)) {
        if (!['Condition', 'Next', 'Assign', 'Comment'].includes(key)) {
          report(at(where, key), `field "${key}" is not allowed in a JSONata choice rule`);
        }
      }
      if (r.Assign !== undefined) checkAssign(r.Assign, at(where, 'Assign'), true, report);
    } else {
      checkRule(r, where, report, true);
      if (r.Assign !== undefined) checkAssign(r.Assign, at(where, 'Assign'), false, report);
    }
  });
  if (state.Default !== undefined) target(state.Default, at(pointer, 'Default'));
};

const checkRule = (rule: Record<string, unknown>, pointer: string, report: Report, top: boolean): void => {
  const allowed = new Set([
    ...choiceOperators,
    'Variable',
    'And',
    'Or',
    'Not',
    'Comment',
    ...(top ? ['Next', 'Assign'] : []),
  ]);
  for (const key of Object.keys(rule)) {
    if (!allowed.has(key)) report(at(pointer, key), `field "${key}" is not allowed in a choice rule`);
  }
  if (Array.isArray(rule.And) || Array.isArray(rule.Or)) {
    const key = Array.isArray(rule.And) ? 'And' : 'Or';
    (rule[key] as unknown[]).forEach((r, i) => {
      if (isJsonObject(r as Json))
        checkRule(r as Record<string, unknown>, at(pointer, key, i), report, false);
      else report(at(pointer, key, i), 'a choice rule is an object');
    });
    return;
  }
  if (rule.Not !== undefined) {
    if (isJsonObject(rule.Not as Json))
      checkRule(rule.Not as Record<string, unknown>, at(pointer, 'Not'), report, false);
    else report(at(pointer, 'Not'), 'Not takes a choice rule');
    return;
  }
  if (typeof rule.Variable !== 'string') report(pointer, 'a choice rule needs Variable, And, Or or Not');
  else checkPath(rule.Variable, at(pointer, 'Variable'), report, false);
  const operators = Object.keys(rule).filter((k) => choiceOperators.includes(k));
  if (operators.length !== 1) report(pointer, 'a choice rule needs exactly one comparison operator');
  for (const op of operators) {
    if (op.endsWith('Path') && typeof rule[op] === 'string')
      checkPath(rule[op], at(pointer, op), report, false);
  }
};

const checkRetryCatch = (
  state: Record<string, unknown>,
  pointer: string,
  jsonata: boolean,
  report: Report,
  target: Target,
): void => {
  for (const field of ['Retry', 'Catch'] as const) {
    const list = state[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      report(at(pointer, field), `${field} is an array`);
      continue;
    }
    list.forEach((item, i) => {
      const where = at(pointer, field, i);
      if (!isJsonObject(item as Json)) {
        report(where, `a ${field === 'Retry' ? 'retrier' : 'catcher'} is an object`);
        return;
      }
      const entry = item as Record<string, unknown>;
      const errors = entry.ErrorEquals;
      if (!Array.isArray(errors) || errors.length === 0 || !errors.every((e) => typeof e === 'string')) {
        report(at(where, 'ErrorEquals'), 'ErrorEquals is a non-empty array of error names');
      } else if (errors.includes('States.ALL') && (errors.length > 1 || i !== list.length - 1)) {
        report(at(where, 'ErrorEquals'), 'States.ALL must appear alone and in the last retrier or catcher');
      }
      if (field === 'Retry') {
        const allowedKeys = [
          'ErrorEquals',
          'IntervalSeconds',
          'MaxAttempts',
          'BackoffRate',
          'MaxDelaySeconds',
          'JitterStrategy',
          'Comment',
        ];
        for (const key of Object.keys(entry))
          if (!allowedKeys.includes(key))
            report(at(where, key), `field "${key}" is not allowed in a retrier`);
        if (entry.IntervalSeconds !== undefined && !isPositiveInteger(entry.IntervalSeconds)) {
          report(at(where, 'IntervalSeconds'), 'IntervalSeconds must be a positive integer');
        }
        if (
          entry.MaxAttempts !== undefined &&
          !(Number.isInteger(entry.MaxAttempts) && (entry.MaxAttempts as number) >= 0)
        ) {
          report(at(where, 'MaxAttempts'), 'MaxAttempts must be a non-negative integer');
        }
        if (
          entry.BackoffRate !== undefined &&
          !(typeof entry.BackoffRate === 'number' && entry.BackoffRate >= 1)
        ) {
          report(at(where, 'BackoffRate'), 'BackoffRate must be a number >= 1.0');
        }
        if (entry.MaxDelaySeconds !== undefined && !isPositiveInteger(entry.MaxDelaySeconds)) {
          report(at(where, 'MaxDelaySeconds'), 'MaxDelaySeconds must be a positive integer');
        }
        if (
          entry.JitterStrategy !== undefined &&
          entry.JitterStrategy !== 'FULL' &&
          entry.JitterStrategy !== 'NONE'
        ) {
          report(at(where, 'JitterStrategy'), 'JitterStrategy must be FULL or NONE');
        }
      } else {
        const allowedKeys = [
          'ErrorEquals',
          'Next',
          'Comment',
          'Assign',
          ...(jsonata ? ['Output'] : ['ResultPath']),
        ];
        for (const key of Object.keys(entry)) {
          if (!allowedKeys.includes(key))
            report(
              at(where, key),
              `field "${key}" is not allowed in a ${jsonata ? 'JSONata' : 'JSONPath'} catcher`,
            );
        }
        target(entry.Next, at(where, 'Next'));
        if (typeof entry.ResultPath === 'string')
          checkPath(entry.ResultPath, at(where, 'ResultPath'), report, true);
        if (entry.Output !== undefined) checkExpressions(entry.Output, at(where, 'Output'), jsonata, report);
        if (entry.Assign !== undefined) checkAssign(entry.Assign, at(where, 'Assign'), jsonata, report);
      }
    });
  }
};
