/**
 * Validates a dataset against the spec's data rules in one streaming pass: missing and unexpected
 * columns, minimum rows, and per column type, nulls, range, allowed values and pattern. Each check
 * counts its violations and keeps the first few offending rows with their line or row numbers; a
 * check's severity decides whether violations fail or only warn.
 */
import { type BatchColumn, cellText, type DataBatch, type Dataset } from '../data/batch';
import { CELL_INVALID, CELL_NULL, CELL_OK, type ValueType } from '../data/decode';
import { type ColumnConsumer, type DecodedColumn, type ScanResult, scanColumns } from '../data/scan-columns';
import type { ColumnRule, PipelineSpec } from '../spec/schema';

const EXAMPLES = 5;

export type Verdict = 'pass' | 'warn' | 'fail';
export type CheckRule =
  | 'min-rows'
  | 'missing-column'
  | 'unexpected-columns'
  | 'type'
  | 'nullable'
  | 'max-null-fraction'
  | 'min'
  | 'max'
  | 'allowed'
  | 'pattern';

export interface ViolationExample {
  /** Line (CSV, JSON Lines) or row (Parquet) number. */
  location: number;
  value: string | null;
}

export interface ValidationCheck {
  /** Stable name, such as `columns.age.min`, used as the JUnit test case name. */
  name: string;
  rule: CheckRule;
  column?: string;
  severity: 'error' | 'warn';
  status: Verdict;
  violations: number;
  message: string;
  examples: ViolationExample[];
}

export interface ValidationReport {
  verdict: Verdict;
  source: string;
  rows: number;
  locationKind: 'line' | 'row';
  checks: ValidationCheck[];
}

export type DataRules = Pick<PipelineSpec['data'], 'columns' | 'minRows' | 'unexpectedColumns' | 'label'>;

/** Counts violations of one column's rules, batch by batch. */
class ColumnChecker {
  readonly counts = { type: 0, nulls: 0, min: 0, max: 0, allowed: 0, pattern: 0 };
  readonly examples: Record<keyof ColumnChecker['counts'], ViolationExample[]> = {
    type: [],
    nulls: [],
    min: [],
    max: [],
    allowed: [],
    pattern: [],
  };
  /** Per dictionary code: 0 not yet known, 1 passes, 2 fails (allowed and pattern). */
  private allowedByCode = new Uint8Array(256);
  private patternByCode = new Uint8Array(256);
  private readonly allowedSet: Set<string | number | boolean> | undefined;
  private readonly regexp: RegExp | undefined;
  seen = false;
  /** Dictionary codes checked by `allCodesPass`, and how many of them fail a string rule. */
  private verifiedCodes = 0;
  private failingCodes = 0;

  constructor(
    readonly name: string,
    readonly rule: ColumnRule,
  ) {
    this.allowedSet = rule.allowed ? new Set(rule.allowed) : undefined;
    this.regexp = rule.pattern === undefined ? undefined : new RegExp(rule.pattern);
  }

  consume(batch: DataBatch, column: DecodedColumn): void {
    this.seen = true;
    const rows = batch.rowCount;
    const { state, values, codes, cells } = column;
    // One tight loop per kind of check, so a column pays only for the rules it has.
    for (let i = 0; i < rows; i++) {
      const s = state[i];
      if (s === CELL_OK) continue;
      if (s === CELL_NULL) {
        this.counts.nulls++;
        if (!this.rule.nullable && this.examples.nulls.length < EXAMPLES) {
          this.examples.nulls.push({ location: batch.location(i), value: null });
        }
      } else if (s === CELL_INVALID) this.note('type', batch, cells, i);
    }
    const allowed = this.allowedSet;
    if (column.type === 'string') {
      const regexp = this.regexp;
      if (allowed === undefined && regexp === undefined) return;
      if (this.allCodesPass(column)) return;
      for (let i = 0; i < rows; i++) {
        if (state[i] !== CELL_OK) continue;
        const code = codes[i] as number;
        // Known codes are answered from the per-code caches; the rest go the slow way once.
        if (allowed && this.allowedByCode[code] !== 1 && !this.stringAllowed(code, column, cells, i)) {
          this.note('allowed', batch, cells, i);
        }
        if (regexp && this.patternByCode[code] !== 1 && !this.stringMatches(code, column, cells, i)) {
          this.note('pattern', batch, cells, i);
        }
      }
      return;
    }
    const { min, max } = this.rule;
    if (min !== undefined || max !== undefined) {
      const lo = min ?? Number.NEGATIVE_INFINITY;
      const hi = max ?? Number.POSITIVE_INFINITY;
      for (let i = 0; i < rows; i++) {
        if (state[i] !== CELL_OK) continue;
        const value = values[i] as number;
        if (value < lo) this.note('min', batch, cells, i);
        else if (value > hi) this.note('max', batch, cells, i);
      }
    }
    if (allowed) {
      const boolean = column.type === 'boolean';
      for (let i = 0; i < rows; i++) {
        if (state[i] !== CELL_OK) continue;
        const value = values[i] as number;
        if (!allowed.has(boolean ? value === 1 : value)) this.note('allowed', batch, cells, i);
      }
    }
  }

  /**
   * Whether every value of the column's dictionary passes the string rules (checking new values once):
   * then no row of a batch can fail them, unless values beyond the dictionary's capacity appear.
   */
  private allCodesPass(column: DecodedColumn): boolean {
    const { dictionary } = column;
    if (dictionary.full) return false;
    for (; this.verifiedCodes < dictionary.size; this.verifiedCodes++) {
      const value = dictionary.values[this.verifiedCodes] as string;
      if (this.allowedSet && !this.allowedSet.has(value)) this.failingCodes++;
      else if (this.regexp && !this.regexp.test(value)) this.failingCodes++;
    }
    return this.failingCodes === 0;
  }

  private note(
    kind: keyof ColumnChecker['counts'],
    batch: DataBatch,
    cells: BatchColumn | undefined,
    i: number,
  ) {
    this.counts[kind]++;
    const examples = this.examples[kind];
    if (examples.length < EXAMPLES) examples.push({ location: batch.location(i), value: cellText(cells, i) });
  }

  private stringAllowed(
    code: number,
    column: DecodedColumn,
    cells: BatchColumn | undefined,
    i: number,
  ): boolean {
    if (code < 0) return (this.allowedSet as Set<unknown>).has(cellText(cells, i));
    this.allowedByCode = ensureSize(this.allowedByCode, code);
    let known = this.allowedByCode[code];
    if (known === 0) {
      known = (this.allowedSet as Set<unknown>).has(column.dictionary.values[code]) ? 1 : 2;
      this.allowedByCode[code] = known;
    }
    return known === 1;
  }

  private stringMatches(
    code: number,
    column: DecodedColumn,
    cells: BatchColumn | undefined,
    i: number,
  ): boolean {
    const regexp = this.regexp as RegExp;
    if (code < 0) return regexp.test(cellText(cells, i) ?? '');
    this.patternByCode = ensureSize(this.patternByCode, code);
    let known = this.patternByCode[code];
    if (known === 0) {
      known = regexp.test(column.dictionary.values[code] as string) ? 1 : 2;
      this.patternByCode[code] = known;
    }
    return known === 1;
  }
}

const ensureSize = (array: Uint8Array<ArrayBuffer>, index: number): Uint8Array<ArrayBuffer> => {
  if (index < array.length) return array;
  const next = new Uint8Array(Math.max(index + 1, array.length * 2));
  next.set(array);
  return next;
};

/** A scan consumer that checks the data rules; `report` turns its counts into checks. */
export class Validator implements ColumnConsumer {
  private readonly checkers: ColumnChecker[];

  constructor(private readonly rules: DataRules) {
    this.checkers = Object.entries(rules.columns).map(([name, rule]) => new ColumnChecker(name, rule));
  }

  /** Types to decode columns with. */
  get types(): Record<string, ValueType> {
    return Object.fromEntries(Object.entries(this.rules.columns).map(([name, rule]) => [name, rule.type]));
  }

  consume(batch: DataBatch, columns: ReadonlyMap<string, DecodedColumn>, rowsBefore: number): void {
    for (const checker of this.checkers) {
      const column = columns.get(checker.name);
      if (!column) continue;
      // A JSON Lines key first seen in a later batch was null in every earlier row.
      if (!checker.seen) checker.counts.nulls += rowsBefore;
      checker.consume(batch, column);
    }
  }

  report(dataset: Dataset, scan: ScanResult): ValidationReport {
    const { rows } = scan;
    const checks: ValidationCheck[] = [];
    const present = new Set(scan.columns);
    checks.push(
      check('min-rows', 'minRows', undefined, 'error', rows < this.rules.minRows ? 1 : 0, [], (failed) =>
        failed
          ? `${rows} rows, fewer than the minimum of ${this.rules.minRows}`
          : `${rows} rows (minimum ${this.rules.minRows})`,
      ),
    );
    for (const checker of this.checkers) {
      const { name, rule, counts, examples } = checker;
      const at = `columns.${name}`;
      if (!present.has(name)) {
        checks.push(
          check(
            'missing-column',
            `${at}.present`,
            name,
            rule.severity,
            1,
            [],
            () => `column "${name}" is missing from the data`,
          ),
        );
        continue;
      }
      const add = (
        ruleName: CheckRule,
        suffix: string,
        count: number,
        sample: ViolationExample[],
        message: string,
      ) => checks.push(check(ruleName, `${at}.${suffix}`, name, rule.severity, count, sample, () => message));
      add('type', 'type', counts.type, examples.type, `${counts.type} values are not of type ${rule.type}`);
      if (!rule.nullable)
        add(
          'nullable',
          'nullable',
          counts.nulls,
          examples.nulls,
          `${counts.nulls} null values (nullable: false)`,
        );
      if (rule.maxNullFraction !== undefined) {
        const fraction = rows === 0 ? 0 : counts.nulls / rows;
        add(
          'max-null-fraction',
          'maxNullFraction',
          fraction > rule.maxNullFraction ? counts.nulls : 0,
          [],
          `null fraction ${round(fraction)} (${counts.nulls} of ${rows}); at most ${rule.maxNullFraction} allowed`,
        );
      }
      if (rule.min !== undefined)
        add('min', 'min', counts.min, examples.min, `${counts.min} values below the minimum ${rule.min}`);
      if (rule.max !== undefined)
        add('max', 'max', counts.max, examples.max, `${counts.max} values above the maximum ${rule.max}`);
      if (rule.allowed !== undefined) {
        add(
          'allowed',
          'allowed',
          counts.allowed,
          examples.allowed,
          `${counts.allowed} values not among the allowed values`,
        );
      }
      if (rule.pattern !== undefined) {
        add(
          'pattern',
          'pattern',
          counts.pattern,
          examples.pattern,
          `${counts.pattern} values do not match /${rule.pattern}/`,
        );
      }
    }
    if (this.rules.unexpectedColumns !== 'allow') {
      const unexpected = scan.columns.filter(
        (name) => !(name in this.rules.columns) && name !== this.rules.label,
      );
      checks.push(
        check(
          'unexpected-columns',
          'unexpectedColumns',
          undefined,
          this.rules.unexpectedColumns === 'error' ? 'error' : 'warn',
          unexpected.length,
          [],
          () =>
            unexpected.length === 0
              ? 'no columns without a rule'
              : `columns without a rule: ${unexpected.map((n) => `"${n}"`).join(', ')}`,
        ),
      );
    }
    const verdict: Verdict = checks.some((c) => c.status === 'fail')
      ? 'fail'
      : checks.some((c) => c.status === 'warn')
        ? 'warn'
        : 'pass';
    return { verdict, source: dataset.name, rows, locationKind: dataset.locationKind, checks };
  }
}

const check = (
  rule: CheckRule,
  name: string,
  column: string | undefined,
  severity: 'error' | 'warn',
  violations: number,
  examples: ViolationExample[],
  message: (failed: boolean) => string,
): ValidationCheck => ({
  name,
  rule,
  ...(column === undefined ? {} : { column }),
  severity,
  status: violations === 0 ? 'pass' : severity === 'error' ? 'fail' : 'warn',
  violations,
  message:
    violations === 0 && rule !== 'min-rows' && rule !== 'unexpected-columns' ? 'ok' : message(violations > 0),
  examples,
});

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * Validates `dataset` against `rules`; other consumers (a profiler) may share the pass.
 *
 * @example
 *   const report = await validateDataset(openDataset('train.csv', { cwd }), spec.data);
 */
export const validateDataset = async (
  dataset: Dataset,
  rules: DataRules,
  alsoConsumers: readonly ColumnConsumer[] = [],
): Promise<ValidationReport> => {
  const validator = new Validator(rules);
  const scan = await scanColumns(dataset, [validator, ...alsoConsumers], {
    types: validator.types,
    ...(alsoConsumers.length === 0 ? { only: new Set(Object.keys(rules.columns)) } : {}),
  });
  return validator.report(dataset, scan);
};
