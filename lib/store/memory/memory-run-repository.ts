import { AlreadyExistsError } from '../../errors/already-exists-error';
import { InvalidRunTransitionError } from '../../errors/invalid-run-transition-error';
import { NotFoundError } from '../../errors/not-found-error';
import type { Run, RunPatch, RunStatus, Step, TriggerRef } from '../entities';
import { byStart } from '../ordering';
import type { RunRepository, RunUpdate } from '../ports';
import { applyTransition, RUN_TRANSITIONS } from '../run-transitions';
import { triggerPages } from '../trigger-pages';

export class MemoryRunRepository implements RunRepository {
  private readonly runs = new Map<string, Run>();
  private readonly steps = new Map<string, Map<string, Step>>();
  private readonly triggers = new Map<string, TriggerRef[]>();

  async createRun(run: Run): Promise<Run> {
    if (this.runs.has(run.runId)) throw new AlreadyExistsError(`run ${run.runId} exists already`);
    this.runs.set(run.runId, structuredClone(run));
    return structuredClone(run);
  }

  async getRun(runId: string): Promise<Run> {
    return structuredClone(this.require(runId));
  }

  async listRuns(model: string, options: { limit?: number } = {}): Promise<Run[]> {
    const runs = [...this.runs.values()]
      .filter((run) => run.model === model)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.runId.localeCompare(a.runId));
    return structuredClone(runs.slice(0, options.limit ?? runs.length));
  }

  async transitionRun(runId: string, status: RunStatus, now: Date, update: RunUpdate = {}): Promise<Run> {
    // Read and write with no await between, so racing transitions see each other as DynamoDB's condition does.
    const run = this.require(runId);
    if (!RUN_TRANSITIONS[run.status].includes(status)) {
      throw new InvalidRunTransitionError(`run ${runId} cannot move from ${run.status} to ${status}`);
    }
    const next = applyTransition(run, status, now, update);
    this.runs.set(runId, structuredClone(next));
    return structuredClone(next);
  }

  async updateRun(runId: string, patch: RunPatch): Promise<Run> {
    const defined = Object.entries(patch).filter(([, value]) => value !== undefined);
    const next = { ...this.require(runId), ...structuredClone(Object.fromEntries(defined)) };
    this.runs.set(runId, next);
    return structuredClone(next);
  }

  private require(runId: string): Run {
    const run = this.runs.get(runId);
    if (!run) throw new NotFoundError(`run ${runId} does not exist`);
    return run;
  }

  async putTriggers(runId: string, triggers: readonly TriggerRef[]): Promise<number> {
    this.triggers.set(runId, structuredClone([...triggers]));
    return triggerPages(triggers).length;
  }

  async listTriggers(run: Pick<Run, 'runId' | 'triggers' | 'triggerSummary'>): Promise<TriggerRef[]> {
    if (!run.triggerSummary?.pages) return structuredClone(run.triggers);
    return structuredClone(this.triggers.get(run.runId) ?? []);
  }

  async putStep(step: Step): Promise<void> {
    const steps = this.steps.get(step.runId) ?? new Map<string, Step>();
    steps.set(`${step.name}#${step.attempt}`, structuredClone(step));
    this.steps.set(step.runId, steps);
  }

  async listSteps(runId: string): Promise<Step[]> {
    const steps = [...(this.steps.get(runId)?.values() ?? [])];
    return structuredClone(steps.sort(byStart));
  }
}
