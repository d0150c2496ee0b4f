/**
 * `conveyor validate|profile|drift|gate`: the ML checks from any CI system. Exit 0 when the check
 * passes (or only warns), 1 when it fails, 2 on bad input. `--junit` writes one test case per rule
 * or gate.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type DataFormat, openDataset } from '../../data/open-dataset';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { type JunitCase, junitXml } from '../../junit/junit-xml';
import { profileDataset } from '../../profile/profile-data';
import { loadSpec } from '../../spec/load-spec';
import type { PipelineSpec } from '../../spec/schema';
import { checkRuleTypes } from '../../validation/rule-types';
import { type ValidationReport, validateDataset } from '../../validation/validate-data';
import { ExitCode, printResult } from '../io';
import type { CliContext } from '../program';

const FORMATS = ['csv', 'jsonl', 'parquet'];

export const registerMlCheckCommands = (program: Command, ctx: CliContext): void => {
  const { io, exit } = ctx;

  program
    .command('validate')
    .description("Validate a data file against the spec's data rules; exit 1 when an error rule fails.")
    .argument('<data>', 'CSV, JSON Lines or Parquet file (optionally .gz), local or s3://bucket/key')
    .requiredOption('--spec <file>', 'conveyor.yml with the data rules')
    .option('--format <format>', `data format (${FORMATS.join(', ')}); from the name when absent`)
    .option('--json', 'print the report as JSON')
    .option('--junit <file>', 'also write a JUnit XML report, one test case per rule')
    .action(
      async (data: string, options: { spec: string; format?: string; json?: boolean; junit?: string }) => {
        const spec = await loadSpec(resolve(io.cwd, options.spec), options.spec);
        checkRuleTypes(spec.data.columns, options.spec);
        const dataset = openDataset(data, { cwd: io.cwd, format: formatOf(options.format, spec) });
        const report = await validateDataset(dataset, spec.data);
        printResult(io, Boolean(options.json), report, formatValidation);
        if (options.junit)
          await writeJunit(io.cwd, options.junit, 'conveyor.validate', validationCases(report));
        exit(report.verdict === 'fail' ? ExitCode.checkFailed : ExitCode.ok);
      },
    );

  program
    .command('profile')
    .description('Profile a data file (counts, nulls, range, mean, std, quantiles, histograms, top values).')
    .argument('<data>', 'CSV, JSON Lines or Parquet file (optionally .gz), local or s3://bucket/key')
    .requiredOption('--out <file>', 'where to write the profile JSON')
    .option('--spec <file>', 'conveyor.yml whose column types to use (inferred otherwise)')
    .option('--format <format>', `data format (${FORMATS.join(', ')}); from the name when absent`)
    .action(async (data: string, options: { out: string; spec?: string; format?: string }) => {
      const spec = options.spec ? await loadSpec(resolve(io.cwd, options.spec), options.spec) : undefined;
      const dataset = openDataset(data, { cwd: io.cwd, format: formatOf(options.format, spec) });
      const types = spec
        ? Object.fromEntries(Object.entries(spec.data.columns).map(([n, r]) => [n, r.type]))
        : {};
      const profile = await profileDataset(dataset, { types });
      await writeFile(resolve(io.cwd, options.out), `${JSON.stringify(profile, null, 2)}\n`);
      io.stdout(
        [
          `${data}: ${profile.rows} rows, ${Object.keys(profile.columns).length} columns -> ${options.out}`,
          ...Object.entries(profile.columns).map(([name, column]) =>
            column.kind === 'numeric'
              ? `  ${name} (${column.type}): ${column.count} values, ${column.nulls} nulls, min ${column.min}, max ${column.max}, mean ${fixed(column.mean)}, std ${fixed(column.std)}`
              : `  ${name} (string): ${column.count} values, ${column.nulls} nulls, ${column.distinct} distinct, top ${column.top
                  .slice(0, 3)
                  .map((t) => `${t.value} (${t.count})`)
                  .join(', ')}`,
          ),
          '',
        ].join('\n'),
      );
      exit(ExitCode.ok);
    });
};

export const formatOf = (
  option: string | undefined,
  spec: PipelineSpec | undefined,
): DataFormat | undefined => {
  if (option === undefined) return spec?.data.format;
  if (!FORMATS.includes(option)) throw new InvalidInputError(`--format must be one of ${FORMATS.join(', ')}`);
  return option as DataFormat;
};

const fixed = (value: number | null): string =>
  value === null ? '-' : String(Math.round(value * 1e4) / 1e4);

const STATUS_LABEL = { pass: 'ok  ', warn: 'WARN', fail: 'FAIL' } as const;

const formatValidation = (report: ValidationReport): string => {
  const lines = [`${report.source}: ${report.rows} rows, verdict ${report.verdict.toUpperCase()}`];
  for (const check of report.checks) {
    const examples = check.examples
      .map(
        (e) => `${report.locationKind} ${e.location}: ${e.value === null ? 'null' : JSON.stringify(e.value)}`,
      )
      .join('; ');
    lines.push(
      `  ${STATUS_LABEL[check.status]}  ${check.name}: ${check.message}${examples ? ` (${examples})` : ''}`,
    );
  }
  return lines.join('\n');
};

const validationCases = (report: ValidationReport): JunitCase[] =>
  report.checks.map((check) => ({
    name: check.name,
    status: check.status === 'fail' ? 'fail' : 'pass',
    message: check.message,
    details: [
      `${check.message} (severity ${check.severity}, ${check.violations} violations)`,
      ...check.examples.map(
        (e) => `${report.locationKind} ${e.location}: ${e.value === null ? 'null' : JSON.stringify(e.value)}`,
      ),
    ].join('\n'),
  }));

export const writeJunit = async (
  cwd: string,
  file: string,
  suite: string,
  cases: JunitCase[],
): Promise<void> => {
  await writeFile(resolve(cwd, file), junitXml(suite, cases));
};
