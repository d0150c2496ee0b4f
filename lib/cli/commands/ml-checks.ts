/**
 * `conveyor validate|profile|drift|gate`: the ML checks from any CI system. Exit 0 when the check
 * passes (or only warns), 1 when it fails, 2 on bad input. `--junit` writes one test case per rule
 * or gate.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { DataFormat } from '../../data/data-format';
import { openDataset } from '../../data/open-dataset';
import {
  appendToHistory,
  DRIFT_HISTORY_FORMAT,
  type DriftHistory,
  type DriftReport,
  detectDrift,
} from '../../drift/detect-drift';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { evaluateGates, type GateReport } from '../../gates/evaluate-gates';
import { loadEvaluation } from '../../gates/metrics-file';
import { type JunitCase, junitXml } from '../../junit/junit-xml';
import { type DataProfile, parseProfile, profileDataset } from '../../profile/profile-data';
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
              ? column.type === 'timestamp'
                ? `  ${name} (timestamp): ${column.count} values, ${column.nulls} nulls, from ${iso(column.min)} to ${iso(column.max)}`
                : `  ${name} (${column.type}): ${column.count} values, ${column.nulls} nulls, min ${column.min}, max ${column.max}, mean ${fixed(column.mean)}, std ${fixed(column.std)}`
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

  program
    .command('drift')
    .description('Compare current data with a reference (profile or data); exit 1 when drift is confirmed.')
    .requiredOption('--reference <file>', 'a profile JSON from `conveyor profile`, or a data file')
    .requiredOption('--current <data>', 'the current window of data (or captured predictions)')
    .option('--spec <file>', 'conveyor.yml: thresholds, minSamples, k-of-n window, features, column types')
    .option('--history <file>', 'JSON of earlier windows for the k-of-n rule; this window is appended to it')
    .option(
      '--format <format>',
      `format of the data files (${FORMATS.join(', ')}); from the names when absent`,
    )
    .option('--json', 'print the report as JSON')
    .option('--junit <file>', 'also write a JUnit XML report, one test case per feature')
    .action(
      async (options: {
        reference: string;
        current: string;
        spec?: string;
        history?: string;
        format?: string;
        json?: boolean;
        junit?: string;
      }) => {
        const spec = options.spec ? await loadSpec(resolve(io.cwd, options.spec), options.spec) : undefined;
        const monitoring = spec?.monitoring ?? defaultMonitoring;
        const types = spec
          ? Object.fromEntries(Object.entries(spec.data.columns).map(([n, r]) => [n, r.type]))
          : {};
        const format = formatOf(options.format, spec);
        const profileOf = async (location: string): Promise<DataProfile> =>
          location.toLowerCase().endsWith('.json')
            ? parseProfile(await readText(io.cwd, location), location)
            : profileDataset(openDataset(location, { cwd: io.cwd, format }), { types });
        const reference = await profileOf(options.reference);
        const current = await profileDataset(openDataset(options.current, { cwd: io.cwd, format }), {
          types,
        });
        const history = options.history ? await readHistory(io.cwd, options.history) : undefined;
        const ruled = Object.keys(spec?.data.columns ?? {}).filter((name) => name !== spec?.data.label);
        const features = monitoring.features ?? (ruled.length > 0 ? ruled : undefined);
        // Without a history there is one window only: the k-of-n rule needs --history to count windows.
        const settings = options.history ? monitoring : { ...monitoring, window: { k: 1, n: 1 } };
        const report = detectDrift(reference, current, settings, {
          ...(features ? { features } : {}),
          ...(monitoring.predictionColumn ? { predictionColumn: monitoring.predictionColumn } : {}),
          ...(history ? { history } : {}),
        });
        if (options.history) {
          await writeFile(
            resolve(io.cwd, options.history),
            `${JSON.stringify(appendToHistory(history, report), null, 2)}\n`,
          );
        }
        printResult(io, Boolean(options.json), report, formatDrift);
        if (options.junit) await writeJunit(io.cwd, options.junit, 'conveyor.drift', driftCases(report));
        exit(report.verdict === 'drift' ? ExitCode.checkFailed : ExitCode.ok);
      },
    );

  program
    .command('gate')
    .description("Judge a candidate model by the spec's quality gates; exit 1 when an enforced gate fails.")
    .requiredOption('--spec <file>', 'conveyor.yml with the gates')
    .requiredOption('--candidate <metrics>', 'metrics JSON of the candidate model')
    .option('--champion <metrics>', "metrics JSON of the current champion (none for a project's first model)")
    .option('--seed <n>', 'seed of the bootstrap resampling', (value) => parseSeed(value))
    .option('--json', 'print the report as JSON')
    .option('--junit <file>', 'also write a JUnit XML report, one test case per gate')
    .action(
      async (options: {
        spec: string;
        candidate: string;
        champion?: string;
        seed?: number;
        json?: boolean;
        junit?: string;
      }) => {
        const spec = await loadSpec(resolve(io.cwd, options.spec), options.spec);
        const candidate = await loadEvaluation(options.candidate, io.cwd);
        const champion = options.champion ? await loadEvaluation(options.champion, io.cwd) : undefined;
        const report = evaluateGates(spec.gates, candidate, champion, {
          ...(options.seed === undefined ? {} : { seed: options.seed }),
        });
        printResult(io, Boolean(options.json), report, formatGates);
        if (options.junit) await writeJunit(io.cwd, options.junit, 'conveyor.gate', gateCases(report));
        exit(report.verdict === 'fail' && report.enforced ? ExitCode.checkFailed : ExitCode.ok);
      },
    );
};

const defaultMonitoring = {
  thresholds: { psi: 0.2, ks: 0.1, wasserstein: 0.1, jensenShannon: 0.1 },
  minSamples: 500,
  window: { k: 2, n: 3 },
  features: undefined,
  predictionColumn: undefined,
} satisfies Pick<
  PipelineSpec['monitoring'],
  'thresholds' | 'minSamples' | 'window' | 'features' | 'predictionColumn'
>;

const parseSeed = (value: string): number => {
  if (!/^\d{1,9}$/.test(value))
    throw new InvalidInputError(`--seed must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
};

/** Reads a text file; a missing one gives `missing` when set, any other failure is an input error. */
const readText = async (cwd: string, file: string, missing?: string): Promise<string> => {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && missing !== undefined) return missing;
    throw new InvalidInputError(`cannot read ${file}: ${code ?? cause}`, { cause });
  }
};

/** The drift history of earlier windows; none yet when the file does not exist. */
const readHistory = async (cwd: string, file: string): Promise<DriftHistory | undefined> => {
  const text = await readText(cwd, file, '');
  if (text === '') return undefined;
  let history: DriftHistory | undefined;
  try {
    history = JSON.parse(text) as DriftHistory;
  } catch {
    history = undefined;
  }
  if (
    history?.format !== DRIFT_HISTORY_FORMAT ||
    !Array.isArray(history.windows) ||
    !history.windows.every((w) => Array.isArray(w?.drifted) && w.drifted.every((d) => typeof d === 'string'))
  ) {
    throw new InvalidInputError(`${file}: not a drift history written by conveyor drift --history`);
  }
  return history;
};

const formatDrift = (report: DriftReport): string => {
  const lines = [
    `drift ${report.reference} -> ${report.current}: ${report.verdict.toUpperCase()}${report.drifted.length > 0 ? ` (${report.drifted.join(', ')})` : ''}`,
  ];
  for (const f of report.features) {
    const m = f.metrics;
    const numbers =
      f.kind === 'numeric'
        ? `psi ${fixed(m.psi)}, ks ${fixed(m.ks ?? null)} (p ${sci(m.ksPValue)}), wasserstein ${fixed(m.wasserstein ?? null)}`
        : `psi ${fixed(m.psi)}, js ${fixed(m.jensenShannon ?? null)}, chi2 ${fixed(m.chiSquare ?? null)} (p ${sci(m.chiSquarePValue)})`;
    const label = f.confirmed
      ? 'DRIFT'
      : f.status === 'drift'
        ? 'drift'
        : f.status === 'insufficient-data'
          ? 'n/a  '
          : 'ok   ';
    lines.push(
      `  ${label} ${f.feature}${f.role === 'prediction' ? ' (prediction)' : ''}: ${numbers}; ${f.reason}`,
    );
  }
  return lines.join('\n');
};

const sci = (value: number | undefined): string => (value === undefined ? '-' : value.toPrecision(3));

const formatGates = (report: GateReport): string => {
  const head = `gates for ${report.candidate}${report.champion ? ` vs ${report.champion}` : ' (first model)'}: ${report.verdict.toUpperCase()}${report.enforced ? '' : ' (dry-run: not enforced)'}`;
  const label = { pass: 'ok  ', fail: report.enforced ? 'FAIL' : 'fail', skipped: 'skip' } as const;
  return [head, ...report.decisions.map((d) => `  ${label[d.status]}  ${d.name}: ${d.reason}`)].join('\n');
};

export const formatOf = (
  option: string | undefined,
  spec: PipelineSpec | undefined,
): DataFormat | undefined => {
  if (option === undefined) return spec?.data.format;
  if (!FORMATS.includes(option)) throw new InvalidInputError(`--format must be one of ${FORMATS.join(', ')}`);
  return option as DataFormat;
};

const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

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

const driftCases = (report: DriftReport): JunitCase[] =>
  report.features.map((f) => ({
    name: f.feature,
    status: f.confirmed ? 'fail' : f.status === 'insufficient-data' ? 'skipped' : 'pass',
    message: f.reason,
    details: `${f.reason}\n${JSON.stringify(f.metrics)}`,
  }));

/** A failing gate in dry-run is reported as skipped: it would fail, but does not stop the pipeline. */
const gateCases = (report: GateReport): JunitCase[] =>
  report.decisions.map((d) => ({
    name: d.name,
    status:
      d.status === 'fail'
        ? report.enforced
          ? 'fail'
          : 'skipped'
        : d.status === 'skipped'
          ? 'skipped'
          : 'pass',
    message: d.status === 'fail' && !report.enforced ? `dry-run, would fail: ${d.reason}` : d.reason,
    details: d.reason,
  }));

export const writeJunit = async (
  cwd: string,
  file: string,
  suite: string,
  cases: JunitCase[],
): Promise<void> => {
  await writeFile(resolve(cwd, file), junitXml(suite, cases));
};
