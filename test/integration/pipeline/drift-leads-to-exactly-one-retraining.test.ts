import { churnRows, churnSpec, createPipelineHarness, sendTraffic } from '../../helpers/pipeline';

describe('monitoring', () => {
  it('finds drift in shifted traffic, emits Drift Detected, and retrains once within the cooldown', async () => {
    const h = await createPipelineHarness();
    await h.register(churnSpec());
    await h.requestRun();
    await h.endedRuns(1);

    expect(await sendTraffic(h.routerPort, churnRows(200))).toEqual(Array(200).fill(200));
    await h.router.flushCapture();
    const calm = await h.pipelines.engine.waitForExecution((await h.pipelines.monitor('churn')).executionArn);
    expect(calm.status).toBe('SUCCEEDED');
    expect(JSON.parse(calm.output as string)).toMatchObject({ verdict: 'stable', samples: 200 });

    await sendTraffic(h.routerPort, churnRows(80, true));
    await h.router.flushCapture();
    const drifted = await h.pipelines.engine.waitForExecution(
      (await h.pipelines.monitor('churn')).executionArn,
    );
    await sendTraffic(h.routerPort, churnRows(80, true));
    await h.router.flushCapture();
    const again = await h.pipelines.engine.waitForExecution(
      (await h.pipelines.monitor('churn')).executionArn,
    );
    const runs = await h.endedRuns(2);

    expect(JSON.parse(drifted.output as string)).toMatchObject({
      verdict: 'drift',
      drifted: expect.arrayContaining(['age']),
    });
    expect(JSON.parse(again.output as string)).toMatchObject({ verdict: 'drift' });
    expect(h.eventsOf('Drift Detected')).toHaveLength(2);
    expect(runs).toHaveLength(2);
    expect(runs[1]?.triggers.map((t) => t.kind)).toEqual(['drift']);
    expect(runs[1]?.status).toBe('SUCCEEDED');
    const reports = await h.store.monitoring.listReports('churn');
    expect(reports.map((r) => r.verdict)).toEqual(['drift', 'drift', 'stable']);
    const decisions = await h.store.decisions.list('churn');
    const drift = decisions.filter((d) => d.trigger.kind === 'drift');
    expect(drift.map((d) => d.outcome).sort()).toEqual(['admitted', 'suppressed']);
    expect(drift.find((d) => d.outcome === 'suppressed')?.reason).toMatch(/cooldown/);
  });

  it('names a window without traffic as CaptureWindowEmptyError', async () => {
    const h = await createPipelineHarness();
    await h.register(churnSpec());
    await h.requestRun();
    await h.endedRuns(1);

    const result = await h.pipelines.engine.waitForExecution(
      (await h.pipelines.monitor('churn')).executionArn,
    );

    expect(result).toMatchObject({ status: 'FAILED', error: 'CaptureWindowEmptyError' });
  });
});
