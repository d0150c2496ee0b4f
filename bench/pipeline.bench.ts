// The engine's own cost for one whole training pipeline run: statemachines/training-pipeline.asl.json
// as written, every task answering at once (one poll of training, no approval), in memory and durable
// on dynalite. (aws-local-stepfunctions 3.0.0, the engine bench's peer, has no JSONata: it cannot run
// this definition, so the engine's own Pass-chain rows in engine.bench.ts are the comparison.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { substitutePseudoParameters } from '../lib/config/pseudo-parameters';
import { DynamoDbHistoryStore } from '../lib/engine/dynamodb-history-store';
import { StepFunctionsEngine } from '../lib/engine/engine';
import type { HistoryStore } from '../lib/engine/history-store';
import { MemoryHistoryStore } from '../lib/engine/memory-history-store';
import { createTaskResolver } from '../lib/engine/task-resolver';
import { createStateTable, dynaliteClient } from '../test/helpers/dynalite';
import { startDynaliteProcess } from './dynalite-process';

const RUNS = { memory: 200, dynalite: 20 };
const definition = substitutePseudoParameters(
  readFileSync(join(process.cwd(), 'statemachines/training-pipeline.asl.json'), 'utf8'),
  {
    'AWS::Partition': 'aws',
    'AWS::Region': 'local',
    'AWS::AccountId': '000000000000',
    'AWS::StackName': 'bench',
  },
  'training-pipeline.asl.json',
);

/** Each task's instant answer, shaped as the real one is. */
const answers: Record<string, (input: { runId?: string }) => unknown> = {
  resolveInputs: ({ runId }) => ({
    runId,
    approval: { required: false, timeoutSeconds: 60 },
    trainingAttempts: 2,
    pollSeconds: 0,
    monitoring: true,
  }),
  validateData: () => ({ verdict: 'pass' }),
  startTraining: () => ({ jobName: 'job', status: 'InProgress', done: false }),
  checkTraining: () => ({ jobName: 'job', status: 'Completed', done: true }),
  evaluateGates: () => ({ verdict: 'pass' }),
  registerModel: () => ({ version: 1 }),
  deployModel: () => ({ steps: [] }),
  scheduleMonitoring: () => ({ schedule: 'conveyor-monitoring-bench' }),
  finishRun: ({ runId }) => ({ runId, status: 'SUCCEEDED', modelVersion: 1 }),
};
const functions = Object.fromEntries(
  Object.entries(answers).map(([name, answer]) => [
    `bench-${name}`,
    async (input: unknown) => answer(input as { runId?: string }),
  ]),
);

const conveyorRun = (store: HistoryStore) => {
  const engine = new StepFunctionsEngine({ store, resolver: createTaskResolver({ functions }) });
  const { stateMachineArn } = engine.createStateMachine({ name: 'pipeline', definition });
  return async (i: number) => {
    const { executionArn } = await engine.startExecution({
      stateMachineArn,
      name: `run-${i}`,
      input: JSON.stringify({ runId: `run-${i}` }),
    });
    const result = await engine.waitForExecution(executionArn);
    if (result.status !== 'SUCCEEDED') throw new Error(`${result.error}: ${result.cause}`);
    return (await engine.getExecutionHistory({ executionArn })).events.length;
  };
};

const measure = async (runs: number, once: (i: number) => Promise<number>) => {
  await once(-1);
  let events = 0;
  const started = performance.now();
  for (let i = 0; i < runs; i++) events = await once(i);
  return { msPerRun: (performance.now() - started) / runs, events };
};

const main = async () => {
  const dynalite = await startDynaliteProcess();
  const {
    client: raw,
    documentClient,
    tableName,
  } = await createStateTable(dynaliteClient(dynalite.endpoint));
  const rows = [
    '| engine | ms per pipeline run (engine only) | history events per run |',
    '| --- | ---: | ---: |',
  ];
  const memory = await measure(RUNS.memory, conveyorRun(new MemoryHistoryStore()));
  rows.push(`| conveyor (memory) | ${memory.msPerRun.toFixed(2)} | ${memory.events} |`);
  const durable = await measure(
    RUNS.dynalite,
    conveyorRun(new DynamoDbHistoryStore(documentClient, tableName)),
  );
  rows.push(`| conveyor (durable, dynalite) | ${durable.msPerRun.toFixed(1)} | ${durable.events} |`);
  process.stdout.write(`${rows.join('\n')}\n`);
  raw.destroy();
  dynalite.stop();
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
