/**
 * Every step of a run is recorded with its start, end, attempt and error, so a run can be read back
 * as an experiment record. Short steps run inside one task (`recordStep`); long ones (training,
 * approval, deployment) open in one task and close in a later one (`openStep` / `closeStep`).
 */
import type { Step } from '../store/entities';
import type { StateStore } from '../store/ports';

export interface StepDeps {
  store: Pick<StateStore, 'runs'>;
  clock: () => Date;
}

const errorOf = (error: unknown) => ({
  name: error instanceof Error ? error.name : 'Error',
  message: error instanceof Error ? error.message : String(error),
});

/** Opens a new attempt of the step; returns it as recorded. */
export const openStep = async (deps: StepDeps, runId: string, name: string): Promise<Step> => {
  const attempt = (await deps.store.runs.listSteps(runId)).filter((s) => s.name === name).length + 1;
  const step: Step = { runId, name, attempt, status: 'RUNNING', startedAt: deps.clock().toISOString() };
  await deps.store.runs.putStep(step);
  return step;
};

/** The latest attempt of the step, when one was opened. */
export const latestStep = async (deps: StepDeps, runId: string, name: string): Promise<Step | undefined> =>
  (await deps.store.runs.listSteps(runId)).filter((s) => s.name === name).at(-1);

/** Closes the latest attempt of the step (opening one when none is open) with its output or error. */
export const closeStep = async (
  deps: StepDeps,
  runId: string,
  name: string,
  outcome: { output: unknown } | { error: unknown },
): Promise<void> => {
  const latest = await latestStep(deps, runId, name);
  const step = latest?.status === 'RUNNING' ? latest : await openStep(deps, runId, name);
  await deps.store.runs.putStep({
    ...step,
    endedAt: deps.clock().toISOString(),
    ...('output' in outcome
      ? { status: 'SUCCEEDED' as const, output: outcome.output }
      : { status: 'FAILED' as const, error: errorOf(outcome.error) }),
  });
};

/** Runs `work` as one attempt of a step, recorded whether it succeeds or throws (rethrown). */
export const recordStep = async <T>(
  deps: StepDeps,
  runId: string,
  name: string,
  work: () => Promise<T>,
  summarize: (result: T) => unknown = (result) => result,
): Promise<T> => {
  await openStep(deps, runId, name);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await closeStep(deps, runId, name, { error });
    throw error;
  }
  await closeStep(deps, runId, name, { output: summarize(result) });
  return result;
};
