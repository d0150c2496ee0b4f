import { churnSpec, createPipelineHarness } from '../../helpers/pipeline';

describe('the training pipeline on the engine', () => {
  it('takes a requested run from its inputs to a promoted, monitored champion', async () => {
    const h = await createPipelineHarness();
    await h.register(churnSpec());

    await h.requestRun();
    const [run] = await h.endedRuns(1);

    expect(run).toMatchObject({ status: 'SUCCEEDED', modelVersion: 1, specVersion: 1 });
    expect(run?.inputs.dataHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run?.data).toMatchObject({ objects: 2, hash: run?.inputs.dataHash });
    expect(run?.validation).toMatchObject({ verdict: 'pass', rows: 800 });
    expect(run?.metrics?.auc).toBeGreaterThan(0.7);
    expect(run?.hyperparameters).toEqual({ epochs: '300', learning_rate: '0.5' });
    expect(run?.artifact?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run?.deployment).toMatchObject({ state: 'Succeeded', percent: 100 });
    expect(run?.monitoring).toEqual({ schedule: 'conveyor-monitoring-churn', expression: 'rate(1 day)' });
    const steps = await h.store.runs.listSteps(run?.runId as string);
    expect(steps.map((s) => [s.name, s.status])).toEqual([
      ['ResolveInputs', 'SUCCEEDED'],
      ['ValidateData', 'SUCCEEDED'],
      ['Train', 'SUCCEEDED'],
      ['EvaluateGates', 'SUCCEEDED'],
      ['RegisterModel', 'SUCCEEDED'],
      ['Deploy', 'SUCCEEDED'],
      ['ScheduleMonitoring', 'SUCCEEDED'],
    ]);
    for (const step of steps)
      expect(Date.parse(step.endedAt as string)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
    const version = await h.store.versions.getVersion('churn', 1);
    expect(version.lineage).toMatchObject({ runId: run?.runId, dataHash: run?.inputs.dataHash });
    expect(version.baselineProfileUri).toMatch(/sha256\/[0-9a-f]{64}$/);
    expect((await h.store.aliases.getAlias('churn', 'champion'))?.version).toBe(1);
    expect(await h.store.leases.get('churn', 'local')).toBeUndefined();
    expect(h.router.status('churn')?.champion).toMatchObject({ version: 1, weight: 100 });
    expect(h.eventsOf('Model Promoted')).toEqual([
      expect.objectContaining({ model: 'churn', modelVersion: 1 }),
    ]);
    expect(h.eventsOf('Run Succeeded')).toEqual([
      expect.objectContaining({ runId: run?.runId, modelVersion: 1 }),
    ]);
    expect(await h.store.schedules.getSchedule('conveyor-monitoring-churn')).toMatchObject({
      state: 'ENABLED',
    });
  });
});
