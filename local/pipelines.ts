/**
 * The pipelines on one machine: the state machine files on Conveyor's engine, the rules of
 * serverless.yml on the local bus, admission as the rules' target, and every task function wired to
 * local adapters. `conveyor up` and the pipeline tests both build it here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactStore } from '../lib/artifacts/artifact-store';
import { LocalArtifactStore } from '../lib/artifacts/local-artifact-store';
import { substitutePseudoParameters } from '../lib/config/pseudo-parameters';
import { readServerlessConfig } from '../lib/config/serverless-config';
import { LocalDataLocator } from '../lib/data/local-data-location';
import type { DeploymentTarget } from '../lib/deploy/deployment-target';
import { type Clock, systemClock } from '../lib/engine/clock';
import { StepFunctionsEngine } from '../lib/engine/engine';
import type { HistoryStore } from '../lib/engine/history-store';
import { createTaskResolver } from '../lib/engine/task-resolver';
import type { AdmissionDeps } from '../lib/events/admission/admission-deps';
import { EnginePipelineStarter } from '../lib/events/admission/engine-pipeline-starter';
import { handleTriggerEvent } from '../lib/events/admission/handle-trigger-event';
import { SpecCatalog } from '../lib/events/admission/spec-catalog';
import { LocalEventBus } from '../lib/events/bus/local-event-bus';
import type { PutEventsRequestEntry } from '../lib/events/bus/put-events';
import { rulesFromConfig } from '../lib/events/bus/rules-from-config';
import type { Logger } from '../lib/events/logger';
import { publishAll } from '../lib/events/publish/event-publisher';
import type { CaptureSource } from '../lib/monitoring/capture-source';
import { LocalCaptureSource } from '../lib/monitoring/local-capture-source';
import { LocalScheduler } from '../lib/monitoring/local-scheduler';
import type { MonitoringSchedules } from '../lib/monitoring/monitoring-schedules';
import type { PipelineMetrics } from '../lib/pipeline/pipeline-metrics';
import type { PublishEvent } from '../lib/pipeline/publish-event';
import type { SpecSource } from '../lib/spec/spec-source';
import type { StateStore } from '../lib/store/ports';
import { LocalProcessTraining } from '../lib/training/local-process-training';
import type { TrainingBackend } from '../lib/training/training-backend';
import { asEngineTasks, localPipelineFunctions } from './pipeline-functions';

export const LOCAL_REGION = 'local';
export const LOCAL_ACCOUNT = '000000000000';

export interface LocalPipelinesOptions {
  /** Where serverless.yml and statemachines/ are. */
  projectRoot: string;
  /** The platform's working folder: artifacts, training jobs, captures. */
  dataDir: string;
  store: StateStore;
  /** The engine's history (durable on the state table for `conveyor up`). */
  history?: HistoryStore;
  /** Where each registered model's project (its conveyor.yml) lives. */
  projectDir: (model: string) => string | undefined;
  logger: Logger;
  stage?: string;
  environment?: string;
  clock?: Clock;
  /** Seconds between two polls of a training job; 1 locally. */
  pollSeconds?: number;
  specs?: SpecSource;
  training?: TrainingBackend;
  target: DeploymentTarget;
  captures?: CaptureSource;
  schedules?: MonitoringSchedules;
  artifacts?: ArtifactStore;
  metrics?: PipelineMetrics;
  /** How long admission trusts a spec it read (ms). */
  specTtlMs?: number;
  /** Sees every event the platform puts on its bus (outcome events, drift), for display and tests. */
  onEvent?: (entry: PutEventsRequestEntry) => void;
}

export interface LocalPipelines {
  engine: StepFunctionsEngine;
  bus: LocalEventBus;
  pipelineArn: string;
  monitoringArn: string;
  admission: AdmissionDeps;
  scheduler?: LocalScheduler;
  /** Starts a monitoring window for the model, as its schedule does. */
  monitor(model: string): Promise<{ executionArn: string }>;
}

const loadMachine = async (root: string, file: string, stackName: string) =>
  substitutePseudoParameters(
    await readFile(join(root, 'statemachines', file), 'utf8'),
    {
      'AWS::Partition': 'aws',
      'AWS::Region': LOCAL_REGION,
      'AWS::AccountId': LOCAL_ACCOUNT,
      'AWS::StackName': stackName,
    },
    `statemachines/${file}`,
  );

export const createLocalPipelines = async (options: LocalPipelinesOptions): Promise<LocalPipelines> => {
  const stage = options.stage ?? 'local';
  const stackName = `conveyor-${stage}`;
  const environment = options.environment ?? stage;
  const engineClock = options.clock ?? systemClock;
  const clock = () => new Date(engineClock.now());
  const { store, logger } = options;
  const artifacts = options.artifacts ?? new LocalArtifactStore(join(options.dataDir, 'artifacts'));
  const projectDirOrFail = (model: string) => {
    const dir = options.projectDir(model);
    if (!dir) throw new Error(`model ${model} is not registered with a project folder`);
    return dir;
  };

  let bus: LocalEventBus | undefined;
  const putEvents = (entries: PutEventsRequestEntry[]) => {
    for (const entry of entries) options.onEvent?.(entry);
    return (bus as LocalEventBus).putEvents(entries);
  };
  const publish: PublishEvent = async (entry) => {
    await publishAll({ putEvents }, [entry]);
  };
  let engine: StepFunctionsEngine | undefined;
  let monitoringArn = '';
  const startMonitoring = (model: string) =>
    (engine as StepFunctionsEngine).startExecution({
      stateMachineArn: monitoringArn,
      input: JSON.stringify({ kind: 'monitoring', model }),
    });
  const scheduler = options.schedules
    ? undefined
    : new LocalScheduler({
        repository: store.schedules,
        clock,
        onFire: async ({ schedule }) => {
          await startMonitoring(String(schedule.input.model));
        },
        onError: (error) => logger.warn('monitoring schedule failed', { error: (error as Error).message }),
      });
  const functions = localPipelineFunctions({
    store,
    publish,
    clock,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    data: new LocalDataLocator(projectDirOrFail),
    ...(options.specs ? { specs: options.specs } : {}),
    artifacts,
    training:
      options.training ??
      new LocalProcessTraining({
        root: join(options.dataDir, 'training'),
        projectDir: projectDirOrFail,
        artifacts,
        clock,
      }),
    target: options.target,
    schedules: options.schedules ?? (scheduler as LocalScheduler),
    captures: options.captures ?? new LocalCaptureSource(join(options.dataDir, 'capture')),
    projectDir: options.projectDir,
    pollSeconds: options.pollSeconds ?? 1,
    environment,
  });
  engine = new StepFunctionsEngine({
    ...(options.history ? { store: options.history } : {}),
    clock: engineClock,
    region: LOCAL_REGION,
    accountId: LOCAL_ACCOUNT,
    resolver: createTaskResolver({
      functions: asEngineTasks(functions, stackName),
      integrations: {
        'arn:aws:states:::events:putEvents': async (input) => {
          const { Entries } = input as { Entries: { Detail: unknown }[] };
          const entries = Entries.map((e) => ({
            ...e,
            Detail: typeof e.Detail === 'string' ? e.Detail : JSON.stringify(e.Detail),
          }));
          return putEvents(entries);
        },
      },
    }),
    onError: (error, executionArn) =>
      logger.warn('execution stopped', { executionArn, error: (error as Error).message }),
  });
  const { stateMachineArn: pipelineArn } = engine.createStateMachine({
    name: `${stackName}-pipeline`,
    definition: await loadMachine(options.projectRoot, 'training-pipeline.asl.json', stackName),
  });
  monitoringArn = engine.createStateMachine({
    name: `${stackName}-monitoring`,
    definition: await loadMachine(options.projectRoot, 'monitoring.asl.json', stackName),
  }).stateMachineArn;

  const admission: AdmissionDeps = {
    store,
    specs: new SpecCatalog(store.models, options.specTtlMs ?? 1000),
    starter: new EnginePipelineStarter(engine),
    stateMachine: pipelineArn,
    environment,
    clock,
    logger,
    publish,
  };
  const config = await readServerlessConfig(join(options.projectRoot, 'serverless.yml'));
  bus = new LocalEventBus({
    rules: rulesFromConfig(config),
    targets: { admitTrigger: (event) => handleTriggerEvent(event, admission) },
    deadLetters: store.deadLetters,
    clock,
    region: LOCAL_REGION,
    account: LOCAL_ACCOUNT,
  });
  return {
    engine,
    bus,
    pipelineArn,
    monitoringArn,
    admission,
    ...(scheduler ? { scheduler } : {}),
    monitor: (model) => startMonitoring(model),
  };
};
