// Transitions per second of the Step Functions engine: a 10-state Pass chain and a Map over 1,000
// items, in memory and durable on dynalite, next to aws-local-stepfunctions running the same machines.
import { DynamoDbHistoryStore } from '../lib/engine/dynamodb-history-store';
import { StepFunctionsEngine } from '../lib/engine/engine';
import type { HistoryStore } from '../lib/engine/history-store';
import { MemoryHistoryStore } from '../lib/engine/memory-history-store';
import { createStateTable, dynaliteClient } from '../test/helpers/dynalite';
import { startDynaliteProcess } from './dynalite-process';

// aws-local-stepfunctions needs Promise.withResolvers, which Node 20 lacks.
const promiseWithResolvers = Promise as unknown as { withResolvers?: () => unknown };
promiseWithResolvers.withResolvers ??= () => {
  let resolve: unknown;
  let reject: unknown;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const passChain = {
  StartAt: 'S0',
  States: Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [
      `S${i}`,
      {
        Type: 'Pass',
        Parameters: { 'step.$': `States.MathAdd($.step, 1)` },
        ...(i < 9 ? { Next: `S${i + 1}` } : { End: true }),
      },
    ]),
  ),
};
const map = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: {
        StartAt: 'Item',
        States: { Item: { Type: 'Pass', Parameters: { 'v.$': '$.v' }, End: true } },
      },
      End: true,
    },
  },
};
const workloads = [
  { name: 'Pass chain (10 states)', definition: passChain, input: { step: 0 }, transitions: 10, runs: 300 },
  {
    name: 'Map over 1,000 items',
    definition: map,
    input: { items: Array.from({ length: 1000 }, (_, v) => ({ v })) },
    transitions: 1001,
    runs: 5,
  },
];

const measure = async (runs: number, transitions: number, once: () => Promise<void>): Promise<number> => {
  await once(); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) await once();
  return (runs * transitions) / ((performance.now() - started) / 1000);
};

const conveyor = (store: () => HistoryStore) => async (definition: object, input: object) => {
  const engine = new StepFunctionsEngine({ store: store() });
  const { stateMachineArn } = engine.createStateMachine({ name: 'bench', definition });
  const text = JSON.stringify(input);
  return async () => {
    const { executionArn } = await engine.startExecution({ stateMachineArn, input: text });
    const result = await engine.waitForExecution(executionArn);
    if (result.status !== 'SUCCEEDED') throw new Error(`${result.error}: ${result.cause}`);
  };
};

const peer = async (definition: object, input: object) => {
  const { StateMachine } = require('aws-local-stepfunctions') as typeof import('aws-local-stepfunctions');
  const machine = new StateMachine(definition as never, {
    validationOptions: { checkPaths: false, checkArn: false },
  });
  return async () => {
    await machine.run(input as never).result;
  };
};

const main = async () => {
  const dynalite = await startDynaliteProcess();
  const {
    client: raw,
    documentClient: client,
    tableName,
  } = await createStateTable(dynaliteClient(dynalite.endpoint));
  const engines = [
    { name: 'conveyor (memory)', prepare: conveyor(() => new MemoryHistoryStore()) },
    {
      name: 'conveyor (durable, dynalite)',
      prepare: conveyor(() => new DynamoDbHistoryStore(client, tableName)),
    },
    { name: 'aws-local-stepfunctions 3.0.0', prepare: peer },
  ];
  const rows: string[] = ['| workload | engine | transitions/s |', '| --- | --- | ---: |'];
  for (const workload of workloads) {
    for (const engine of engines) {
      const once = await engine.prepare(workload.definition, workload.input);
      const rate = await measure(workload.runs, workload.transitions, once);
      rows.push(`| ${workload.name} | ${engine.name} | ${Math.round(rate).toLocaleString('en-US')} |`);
    }
  }
  process.stdout.write(`${rows.join('\n')}\n`);
  raw.destroy();
  dynalite.stop();
};

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
