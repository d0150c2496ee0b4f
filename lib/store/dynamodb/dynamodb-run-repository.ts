import { AlreadyExistsError } from '../../errors/already-exists-error';
import { InvalidRunTransitionError } from '../../errors/invalid-run-transition-error';
import { NotFoundError } from '../../errors/not-found-error';
import type { Run, RunPatch, RunStatus, Step, TriggerRef } from '../entities';
import { byStart } from '../ordering';
import type { RunRepository, RunUpdate } from '../ports';
import { applyTransition, statusesAllowing } from '../run-transitions';
import { triggerPages } from '../trigger-pages';
import { type DynamoTable, pad } from './dynamo-table';

// PK RUN#<runId>  SK RUN            GSI1PK MODEL#<model>#RUNS  GSI1SK <createdAt>#<runId>
// PK RUN#<runId>  SK STEP#<name>#<attempt>
// PK RUN#<runId>  SK TRIGGERS#<page>           the run's full trigger list, a page an item
export class DynamoDBRunRepository implements RunRepository {
  constructor(private readonly table: DynamoTable) {}

  async createRun(run: Run): Promise<Run> {
    const written = await this.table.put(
      {
        PK: `RUN#${run.runId}`,
        SK: 'RUN',
        GSI1PK: `MODEL#${run.model}#RUNS`,
        GSI1SK: `${run.createdAt}#${run.runId}`,
        ...run,
      },
      { expression: 'attribute_not_exists(PK)' },
    );
    if (!written) throw new AlreadyExistsError(`run ${run.runId} exists already`);
    return run;
  }

  async getRun(runId: string): Promise<Run> {
    const run = await this.table.get<Run>(`RUN#${runId}`, 'RUN');
    if (!run) throw new NotFoundError(`run ${runId} does not exist`);
    return run;
  }

  async listRuns(model: string, options: { limit?: number } = {}): Promise<Run[]> {
    return this.table.query<Run>({
      pk: `MODEL#${model}#RUNS`,
      index: 'GSI1',
      newestFirst: true,
      limit: options.limit,
    });
  }

  async transitionRun(runId: string, status: RunStatus, now: Date, update: RunUpdate = {}): Promise<Run> {
    const allowedFrom = statusesAllowing(status);
    // The fields to set are those applyTransition changes, so both adapters stamp the same times.
    const { runId: _, ...changes } = applyTransition({ runId } as Run, status, now, update);
    const updated = allowedFrom.length
      ? await this.table.update<Run>(`RUN#${runId}`, 'RUN', changes, {
          expression: `attribute_exists(PK) AND #status IN (${allowedFrom.map((_, i) => `:from${i}`).join(', ')})`,
          names: { '#status': 'status' },
          values: Object.fromEntries(allowedFrom.map((from, i) => [`:from${i}`, from])),
        })
      : undefined;
    if (updated) return updated;
    const current = await this.getRun(runId);
    throw new InvalidRunTransitionError(`run ${runId} cannot move from ${current.status} to ${status}`);
  }

  async updateRun(runId: string, patch: RunPatch): Promise<Run> {
    if (Object.values(patch).every((value) => value === undefined)) return this.getRun(runId);
    const updated = await this.table.update<Run>(
      `RUN#${runId}`,
      'RUN',
      { ...patch },
      {
        expression: 'attribute_exists(PK)',
      },
    );
    if (!updated) throw new NotFoundError(`run ${runId} does not exist`);
    return updated;
  }

  async putTriggers(runId: string, triggers: readonly TriggerRef[]): Promise<number> {
    const pages = triggerPages(triggers);
    await Promise.all(
      pages.map((page, i) =>
        this.table.put({ PK: `RUN#${runId}`, SK: `TRIGGERS#${pad(i, 5)}`, runId, page: i, triggers: page }),
      ),
    );
    return pages.length;
  }

  async listTriggers(run: Pick<Run, 'runId' | 'triggers' | 'triggerSummary'>): Promise<TriggerRef[]> {
    if (!run.triggerSummary?.pages) return run.triggers;
    const pages = await this.table.query<{ page: number; triggers: TriggerRef[] }>({
      pk: `RUN#${run.runId}`,
      skPrefix: 'TRIGGERS#',
    });
    return pages.flatMap((p) => p.triggers);
  }

  async putStep(step: Step): Promise<void> {
    await this.table.put({
      PK: `RUN#${step.runId}`,
      SK: `STEP#${step.name}#${pad(step.attempt, 4)}`,
      ...step,
    });
  }

  async listSteps(runId: string): Promise<Step[]> {
    const steps = await this.table.query<Step>({ pk: `RUN#${runId}`, skPrefix: 'STEP#' });
    return steps.sort(byStart);
  }
}
