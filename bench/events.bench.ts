import type { AdmissionDeps } from '../lib/events/admission/admission-deps';
import { admitEvent } from '../lib/events/admission/admit-event';
import { flushDueTriggers } from '../lib/events/admission/flush-due-triggers';
import { MemoryPipelineStarter } from '../lib/events/admission/memory-pipeline-starter';
import { onRunEnded } from '../lib/events/admission/on-run-ended';
import { SpecCatalog } from '../lib/events/admission/spec-catalog';
import { compilePattern } from '../lib/events/pattern/compile-pattern';
import { createDynamoDBStateStore } from '../lib/store/dynamodb/dynamodb-state-store';
import { createMemoryStateStore } from '../lib/store/memory/memory-state-store';
import type { StateStore } from '../lib/store/ports';
import { registerModels, specFor, TestClock } from '../test/helpers/admission';
import { type AdmissionLoad, admissionLoad, arrivalBurst } from '../test/helpers/admission-load';
import { createStateTable, dynaliteClient } from '../test/helpers/dynalite';
import { startDynaliteProcess } from './dynalite-process';

const rows: [string, string, string, string][] = [];

/** Admission on `store`, with a hand-moved clock and executions kept in memory. */
const benchDeps = (store: StateStore) => {
  const clock = new TestClock();
  const starter = new MemoryPipelineStarter();
  const deps: AdmissionDeps = {
    store,
    specs: new SpecCatalog(store.models, 30_000),
    starter,
    stateMachine: 'bench',
    environment: 'prod',
    clock: clock.now,
    logger: { info: () => {}, warn: () => {} },
  };
  return { clock, starter, deps };
};

/** dynalite in its own process, and a client that counts the requests it sends. */
const countingDynalite = async () => {
  const dynalite = await startDynaliteProcess();
  const client = dynaliteClient(dynalite.endpoint);
  const counter = { requests: 0 };
  client.middlewareStack.add(
    (next) => (args) => {
      counter.requests++;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const newStore = async () => {
    const { documentClient, tableName } = await createStateTable(client);
    return createDynamoDBStateStore(documentClient, tableName);
  };
  return { stop: () => dynalite.stop(), requests: () => counter.requests, newStore };
};

/** Delivers the load burst by burst and checks every outcome; the row for the table. */
const runAdmission = async (store: StateStore, label: string, requests: () => number) => {
  const load = admissionLoad(1000, 20, 0.3);
  await registerModels(
    store,
    load.models.map((m) => specFor(m, { retraining: { dataArrival: { debounce: 0 } } })),
  );
  const { clock, starter, deps } = benchDeps(store);

  const before = requests();
  const started = performance.now();
  const outcomes = [];
  for (const burst of load.bursts) {
    outcomes.push(...(await Promise.all(burst.map((event) => admitEvent(event, deps)))).flat());
  }
  const seconds = (performance.now() - started) / 1000;
  const perEvent = (requests() - before) / 1000;

  // Exact outcomes: every duplicate rejected, one run per model, the rest queued for it, then
  // exactly one follow-up run per model when the runs end.
  const runs = (await Promise.all(load.models.map((m) => store.runs.listRuns(m)))).flat();
  const queued = (await Promise.all(load.models.map((m) => store.triggers.list(m, 'prod')))).flat();
  const inRuns = runs.reduce((n, r) => n + (r.triggerSummary?.count ?? r.triggers.length), 0);
  const duplicates = outcomes.filter((o) => o.outcome === 'duplicate').length;
  const exact =
    duplicates === load.duplicates && runs.length === 20 && inRuns + queued.length === load.distinct;
  clock.advance(60);
  const followUps = await Promise.all(runs.map((r) => onRunEnded(r, deps)));
  const allStarted = followUps.every((f) => f.status === 'started') && starter.executions.size === 40;
  rows.push([
    `admission on ${label} (1,000 deliveries, 20 models, 30% duplicates, bursts of 100)`,
    `${Math.round(1000 / seconds)} events/s${perEvent ? ` (${perEvent.toFixed(2)} DynamoDB requests/event)` : ''}`,
    '>= 500 events/s',
    exact && allStarted ? 'outcomes exact' : 'OUTCOMES WRONG',
  ]);
};

const benchAdmission = async () => {
  const dynalite = await countingDynalite();
  try {
    await runAdmission(await dynalite.newStore(), 'DynamoDB (dynalite)', dynalite.requests);
  } finally {
    dynalite.stop();
  }
  await runAdmission(createMemoryStateStore(), 'the memory store', () => 0);
};

/**
 * A burst of arrivals inside one debounce window, then the sweep that closes it: exactly one run per
 * model, each referencing every distinct arrival of its model, the queues empty, every trigger decided.
 */
const runBurst = async (store: StateStore, label: string, load: AdmissionLoad, requests: () => number) => {
  await registerModels(
    store,
    load.models.map((m) => specFor(m, { retraining: { dataArrival: { debounce: 300 } } })),
  );
  const { clock, starter, deps } = benchDeps(store);
  const deliveries = load.distinct + load.duplicates;
  const before = requests();
  const started = performance.now();
  const outcomes = [];
  for (const burst of load.bursts) {
    outcomes.push(...(await Promise.all(burst.map((event) => admitEvent(event, deps)))).flat());
  }
  clock.advance(300);
  const swept = await flushDueTriggers(deps);
  const seconds = (performance.now() - started) / 1000;
  const perEvent = (requests() - before) / deliveries;

  const runs = (await Promise.all(load.models.map((m) => store.runs.listRuns(m)))).flat();
  const inRuns = (await Promise.all(runs.map((r) => store.runs.listTriggers(r)))).flat();
  const queued = (await Promise.all(load.models.map((m) => store.triggers.list(m, 'prod')))).flat();
  const decisions = (await Promise.all(load.models.map((m) => store.decisions.list(m)))).flat();
  const count = (outcome: string) => decisions.filter((d) => d.outcome === outcome).length;
  const exact =
    outcomes.filter((o) => o.outcome === 'queued').length === load.distinct &&
    outcomes.filter((o) => o.outcome === 'duplicate').length === load.duplicates &&
    swept.every((s) => s.next.status === 'started') &&
    runs.length === load.models.length &&
    starter.executions.size === load.models.length &&
    new Set(inRuns.map((t) => t.eventId)).size === load.distinct &&
    inRuns.length === load.distinct &&
    queued.length === 0 &&
    count('admitted') === load.models.length &&
    count('merged') === load.distinct - load.models.length &&
    count('duplicate') === load.duplicates &&
    count('queued') + count('received') === 0 &&
    [...starter.executions.values()].every((e) => Buffer.byteLength(e.input) < 256 * 1024);
  rows.push([
    `burst on ${label}`,
    `${Math.round(deliveries / seconds)} events/s${perEvent ? ` (${perEvent.toFixed(2)} DynamoDB requests/event)` : ''}`,
    'one run per model, nothing lost',
    exact ? 'outcomes exact' : 'OUTCOMES WRONG',
  ]);
};

const benchBursts = async () => {
  const loads = [
    ['10,000 arrivals for one model', arrivalBurst(10_000, 1, 0)],
    ['10,000 deliveries, 20 models, 30% duplicates', arrivalBurst(10_000, 20, 0.3)],
  ] as const;
  const dynalite = await countingDynalite();
  try {
    for (const [name, load] of loads)
      await runBurst(await dynalite.newStore(), `DynamoDB (dynalite) (${name})`, load, dynalite.requests);
  } finally {
    dynalite.stop();
  }
  for (const [name, load] of loads)
    await runBurst(createMemoryStateStore(), `the memory store (${name})`, load, () => 0);
};

const benchMatcher = () => {
  const services = ['aws.s3', 'aws.ec2', 'aws.codecommit', 'conveyor', 'conveyor.monitoring'];
  const rules = Array.from({ length: 100 }, (_, i) => {
    const source = services[i % services.length] as string;
    switch (i % 5) {
      case 0:
        return compilePattern({
          source: [source],
          'detail-type': ['Object Created'],
          detail: { bucket: { name: [`bucket-${i}`] } },
        });
      case 1:
        return compilePattern({
          source: [source],
          detail: { object: { key: [{ prefix: `model-${i}/` }], size: [{ numeric: ['>', 0] }] } },
        });
      case 2:
        return compilePattern({
          source: [{ prefix: 'aws.' }],
          detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] },
        });
      case 3:
        return compilePattern({
          $or: [{ source: [source] }, { 'detail-type': [{ 'equals-ignore-case': 'drift detected' }] }],
          detail: { model: [{ exists: true }] },
        });
      default:
        return compilePattern({
          source: [source],
          detail: { object: { key: [{ wildcard: `model-*/part-${i}*.csv` }] } },
        });
    }
  });
  const events = Array.from({ length: 1000 }, (_, i) => ({
    version: '0',
    id: `e${i}`,
    'detail-type': i % 2 ? 'Object Created' : 'Drift Detected',
    source: services[i % services.length],
    account: '123456789012',
    time: '2026-11-26T10:00:00Z',
    region: 'eu-west-1',
    resources: [`arn:aws:s3:::bucket-${i % 100}`],
    detail: {
      bucket: { name: `bucket-${i % 100}` },
      object: { key: `model-${i % 100}/part-${i}.csv`, size: i },
      state: 'running',
      model: 'churn',
    },
  }));
  let matched = 0;
  const run = (rounds: number) => {
    for (let r = 0; r < rounds; r++)
      for (const event of events) for (const rule of rules) if (rule.matches(event)) matched++;
  };
  run(3); // warm up
  const rounds = 30;
  const started = performance.now();
  run(rounds);
  const seconds = (performance.now() - started) / 1000;
  const evaluations = rounds * events.length * rules.length;
  rows.push([
    'pattern matching (100 rules, 1,000 events, compiled once)',
    `${Math.round(evaluations / seconds).toLocaleString('en-US')} evaluations/s`,
    '>= 1,000,000 evaluations/s',
    `${matched} matches`,
  ]);
};

const main = async () => {
  benchMatcher();
  await benchAdmission();
  await benchBursts();
  console.log('| workload | result | target | check |\n| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
