import { join } from 'node:path';
import { openDataset } from '../../../lib/data/open-dataset';
import { loadSpec } from '../../../lib/spec/load-spec';
import type { ColumnRule } from '../../../lib/spec/schema';
import { validateDataset } from '../../../lib/validation/validate-data';
import { folderWith } from '../../helpers/datasets';

const fixtures = join(__dirname, '../../fixtures/data');

const validate = async (
  file: string,
  edit: (spec: Awaited<ReturnType<typeof loadSpec>>) => void = () => {},
) => {
  const spec = await loadSpec(join(fixtures, 'customers.conveyor.yml'));
  edit(spec);
  const report = await validateDataset(openDataset(file, { cwd: fixtures }), spec.data);
  const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
  return { report, byName };
};

describe('data validation', () => {
  it('passes clean data, with one passing check per rule', async () => {
    const { report } = await validate('clean.csv');

    expect(report.verdict).toBe('pass');
    expect(report.rows).toBe(3);
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual([
      'minRows',
      'columns.id.type',
      'columns.id.nullable',
      'columns.age.type',
      'columns.age.nullable',
      'columns.age.min',
      'columns.age.max',
      'columns.plan.type',
      'columns.plan.allowed',
      'columns.email.type',
      'columns.email.pattern',
      'columns.spend.type',
      'columns.spend.maxNullFraction',
      'columns.spend.min',
      'columns.signup.type',
      'columns.churned.type',
      'columns.churned.nullable',
      'unexpectedColumns',
    ]);
  });

  it('counts each violation and shows the offending lines and values', async () => {
    const { report, byName } = await validate('customers.csv');

    expect(report.verdict).toBe('fail');
    expect(byName['columns.age.type']).toMatchObject({
      status: 'fail',
      violations: 1,
      examples: [{ location: 5, value: 'old' }],
    });
    expect(byName['columns.age.nullable']).toMatchObject({
      violations: 1,
      examples: [{ location: 6, value: null }],
    });
    expect(byName['columns.age.min']).toMatchObject({
      violations: 1,
      examples: [{ location: 3, value: '17' }],
    });
    expect(byName['columns.age.max']).toMatchObject({ status: 'pass', violations: 0 });
    expect(byName['columns.plan.allowed']).toMatchObject({
      violations: 1,
      examples: [{ location: 4, value: 'gold' }],
    });
    expect(byName['columns.signup.type']).toMatchObject({
      violations: 1,
      examples: [{ location: 5, value: 'yesterday' }],
    });
  });

  it('only warns for rules of severity warn', async () => {
    const { byName } = await validate('customers.csv');

    expect(byName['columns.email.pattern']).toMatchObject({
      status: 'warn',
      severity: 'warn',
      violations: 1,
    });
    expect(byName['columns.spend.min']).toMatchObject({ status: 'warn', violations: 1 });
    // 1 null in 5 rows is 0.2, above the 0.1 allowed.
    expect(byName['columns.spend.maxNullFraction']).toMatchObject({
      status: 'warn',
      message: 'null fraction 0.2 (1 of 5); at most 0.1 allowed',
    });
    expect(byName.unexpectedColumns).toMatchObject({
      status: 'warn',
      message: 'columns without a rule: "referrer"',
    });
  });

  it('gives the verdict warn when only warn rules are violated', async () => {
    const { report } = await validate('clean.csv', (spec) => {
      spec.data.minRows = 1;
      (spec.data.columns.email as { pattern?: string }).pattern = '^nobody$';
    });

    expect(report.verdict).toBe('warn');
  });

  it('fails on too few rows and on a missing column', async () => {
    const { report, byName } = await validate('clean.csv', (spec) => {
      spec.data.minRows = 10;
      spec.data.columns.region = { type: 'string', nullable: true, severity: 'error' };
    });

    expect(report.verdict).toBe('fail');
    expect(byName.minRows).toMatchObject({ status: 'fail', message: '3 rows, fewer than the minimum of 10' });
    expect(byName['columns.region.present']).toMatchObject({
      status: 'fail',
      rule: 'missing-column',
      message: 'column "region" is missing from the data',
    });
  });

  it('fails unexpected columns when the spec says error, and ignores them when it says allow', async () => {
    const failing = await validate('customers.csv', (spec) => {
      spec.data.unexpectedColumns = 'error';
    });
    const allowing = await validate('customers.csv', (spec) => {
      spec.data.unexpectedColumns = 'allow';
    });

    expect(failing.byName.unexpectedColumns?.status).toBe('fail');
    expect(allowing.byName.unexpectedColumns).toBeUndefined();
  });

  it('validates Parquet data, giving row numbers', async () => {
    const spec = await loadSpec(join(fixtures, 'customers.conveyor.yml'));
    const report = await validateDataset(openDataset('customers.parquet', { cwd: fixtures }), {
      ...spec.data,
      columns: {
        age: { type: 'integer', nullable: false, min: 18, severity: 'error' },
        plan: spec.data.columns.plan as ColumnRule,
      },
      unexpectedColumns: 'allow',
    });

    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(report.locationKind).toBe('row');
    expect(byName['columns.age.min']).toMatchObject({
      violations: 1,
      examples: [{ location: 8, value: '12' }],
    });
    expect(byName['columns.plan.allowed']).toMatchObject({
      violations: 1,
      examples: [{ location: 10, value: 'gold' }],
    });
  });
});

describe('data validation of JSON Lines', () => {
  it('counts a key missing from earlier batches as nulls in those rows', async () => {
    const early = Array.from({ length: 9000 }, (_, i) => JSON.stringify({ id: i + 1 })).join('\n');
    const dir = folderWith({ 'd.jsonl': `${early}\n{"id":9001,"age":40}\n` });

    const report = await validateDataset(openDataset('d.jsonl', { cwd: dir }), {
      label: 'id',
      minRows: 1,
      unexpectedColumns: 'allow',
      columns: { age: { type: 'integer', nullable: true, maxNullFraction: 0.5, severity: 'error' } },
    });

    expect(report.checks.find((c) => c.name === 'columns.age.maxNullFraction')).toMatchObject({
      status: 'fail',
      message: 'null fraction 0.999889 (9000 of 9001); at most 0.5 allowed',
    });
  });
});

describe('data validation across batches', () => {
  it('finds a value outside the allowed list after many batches of allowed values', async () => {
    // About 1.5 MB: more than one 1 MB read, so more than one batch.
    const good = Array.from({ length: 150_000 }, (_, i) => `${i},${['a', 'b'][i % 2]}`).join('\n');
    const dir = folderWith({ 'd.csv': `id,kind\n${good}\n150000,c\n150001,a\n` });

    const report = await validateDataset(openDataset('d.csv', { cwd: dir }), {
      label: 'id',
      minRows: 1,
      unexpectedColumns: 'allow',
      columns: { kind: { type: 'string', nullable: false, allowed: ['a', 'b'], severity: 'error' } },
    });

    expect(report.checks.find((c) => c.name === 'columns.kind.allowed')).toMatchObject({
      violations: 1,
      examples: [{ location: 150_002, value: 'c' }],
    });
  });
});
