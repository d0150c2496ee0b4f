/**
 * Checks that each column rule of a spec fits the column's declared type (a range on a string, a
 * pattern on a number, allowed values of another type), before any data is read.
 */
import { InvalidInputError } from '../errors/invalid-input-error';
import type { ColumnRule } from '../spec/schema';

const ALLOWED_VALUE_TYPE: Record<ColumnRule['type'], string | undefined> = {
  string: 'string',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  timestamp: undefined,
};

export const checkRuleTypes = (columns: Readonly<Record<string, ColumnRule>>, specFile: string): void => {
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(columns)) {
    const at = `${specFile}: data.columns.${name}`;
    const numeric = rule.type === 'integer' || rule.type === 'number';
    for (const bound of ['min', 'max'] as const) {
      if (rule[bound] !== undefined && !numeric) {
        problems.push(`${at}.${bound}: a range applies to integer or number columns, not ${rule.type}`);
      }
    }
    if (rule.pattern !== undefined && rule.type !== 'string') {
      problems.push(`${at}.pattern: a pattern applies to string columns, not ${rule.type}`);
    }
    if (rule.allowed !== undefined) {
      const expected = ALLOWED_VALUE_TYPE[rule.type];
      const wrong = rule.allowed.find((value) => typeof value !== expected);
      if (expected === undefined)
        problems.push(`${at}.allowed: allowed values do not apply to timestamp columns`);
      else if (wrong !== undefined) {
        problems.push(
          `${at}.allowed: ${JSON.stringify(wrong)} is not a ${expected}, but the column's type is ${rule.type}`,
        );
      }
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems.join('\n'));
};
