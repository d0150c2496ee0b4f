import { appendFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { churnSpec, createPipelineHarness } from '../../helpers/pipeline';

const failedStepsOf = async (h: Awaited<ReturnType<typeof createPipelineHarness>>, runId: string) =>
  (await h.store.runs.listSteps(runId))
    .filter((s) => s.status === 'FAILED')
    .map((s) => [s.name, s.error?.name]);

describe('a failing step', () => {
  it('fails the run at validation when the data breaks a rule, naming the file and the check', async () => {
    const h = await createPipelineHarness();
    await appendFile(join(h.project, 'data/train/churn.csv'), '7,pro,10.5,3,0,false\n');
    await h.register(churnSpec());

    await h.requestRun();
    const [run] = await h.endedRuns(1);

    expect(run).toMatchObject({ status: 'FAILED', failedStep: 'ValidateData' });
    expect(run?.error?.name).toBe('DataValidationFailedError');
    expect(run?.error?.message).toContain('train/churn.csv');
    expect(run?.validation?.verdict).toBe('fail');
    expect(await failedStepsOf(h, run?.runId as string)).toEqual([
      ['ValidateData', 'DataValidationFailedError'],
    ]);
    expect(await h.store.leases.get('churn', 'local')).toBeUndefined();
    expect(h.eventsOf('Run Failed')).toEqual([
      expect.objectContaining({
        runId: run?.runId,
        failedStep: 'ValidateData',
        error: expect.objectContaining({ name: 'DataValidationFailedError' }),
      }),
    ]);
    expect(await h.store.aliases.getAlias('churn', 'champion')).toBeUndefined();
  });

  it('starts a failed training job again as a new job, then fails the run with the reason and log', async () => {
    const h = await createPipelineHarness({
      files: { 'broken-train.js': "console.error('out of memory at epoch 3'); process.exit(3);\n" },
    });
    await h.register(
      churnSpec({
        training: { local: { command: [process.execPath, 'broken-train.js'] }, timeout: 30, attempts: 2 },
      }),
    );

    await h.requestRun();
    const [run] = await h.endedRuns(1);

    expect(run).toMatchObject({ status: 'FAILED', failedStep: 'Train' });
    expect(run?.error?.name).toBe('TrainingFailedError');
    expect(run?.error?.message).toContain('out of memory at epoch 3');
    const train = (await h.store.runs.listSteps(run?.runId as string)).filter((s) => s.name === 'Train');
    expect(train.map((s) => [s.attempt, s.status])).toEqual([
      [1, 'FAILED'],
      [2, 'FAILED'],
    ]);
    expect(run?.training).toMatchObject({ attempt: 2, status: 'Failed' });
    expect(run?.training?.jobName).toMatch(/attempt-2/);
  });

  it('fails a challenger that is worse than the champion at the gates, leaving the champion serving', async () => {
    const h = await createPipelineHarness();
    await h.register(churnSpec());
    await h.requestRun();
    await h.endedRuns(1);
    await h.register(
      churnSpec({
        training: {
          local: { command: [process.execPath, 'train.js'] },
          hyperparameters: { epochs: 1, learning_rate: 0.001 },
          timeout: 60,
        },
        gates: { metrics: [{ metric: 'auc', vsChampion: { direction: 'higher-is-better', tolerance: 0 } }] },
      }),
    );

    await h.requestRun();
    const [, second] = await h.endedRuns(2);

    expect(second).toMatchObject({ status: 'FAILED', failedStep: 'EvaluateGates', specVersion: 2 });
    expect(second?.error?.name).toBe('QualityGateFailedError');
    expect(second?.error?.message).toMatch(/auc/);
    expect(second?.gateReport).toMatchObject({ verdict: 'fail' });
    expect(second?.modelVersion).toBeUndefined();
    expect((await h.store.aliases.getAlias('churn', 'champion'))?.version).toBe(1);
    expect(await h.store.leases.get('churn', 'local')).toBeUndefined();
  });

  it('fails at ResolveInputs when the data source holds no data files', async () => {
    const h = await createPipelineHarness();
    await h.register(churnSpec());
    await rm(join(h.project, 'data'), { recursive: true });

    await h.requestRun();
    const [run] = await h.endedRuns(1);

    expect(run).toMatchObject({ status: 'FAILED', failedStep: 'ResolveInputs' });
    expect(run?.error).toEqual({
      name: 'DataValidationFailedError',
      message: expect.stringContaining('no data files (.csv, .jsonl, .parquet) under'),
    });
    expect(await h.store.leases.get('churn', 'local')).toBeUndefined();
  });
});
