/**
 * The ML checks on real data: 3,000,000 US flights (vega-datasets, flights-3m.parquet), converted
 * once to CSV. Workloads, each in its own process so peak memory is its own:
 * - validate + profile the CSV (types, nulls, ranges, allowed airports, ISO dates; mean, std, min,
 *   max, quantiles, 20-bin histograms, value counts), against pandas;
 * - drift between the first and the last 1.5 million rows (KS, PSI, Wasserstein on delay, distance
 *   and hour of day; Jensen-Shannon, chi-square, PSI on origin and destination), against
 *   numpy/scipy, checking that both give the same values.
 * Peers run with the system Python (/usr/bin/python3) that Debian's python3-pandas and
 * python3-scipy install into.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellText } from '../lib/data/batch';
import { CELL_OK } from '../lib/data/decode';
import { openDataset } from '../lib/data/open-dataset';
import { type DecodedColumn, scanColumns } from '../lib/data/scan-columns';
import { StringDictionary } from '../lib/data/string-dictionary';
import { detectDrift } from '../lib/drift/detect-drift';
import { CategoricalAccumulator, NumericAccumulator } from '../lib/profile/column-profiles';
import { type DataProfile, PROFILE_FORMAT, Profiler } from '../lib/profile/profile-data';
import { validateDataset } from '../lib/validation/validate-data';

const PYTHON = '/usr/bin/python3';
const ROWS = 3_000_000;
const HALF = ROWS / 2;
const root = process.cwd();
const cacheDir = join(root, 'node_modules/.cache/conveyor-bench');
const csvPath = join(cacheDir, 'flights-3m.csv');
const airportsPath = join(cacheDir, 'flights-3m-airports.json');

interface WorkloadResult {
  seconds: number;
  /** CPU time of the whole process during the work (all threads), less sensitive to a busy machine. */
  cpuSeconds: number;
  peakRssMb: number;
  values?: Record<string, Record<string, number>>;
  summary?: Record<string, unknown>;
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Starts timing; the result gives wall and CPU seconds since the start. */
const stopwatch = () => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  };
};

/** Converts the Parquet file to CSV once (date as ISO 8601), and lists the airports seen. */
const prepare = async (): Promise<void> => {
  if (existsSync(csvPath) && existsSync(airportsPath)) return;
  const parquet = join(root, 'node_modules/vega-datasets/data/flights-3m.parquet');
  if (!existsSync(parquet)) throw new Error(`${parquet} is missing: run npm ci`);
  mkdirSync(cacheDir, { recursive: true });
  process.stdout.write(`converting ${parquet} to ${csvPath} (once)...\n`);
  const partial = `${csvPath}.partial`;
  const out = createWriteStream(partial);
  const airports = new Set<string>();
  let header = false;
  for await (const batch of openDataset(parquet, { cwd: root }).batches()) {
    if (!header) {
      out.write(`${batch.columns.join(',')}\n`);
      header = true;
    }
    const columns = batch.columns.map((_, c) => batch.column(c));
    let text = '';
    for (let i = 0; i < batch.rowCount; i++) {
      const date = (cellText(columns[0], i) ?? '').slice(0, 19);
      const rest = columns.slice(1).map((column) => cellText(column, i) ?? '');
      airports.add(rest[2] as string).add(rest[3] as string);
      text += `${date},${rest.join(',')}\n`;
      if (text.length > 1 << 20) {
        if (!out.write(text)) await new Promise<void>((done) => out.once('drain', () => done()));
        text = '';
      }
    }
    out.write(text);
  }
  await new Promise<void>((done, fail) => out.end((error?: Error | null) => (error ? fail(error) : done())));
  renameSync(partial, csvPath);
  writeFileSync(airportsPath, JSON.stringify([...airports].sort()));
};

const flightRules = (airports: string[]) => ({
  label: 'delay',
  minRows: 1,
  unexpectedColumns: 'error' as const,
  columns: {
    date: { type: 'timestamp' as const, nullable: false, severity: 'error' as const },
    delay: { type: 'integer' as const, nullable: false, min: -1440, max: 2880, severity: 'error' as const },
    distance: { type: 'integer' as const, nullable: false, min: 0, max: 6000, severity: 'error' as const },
    origin: { type: 'string' as const, nullable: false, allowed: airports, severity: 'error' as const },
    destination: { type: 'string' as const, nullable: false, allowed: airports, severity: 'error' as const },
  },
});

const validateAndProfile = async (): Promise<WorkloadResult> => {
  const airports = JSON.parse(readFileSync(airportsPath, 'utf8')) as string[];
  const stop = stopwatch();
  const profiler = new Profiler();
  const dataset = openDataset(csvPath, { cwd: root });
  const report = await validateDataset(dataset, flightRules(airports), [profiler]);
  const profile = profiler.result(dataset.name, report.rows, [
    'date',
    'delay',
    'distance',
    'origin',
    'destination',
  ]);
  const elapsed = stop();
  const numeric = (name: string) => {
    const c = profile.columns[name];
    return c?.kind === 'numeric'
      ? { mean: c.mean, std: c.std, quantiles: Object.values(c.quantiles), histogram: c.histogram.counts }
      : {};
  };
  const origin = profile.columns.origin;
  return {
    ...elapsed,
    peakRssMb: peakRssMb(),
    summary: {
      verdict: report.verdict,
      rows: report.rows,
      violations: report.checks.reduce((sum, c) => sum + c.violations, 0),
      delay: numeric('delay'),
      distance: numeric('distance'),
      originTop: origin?.kind === 'categorical' ? origin.top.map((t) => [t.value, t.count]) : [],
    },
  };
};

const HOUR_MS = 3_600_000;
const NUMERIC = ['delay', 'distance', 'hour'] as const;
const CATEGORICAL = ['origin', 'destination'] as const;
/** The flights columns as both scans declare them. */
const COLUMN_TYPES = {
  date: 'timestamp',
  delay: 'integer',
  distance: 'integer',
  origin: 'string',
  destination: 'string',
} as const;

/** Accumulators of one half of the data. */
const half = () => ({
  numeric: Object.fromEntries(NUMERIC.map((n) => [n, new NumericAccumulator('integer')])) as Record<
    (typeof NUMERIC)[number],
    NumericAccumulator
  >,
  categorical: Object.fromEntries(CATEGORICAL.map((n) => [n, new CategoricalAccumulator()])) as Record<
    (typeof CATEGORICAL)[number],
    CategoricalAccumulator
  >,
});

const profileOf = (name: string, acc: ReturnType<typeof half>): DataProfile => ({
  format: PROFILE_FORMAT,
  source: name,
  rows: HALF,
  columns: {
    ...Object.fromEntries(NUMERIC.map((n) => [n, acc.numeric[n].result()])),
    ...Object.fromEntries(CATEGORICAL.map((n) => [n, acc.categorical[n].result()])),
  },
});

const driftValues = (reference: DataProfile, current: DataProfile) => {
  const report = detectDrift(reference, current, {
    thresholds: { psi: 0.2, ks: 0.1, wasserstein: 0.1, jensenShannon: 0.1 },
    minSamples: 500,
    window: { k: 1, n: 1 },
  });
  return Object.fromEntries(report.features.map((f) => [f.feature, f.metrics as Record<string, number>]));
};

const hourOf = (dates: Float64Array, state: Uint8Array, rows: number, out: Float64Array) => {
  for (let i = 0; i < rows; i++)
    if (state[i] === CELL_OK) out[i] = Math.floor((dates[i] as number) / HOUR_MS) % 24;
};

/** Drift end to end: stream the CSV, route each row to its half's accumulators, compare. */
const driftEndToEnd = async (): Promise<WorkloadResult> => {
  const stop = stopwatch();
  const halves = [half(), half()] as const;
  let hours = new Float64Array(0);
  await scanColumns(
    openDataset(csvPath, { cwd: root }),
    [
      {
        consume: (batch, columns, before) => {
          const rows = batch.rowCount;
          const split = Math.min(Math.max(HALF - before, 0), rows);
          const date = columns.get('date') as DecodedColumn;
          if (hours.length < rows) hours = new Float64Array(rows);
          hourOf(date.values, date.state, rows, hours);
          const parts: [ReturnType<typeof half>, number, number][] = [
            [halves[0], 0, split],
            [halves[1], split, rows],
          ];
          for (const [acc, from, to] of parts) {
            if (from === to) continue;
            acc.numeric.delay.add(columns.get('delay') as DecodedColumn, to, from);
            acc.numeric.distance.add(columns.get('distance') as DecodedColumn, to, from);
            acc.numeric.hour.add({ values: hours, state: date.state }, to, from);
            for (const name of CATEGORICAL)
              acc.categorical[name].add(columns.get(name) as DecodedColumn, to, from);
          }
        },
      },
    ],
    { types: COLUMN_TYPES },
  );
  const values = driftValues(profileOf('first half', halves[0]), profileOf('last half', halves[1]));
  return { ...stop(), peakRssMb: peakRssMb(), values };
};

/** Drift statistics only: from columns already in memory (as the peer starts from numpy arrays). */
const driftStatistics = async (): Promise<WorkloadResult> => {
  const columns: Record<
    string,
    { values: Float64Array; codes: Int32Array; state: Uint8Array; dictionary: StringDictionary }
  > = {};
  for (const name of ['hour', ...NUMERIC, ...CATEGORICAL]) {
    columns[name] = {
      values: new Float64Array(ROWS),
      codes: new Int32Array(ROWS),
      state: new Uint8Array(ROWS),
      dictionary: new StringDictionary(),
    };
  }
  await scanColumns(
    openDataset(csvPath, { cwd: root }),
    [
      {
        consume: (batch, decoded, before) => {
          for (const [name, column] of decoded) {
            const target = columns[name === 'date' ? 'hour' : name] as (typeof columns)[string];
            target.state.set(column.state.subarray(0, batch.rowCount), before);
            if (name === 'date')
              hourOf(column.values, column.state, batch.rowCount, target.values.subarray(before));
            else if (column.type === 'string')
              target.codes.set(column.codes.subarray(0, batch.rowCount), before);
            else target.values.set(column.values.subarray(0, batch.rowCount), before);
            target.dictionary = column.dictionary;
          }
        },
      },
    ],
    { types: COLUMN_TYPES },
  );
  const stop = stopwatch();
  const halves = [half(), half()] as const;
  halves.forEach((acc, k) => {
    for (const name of NUMERIC)
      acc.numeric[name].add(columns[name] as DecodedColumn, (k + 1) * HALF, k * HALF);
    for (const name of CATEGORICAL)
      acc.categorical[name].add(columns[name] as DecodedColumn, (k + 1) * HALF, k * HALF);
  });
  const values = driftValues(profileOf('first half', halves[0]), profileOf('last half', halves[1]));
  return { ...stop(), peakRssMb: peakRssMb(), values };
};

const WORKLOADS: Record<string, () => Promise<WorkloadResult>> = {
  'validate-profile': validateAndProfile,
  'drift-e2e': driftEndToEnd,
  'drift-stats': driftStatistics,
};

// The machine is shared: each side runs RUNS times and keeps its fastest run (and its highest peak).
const RUNS = 3;

const best = <T extends { seconds: number; peak: number }>(runs: T[]): T => {
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...fastest, peak: Math.max(...runs.map((r) => r.peak)) };
};

const runChild = (workload: string): WorkloadResult => {
  const runs = Array.from({ length: RUNS }, () => {
    const result = spawnSync(process.execPath, [__filename, workload], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (result.status !== 0) throw new Error(`${workload} failed: ${result.stderr}`);
    const parsed = JSON.parse(result.stdout) as WorkloadResult;
    return { ...parsed, peak: parsed.peakRssMb };
  });
  const fastest = best(runs);
  return { ...fastest, peakRssMb: fastest.peak };
};

const peerAvailable = (): boolean =>
  spawnSync(PYTHON, ['-c', 'import pandas, scipy, numpy'], { encoding: 'utf8' }).status === 0;

const runPeer = (script: string, ...args: string[]) => {
  const runs = Array.from({ length: RUNS }, () => {
    const result = spawnSync(PYTHON, [join(root, 'bench/peers', script), ...args], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
    const parsed = JSON.parse(result.stdout.trim().split('\n').pop() as string);
    const seconds: number = parsed.seconds ?? parsed.load_seconds + parsed.stats_seconds;
    return { ...parsed, seconds, peak: parsed.peak_rss_mb as number };
  });
  const fastest = best(runs);
  // The drift peer's statistics phase is compared on its own: its fastest, from any run.
  const statsSeconds = Math.min(...runs.map((r) => r.stats_seconds ?? Number.POSITIVE_INFINITY));
  return { ...fastest, peak_rss_mb: fastest.peak, stats_seconds: statsSeconds };
};

const main = async () => {
  await prepare();
  const rows: string[][] = [
    [
      'workload (best of 3 runs)',
      'Conveyor',
      'peer',
      'ratio',
      'CPU time (Conveyor / peer)',
      'peak memory (Conveyor / peer)',
      'target',
    ],
  ];
  const s = (seconds: number) => `${seconds.toFixed(2)} s`;
  const mb = (value: number) => `${Math.round(value)} MB`;
  const peer = peerAvailable();
  const validate = runChild('validate-profile');
  const e2e = runChild('drift-e2e');
  const statsOnly = runChild('drift-stats');
  if (!peer) {
    rows.push([
      'validate + profile CSV',
      s(validate.seconds),
      'pandas not installed',
      '-',
      s(validate.cpuSeconds),
      mb(validate.peakRssMb),
      '<= 150 MB',
    ]);
    rows.push(['drift, statistics only', s(statsOnly.seconds), 'scipy not installed', '-', '-', '-', '']);
    rows.push([
      'drift, end to end from CSV',
      s(e2e.seconds),
      'scipy not installed',
      '-',
      s(e2e.cpuSeconds),
      mb(e2e.peakRssMb),
      '',
    ]);
    printTable(rows);
    process.stdout.write(
      `\nThe peers are not installed: apt-get install -y python3-pandas python3-scipy (they run with ${PYTHON}).\n`,
    );
    return;
  }
  const pandas = runPeer('validate_profile_pandas.py', csvPath, airportsPath);
  const scipy = runPeer('drift_scipy.py', csvPath);
  rows.push([
    'validate + profile CSV (pandas)',
    s(validate.seconds),
    s(pandas.seconds),
    (validate.seconds / pandas.seconds).toFixed(2),
    `${s(validate.cpuSeconds)} / ${s(pandas.cpu_seconds)}`,
    `${mb(validate.peakRssMb)} / ${mb(pandas.peak_rss_mb)}`,
    '<= 0.5, <= 150 MB',
  ]);
  rows.push([
    'drift, statistics only (scipy)',
    s(statsOnly.seconds),
    s(scipy.stats_seconds),
    (statsOnly.seconds / scipy.stats_seconds).toFixed(3),
    '-',
    '-',
    '<= 0.25',
  ]);
  rows.push([
    'drift, end to end from CSV (pandas + scipy)',
    s(e2e.seconds),
    s(scipy.seconds),
    (e2e.seconds / scipy.seconds).toFixed(3),
    `${s(e2e.cpuSeconds)} / ${s(scipy.cpu_seconds)}`,
    `${mb(e2e.peakRssMb)} / ${mb(scipy.peak_rss_mb)}`,
    '<= 0.25',
  ]);
  printTable(rows);
  // Same values as the peer: drift statistics to 1e-6, and the profile's summary statistics.
  let worst = 0;
  let where = '';
  for (const [feature, metrics] of Object.entries(scipy.values as Record<string, Record<string, number>>)) {
    for (const [metric, expected] of Object.entries(metrics)) {
      for (const actual of [e2e.values?.[feature]?.[metric], statsOnly.values?.[feature]?.[metric]]) {
        const difference = Math.abs((actual ?? Number.NaN) - expected);
        if (!(difference <= worst)) {
          worst = difference;
          where = `${feature}.${metric}`;
        }
      }
    }
  }
  process.stdout.write(
    `\ndrift values vs scipy: max abs difference ${worst.toExponential(2)} (${where}) ${worst <= 1e-6 ? 'OK (<= 1e-6)' : 'MISMATCH'}\n`,
  );
  const summary = validate.summary as {
    delay: { mean: number; std: number; quantiles: number[]; histogram: number[] };
    distance: { mean: number; std: number; quantiles: number[]; histogram: number[] };
    rows: number;
    verdict: string;
    violations: number;
  };
  let profileWorst = 0;
  for (const name of ['delay', 'distance'] as const) {
    const ours = summary[name];
    const theirs = pandas.result[name];
    profileWorst = Math.max(profileWorst, Math.abs(ours.mean - theirs.mean), Math.abs(ours.std - theirs.std));
    ours.quantiles.forEach((q, i) => {
      profileWorst = Math.max(profileWorst, Math.abs(q - theirs.quantiles[i]));
    });
    ours.histogram.forEach((count, i) => {
      profileWorst = Math.max(profileWorst, Math.abs(count - theirs.histogram[i]));
    });
  }
  process.stdout.write(
    `profile vs pandas (mean, std, quantiles, histogram counts of delay and distance): max abs difference ${profileWorst.toExponential(2)}; validation: ${summary.rows} rows, verdict ${summary.verdict}, ${summary.violations} violations\n`,
  );
};

const printTable = (rows: string[][]) => {
  const widths = (rows[0] as string[]).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c] as number)).join(' | ')} |`;
  process.stdout.write(
    `${[line(rows[0] as string[]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n')}\n`,
  );
};

const workload = process.argv[2];
if (workload !== undefined) {
  const run = WORKLOADS[workload];
  if (!run) throw new Error(`unknown workload ${workload}`);
  run().then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
} else {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
    process.exitCode = 1;
  });
}
