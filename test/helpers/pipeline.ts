// The pipelines on dynalite and the real engine, with the churn example as the model: real training
// processes, the local router with real inference servers, admission behind the local bus.
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore } from '../../lib/artifacts/local-artifact-store';
import { LocalModelRouter } from '../../lib/deploy/local-model-router';
import { DynamoDbHistoryStore } from '../../lib/engine/dynamodb-history-store';
import type { PutEventsRequestEntry } from '../../lib/events/bus/put-events';
import { type PipelineSpecInput, pipelineSpecSchema } from '../../lib/spec/schema';
import { createDynamoDBStateStore } from '../../lib/store/dynamodb/dynamodb-state-store';
import type { Run } from '../../lib/store/entities';
import type { StateStore } from '../../lib/store/ports';
import { createLocalPipelines, type LocalPipelines } from '../../local/pipelines';
import { createStateTable } from './dynalite';
import { seededRandom } from './seeded-random';

const EXAMPLE = join(__dirname, '../../examples/churn');
const PROJECT_ROOT = join(__dirname, '../..');

/** The churn example's spec, made quick: a 1 s canary bake, no debounce, monitoring on demand. */
export const churnSpec = (overrides: Partial<PipelineSpecInput> = {}): PipelineSpecInput => ({
  model: { name: 'churn', paths: ['examples/churn/**'] },
  data: {
    source: 'data/',
    format: 'csv',
    label: 'churned',
    minRows: 100,
    columns: {
      age: { type: 'integer', nullable: false, min: 18, max: 120 },
      plan: { type: 'string', allowed: ['free', 'pro', 'team'] },
      monthly_spend: { type: 'number', min: 0 },
      tenure_months: { type: 'integer', min: 0 },
      support_tickets: { type: 'integer', min: 0 },
      churned: { type: 'boolean', nullable: false },
    },
  },
  training: {
    local: { command: [process.execPath, 'train.js'] },
    hyperparameters: { epochs: 300, learning_rate: 0.5 },
    timeout: 60,
  },
  gates: { metrics: [{ metric: 'auc', min: 0.7 }] },
  deployment: {
    strategy: 'canary',
    canary: { percent: 50, bake: 1 },
    rollback: { maxErrorRate: 0.05, minRequests: 5 },
    dataCapture: { samplingPercent: 100 },
    serve: { command: [process.execPath, 'serve.js'] },
  },
  monitoring: {
    schedule: 'rate(1 day)',
    minSamples: 50,
    window: { k: 1, n: 1 },
    // Windows of a few hundred requests: thresholds above their sampling noise.
    thresholds: { psi: 0.5, ks: 0.3, wasserstein: 0.5, jensenShannon: 0.3 },
  },
  retraining: { drift: { cooldown: 3600, budget: { maxRuns: 3, period: 86400 } } },
  ...overrides,
});

export interface PipelineHarness {
  store: StateStore;
  pipelines: LocalPipelines;
  router: LocalModelRouter;
  routerPort: number;
  project: string;
  events: PutEventsRequestEntry[];
  register(spec: PipelineSpecInput): Promise<void>;
  /** Asks for a run as `conveyor emit` does: Retraining Requested, manual. */
  requestRun(): Promise<void>;
  /** Waits until the model has `count` runs that all ended; returns them oldest first. */
  endedRuns(count: number): Promise<Run[]>;
  eventsOf(detailType: string): Record<string, unknown>[];
  /** Builds the pipelines again on the same table and folders, as a restarted platform does. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

// Each test trains and serves real models: allow for a busy 2-core machine.
jest.setTimeout(60_000);

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'ABORTED', 'TIMED_OUT']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const open = new Set<PipelineHarness>();

afterEach(async () => {
  await Promise.all([...open].map((h) => h.close()));
});

export const createPipelineHarness = async (
  options: { files?: Record<string, string> } = {},
): Promise<PipelineHarness> => {
  const { documentClient, tableName } = await createStateTable();
  const store = createDynamoDBStateStore(documentClient, tableName);
  const root = await mkdtemp(join(tmpdir(), 'conveyor-pipeline-'));
  const project = join(root, 'churn');
  await cp(EXAMPLE, project, { recursive: true });
  for (const [name, text] of Object.entries(options.files ?? {})) await writeFile(join(project, name), text);
  const dataDir = join(root, 'platform');
  const artifacts = new LocalArtifactStore(join(dataDir, 'artifacts'));
  const router = new LocalModelRouter({
    artifacts,
    workDir: join(dataDir, 'router'),
    captureDir: join(dataDir, 'capture'),
    random: seededRandom(7),
  });
  const routerPort = await router.listen();
  const events: PutEventsRequestEntry[] = [];
  const quiet = { info: () => undefined, warn: () => undefined };
  const build = () =>
    createLocalPipelines({
      projectRoot: PROJECT_ROOT,
      dataDir,
      store,
      history: new DynamoDbHistoryStore(documentClient, tableName),
      projectDir: (model) => (model === 'churn' ? project : undefined),
      logger: quiet,
      pollSeconds: 1,
      target: router,
      artifacts,
      specTtlMs: 0,
      onEvent: (entry) => events.push(entry),
    });
  let pipelines = await build();
  pipelines.scheduler?.start();

  const harness: PipelineHarness = {
    store,
    get pipelines() {
      return pipelines;
    },
    router,
    routerPort,
    project,
    events,
    register: async (spec) => {
      await store.models.registerSpec('churn', pipelineSpecSchema.parse(spec), new Date());
    },
    requestRun: async () => {
      const response = await pipelines.bus.putEvents([
        {
          Source: 'conveyor',
          DetailType: 'Retraining Requested',
          Detail: JSON.stringify({ model: 'churn', reason: 'manual', requestedBy: 'test' }),
        },
      ]);
      expect(response.FailedEntryCount).toBe(0);
    },
    endedRuns: async (count) => {
      for (let i = 0; i < 600; i++) {
        const runs = await store.runs.listRuns('churn');
        if (runs.length >= count && runs.every((r) => TERMINAL.has(r.status))) {
          await pipelines.bus.drain();
          return runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        }
        await sleep(100);
      }
      throw new Error(
        `churn did not end ${count} runs: ${JSON.stringify(await store.runs.listRuns('churn'))}`,
      );
    },
    eventsOf: (detailType) =>
      events.filter((e) => e.DetailType === detailType).map((e) => JSON.parse(e.Detail as string)),
    restart: async () => {
      await pipelines.scheduler?.stop();
      await pipelines.engine.shutdown();
      pipelines = await build();
      await pipelines.engine.recover();
    },
    close: async () => {
      open.delete(harness);
      await pipelines.scheduler?.stop();
      await pipelines.engine.shutdown();
      await pipelines.bus.drain();
      await router.close();
    },
  };
  open.add(harness);
  return harness;
};

const validationRows = readFileSync(join(EXAMPLE, 'data/validation/churn.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [age, plan, spend, tenure, tickets] = line.split(',');
    return {
      age: Number(age),
      plan,
      monthly_spend: Number(spend),
      tenure_months: Number(tenure),
      support_tickets: Number(tickets),
    };
  });

/** Rows of the churn example's validation data; `shift` moves every feature far from them. */
export const churnRows = (count: number, shift = false) =>
  Array.from({ length: count }, (_, i) => {
    const row = validationRows[i % validationRows.length] as (typeof validationRows)[number];
    return shift
      ? {
          ...row,
          age: row.age + 40,
          monthly_spend: row.monthly_spend * 5 + 200,
          support_tickets: row.support_tickets + 8,
        }
      : row;
  });

/** Sends rows to the model's endpoint on the router, one request each; returns the statuses. */
export const sendTraffic = async (port: number, rows: Record<string, unknown>[]): Promise<number[]> => {
  const statuses: number[] = [];
  for (const row of rows) {
    const response = await fetch(`http://127.0.0.1:${port}/models/churn/invocations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [row] }),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
};
