/**
 * Reads and validates a `conveyor.yml`. Every problem is collected (YAML syntax, unknown keys, wrong
 * types, missing fields) and reported at once with its file, line and column.
 *
 * @example
 *   const spec = parseSpec(await readFile('conveyor.yml', 'utf8'), 'conveyor.yml'); // throws SpecInvalidError
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type SourceProblem, SpecInvalidError } from '../errors/spec-invalid-error';
import { readInputFile } from '../files/read-input-file';
import { locate } from './locate';
import { type PipelineSpec, pipelineSpecSchema } from './schema';

/** Validates spec text; returns the normalized spec or throws `SpecInvalidError` listing every problem. */
export const parseSpec = (text: string, file: string): PipelineSpec => {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);

  const syntaxProblems = [...doc.errors].map((error): SourceProblem => {
    const { line, col } = at(error.pos[0]);
    return { file, line, column: col, path: '', message: error.message.split('\n')[0] ?? error.code };
  });
  if (syntaxProblems.length > 0) throw new SpecInvalidError(syntaxProblems);

  const value: unknown = doc.toJS();
  if (value === null || value === undefined) {
    throw new SpecInvalidError([
      { file, line: 1, column: 1, path: '', message: 'the file is empty: expected a spec' },
    ]);
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SpecInvalidError([
      {
        file,
        line: 1,
        column: 1,
        path: '',
        message: 'expected a mapping of spec sections (model, data, ...)',
      },
    ]);
  }

  const result = pipelineSpecSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => toProblems(issue, file, doc, lines));
  throw new SpecInvalidError(problems.sort((a, b) => a.line - b.line || a.column - b.column));
};

/** Reads a spec file; an unreadable file is an input error, an invalid one a `SpecInvalidError`. */
export const loadSpec = async (path: string, displayName = path): Promise<PipelineSpec> => {
  return parseSpec(await readInputFile(path, displayName, 'spec'), displayName);
};

const toProblems = (
  issue: z.core.$ZodIssue,
  file: string,
  doc: Parameters<typeof locate>[0],
  lines: LineCounter,
): SourceProblem[] => {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file,
      ...locate(doc, lines, path, key),
      path: [...path, key].join('.'),
      message: `unknown key "${key}"${suggest(key, knownKeysAt(path))}`,
    }));
  }
  return [{ file, ...locate(doc, lines, path), path: path.join('.'), message: describeIssue(issue) }];
};

const describeIssue = (issue: z.core.$ZodIssue): string => {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return `required: expected ${issue.expected}`;
  }
  if (issue.code === 'invalid_value') {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return issue.message;
};

/** Keys the schema accepts at `path`, for "did you mean" hints. */
const knownKeysAt = (path: readonly (string | number)[]): string[] => {
  let shape: unknown = pipelineSpecSchema;
  for (const segment of path) {
    shape = unwrap(shape);
    const entries = (shape as { shape?: Record<string, unknown> }).shape;
    const element = (shape as { element?: unknown }).element;
    const valueType = (shape as { valueType?: unknown }).valueType;
    if (typeof segment === 'number' && element) shape = element;
    else if (entries && typeof segment === 'string' && segment in entries) shape = entries[segment];
    else if (valueType) shape = valueType;
    else return [];
  }
  return Object.keys((unwrap(shape) as { shape?: object }).shape ?? {});
};

const unwrap = (schema: unknown): unknown => {
  let current = schema as { def?: { innerType?: unknown; in?: unknown; type?: string } };
  for (let i = 0; i < 10 && current.def; i++) {
    const inner = current.def.innerType ?? (current.def.type === 'pipe' ? current.def.in : undefined);
    if (!inner) break;
    current = inner as typeof current;
  }
  return current;
};

const suggest = (key: string, known: string[]): string => {
  const close = known.find((candidate) => editDistance(candidate.toLowerCase(), key.toLowerCase()) <= 2);
  return close ? `; did you mean "${close}"?` : known.length ? `; expected one of ${known.join(', ')}` : '';
};

const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
};
