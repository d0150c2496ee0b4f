import { churnSpec, createPipelineHarness } from '../../helpers/pipeline';

const SLOW_TRAIN = "setTimeout(() => require('./train.js'), 2500);\n";

const trainingStarted = async (h: Awaited<ReturnType<typeof createPipelineHarness>>) => {
  for (let i = 0; i < 300; i++) {
    const [run] = await h.store.runs.listRuns('churn');
    if (run && (await h.store.runs.listSteps(run.runId)).some((s) => s.name === 'Train')) return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('training never started');
};

describe('runs of one model', () => {
  it('queues a trigger that arrives during a run and starts it, merged, after the run', async () => {
    const h = await createPipelineHarness({ files: { 'slow-train.js': SLOW_TRAIN } });
    await h.register(
      churnSpec({ training: { local: { command: [process.execPath, 'slow-train.js'] }, timeout: 60 } }),
    );

    await h.requestRun();
    await trainingStarted(h);
    await h.requestRun();
    await h.requestRun();
    const runs = await h.endedRuns(2);

    expect(runs.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(runs[1]?.triggers).toHaveLength(2);
    expect(Date.parse(runs[1]?.startedAt as string)).toBeGreaterThanOrEqual(
      Date.parse(runs[0]?.endedAt as string),
    );
    expect(await h.store.triggers.list('churn', 'local')).toEqual([]);
    expect((await h.store.aliases.getAlias('churn', 'champion'))?.version).toBe(2);
  });

  it('finishes a run once after the engine restarts in the middle of its training', async () => {
    const h = await createPipelineHarness({ files: { 'slow-train.js': SLOW_TRAIN } });
    await h.register(
      churnSpec({ training: { local: { command: [process.execPath, 'slow-train.js'] }, timeout: 60 } }),
    );
    await h.requestRun();
    const running = await trainingStarted(h);

    await h.restart();
    const runs = await h.endedRuns(1);

    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ runId: running.runId, status: 'SUCCEEDED', modelVersion: 1 });
    // The training process died with the engine it ran beside: the job is started again, once.
    expect(runs[0]?.training).toMatchObject({ attempt: 2, status: 'Completed' });
    expect(await h.store.versions.listVersions('churn')).toHaveLength(1);
    expect(h.eventsOf('Run Succeeded')).toHaveLength(1);
  });
});
