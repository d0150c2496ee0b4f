import { churnRows, churnSpec, createPipelineHarness, sendTraffic } from '../../helpers/pipeline';

const FAILING_SERVER = `
const { createServer } = require('node:http');
createServer((request, response) => {
  if (request.url === '/ping') return response.writeHead(200).end();
  request.resume();
  request.on('end', () => response.writeHead(500, { 'content-type': 'text/plain' }).end('model error'));
}).listen(Number(process.env.SAGEMAKER_BIND_TO_PORT), '127.0.0.1');
`;

describe('a canary deployment', () => {
  it('rolls an erroring challenger back to the champion and fails the run with Model Rolled Back', async () => {
    const h = await createPipelineHarness({ files: { 'failing-serve.js': FAILING_SERVER } });
    await h.register(churnSpec());
    await h.requestRun();
    await h.endedRuns(1);
    const spec = churnSpec();
    await h.register({
      ...spec,
      deployment: {
        ...spec.deployment,
        canary: { percent: 50, bake: 30 },
        serve: { command: [process.execPath, 'failing-serve.js'] },
      },
    });

    await h.requestRun();
    // Traffic while the canary bakes: half of it reaches the erroring challenger.
    let statuses: number[] = [];
    for (let i = 0; i < 300 && !statuses.includes(500); i++) {
      if (h.router.status('churn')?.challenger) statuses = await sendTraffic(h.routerPort, churnRows(40));
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [, second] = await h.endedRuns(2);

    expect(statuses).toContain(500);
    expect(second).toMatchObject({ status: 'FAILED', failedStep: 'Deploy', modelVersion: 2 });
    expect(second?.error?.name).toBe('DeploymentRolledBackError');
    expect(second?.deployment).toMatchObject({ state: 'RolledBack', previousVersion: 1 });
    expect((await h.store.aliases.getAlias('churn', 'champion'))?.version).toBe(1);
    expect(h.router.status('churn')).toMatchObject({ champion: { version: 1, weight: 100 } });
    expect(h.router.status('churn')?.challenger).toBeUndefined();
    expect(h.eventsOf('Model Rolled Back')).toEqual([
      expect.objectContaining({ model: 'churn', fromVersion: 2, toVersion: 1, runId: second?.runId }),
    ]);
  });
});
