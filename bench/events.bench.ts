import type { AdmissionDeps } from '../lib/events/admission/admission-deps';
import { admitEvent } from '../lib/events/admission/admit-event';
import { MemoryPipelineStarter } from '../lib/events/admission/memory-pipeline-starter';
import { onRunEnded } from '../lib/events/admission/on-run-ended';
import { SpecCatalog } from '../lib/events/admission/spec-catalog';
import { compilePattern } from '../lib/events/pattern/compile-pattern';
import { createDynamoDBStateStore } from '../lib/store/dynamodb/dynamodb-state-store';
import { createMemoryStateStore } from '../lib/store/memory/memory-state-store';
import type { StateStore } from '../lib/store/ports';
import { registerModels, specFor, TestClock } from '../test/helpers/admission';
import { admissionLoad } from '../test/helpers/admission-load';
import { createStateTable, dynaliteClient } from '../test/helpers/dynalite';
import { startDynaliteProcess } from './dynalite-process';

const rows: [string, string, string, string][] = [];

/** Delivers the load burst by burst and checks every outcome; the row for the table. */
const runAdmission = async (store: StateStore, label: string, requests: () => number) => {
  const load = admissionLoad(1000, 20, 0.3);
  await registerModels(
    store,
    load.models.map((m) => specFor(m, { retraining: { dataArrival: { debounce: 0 } } })),
  );
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
    `${Math.round(1000 / seconds)} events/s${perEvent ? ` (${perEvent.toFixed(1)} DynamoDB requests/event)` : ''}`,
    '>= 500 events/s',
    exact && allStarted ? 'outcomes exact' : 'OUTCOMES WRONG',
  ]);
};

const benchAdmission = async () => {
  const dynalite = await startDynaliteProcess();
  try {
    const client = dynaliteClient(dynalite.endpoint);
    let requests = 0;
    client.middlewareStack.add(
      (next) => (args) => {
        requests++;
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const { documentClient, tableName } = await createStateTable(client);
    const store = createDynamoDBStateStore(documentClient, tableName);
    await runAdmission(store, 'DynamoDB (dynalite)', () => requests);
  } finally {
    dynalite.stop();
  }
  await runAdmission(createMemoryStateStore(), 'the memory store', () => 0);
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
  console.log('| workload | result | target | check |\n| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
