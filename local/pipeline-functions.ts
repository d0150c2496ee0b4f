/**
 * The pipeline's Lambda functions as the local engine's tasks: each is the same `makeHandler(deps)`
 * the Lambda runs, given local adapters, and registered under the name the state machine files give
 * it (`<stack>-<function>`, as the Serverless Framework names functions).
 */
import * as checkTraining from '../functions/check-training';
import * as deployModel from '../functions/deploy-model';
import * as evaluateGates from '../functions/evaluate-gates';
import * as finishRun from '../functions/finish-run';
import * as monitorModel from '../functions/monitor-model';
import * as registerModel from '../functions/register-model';
import * as requestApproval from '../functions/request-approval';
import * as resolveInputs from '../functions/resolve-inputs';
import * as scheduleMonitoring from '../functions/schedule-monitoring';
import * as startTraining from '../functions/start-training';
import * as validateData from '../functions/validate-data';
import type { ArtifactStore } from '../lib/artifacts/artifact-store';
import type { DataLocator } from '../lib/data/data-location';
import type { DeploymentTarget } from '../lib/deploy/deployment-target';
import type { TaskHandler } from '../lib/engine/task-resolver';
import type { Logger } from '../lib/events/logger';
import type { CaptureSource } from '../lib/monitoring/capture-source';
import type { MonitoringSchedules } from '../lib/monitoring/monitoring-schedules';
import type { PipelineMetrics } from '../lib/pipeline/pipeline-metrics';
import type { PublishEvent } from '../lib/pipeline/publish-event';
import type { SpecSource } from '../lib/spec/spec-source';
import type { StateStore } from '../lib/store/ports';
import type { TrainingBackend } from '../lib/training/training-backend';
import { lambdaContext } from './lambda-context';

export interface LocalFunctionDeps {
  store: StateStore;
  publish: PublishEvent;
  clock: () => Date;
  logger: Logger;
  metrics?: PipelineMetrics;
  data: DataLocator;
  specs?: SpecSource;
  artifacts: ArtifactStore;
  training: TrainingBackend;
  target: DeploymentTarget;
  schedules: MonitoringSchedules;
  captures: CaptureSource;
  projectDir: (model: string) => string | undefined;
  pollSeconds: number;
  environment: string;
}

type LambdaHandler = (event: never, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;

export const localPipelineFunctions = (deps: LocalFunctionDeps): Record<string, LambdaHandler> => {
  const { store, clock, metrics } = deps;
  const measured = metrics ? { metrics } : {};
  const training = { store, training: deps.training, clock };
  return {
    resolveInputs: resolveInputs.makeHandler({
      store,
      data: deps.data,
      ...(deps.specs ? { specs: deps.specs } : {}),
      clock,
      pollSeconds: deps.pollSeconds,
    }),
    validateData: validateData.makeHandler({ store, data: deps.data, artifacts: deps.artifacts, clock }),
    startTraining: startTraining.makeHandler(training),
    checkTraining: checkTraining.makeHandler(training),
    evaluateGates: evaluateGates.makeHandler({ store, clock, ...measured }),
    requestApproval: requestApproval.makeHandler({ store, publish: deps.publish, clock }),
    registerModel: registerModel.makeHandler({ store, clock }),
    deployModel: deployModel.makeHandler({
      store,
      target: deps.target,
      clock,
      projectDir: deps.projectDir,
      ...measured,
    }),
    scheduleMonitoring: scheduleMonitoring.makeHandler({ store, schedules: deps.schedules, clock }),
    finishRun: finishRun.makeHandler({
      store,
      publish: deps.publish,
      clock,
      logger: deps.logger,
      ...measured,
    }),
    monitorModel: monitorModel.makeHandler({
      store,
      captures: deps.captures,
      artifacts: deps.artifacts,
      environment: deps.environment,
      clock,
      ...measured,
    }),
  } as Record<string, LambdaHandler>;
};

/** The functions as engine tasks, by the names the state machines call them. */
export const asEngineTasks = (
  functions: Record<string, LambdaHandler>,
  stackName: string,
): Record<string, TaskHandler> =>
  Object.fromEntries(
    Object.entries(functions).map(([key, handler]) => {
      const functionName = `${stackName}-${key}`;
      const task: TaskHandler = (input, context) =>
        handler(input as never, lambdaContext(functionName, context));
      return [functionName, task];
    }),
  );
