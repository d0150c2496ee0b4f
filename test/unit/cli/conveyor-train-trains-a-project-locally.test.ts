import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConveyor } from '../../helpers/cli';

const EXAMPLE = join(__dirname, '../../../examples/churn');

describe('conveyor train', () => {
  let project: string;

  beforeAll(async () => {
    project = join(await mkdtemp(join(tmpdir(), 'conveyor-train-cli-')), 'churn');
    await cp(EXAMPLE, project, { recursive: true, filter: (source) => !source.includes('.conveyor') });
  });

  it('runs a local job from the project spec and prints its description as JSON', async () => {
    const result = await runConveyor(['train', 'churn', '--json'], {
      cwd: join(project, '..'),
      env: { PATH: process.env.PATH },
    });

    expect(result.code).toBe(0);
    const job = JSON.parse(result.stdout);
    expect(job).toMatchObject({ status: 'Completed', jobName: expect.stringMatching(/^churn-local-/) });
    expect(job.metrics.auc).toBeGreaterThan(0.7);
    expect(job.artifact.uri).toContain(join(project, '.conveyor', 'artifacts', 'sha256'));
  });

  it('exits 1 and shows the reason when the job fails', async () => {
    const result = await runConveyor(['train', project, '--data', join(project, 'conveyor.yml')], {
      env: { PATH: process.env.PATH },
    });

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/: Failed\n {2}reason: AlgorithmError: /);
  });

  it('exits 2 when the data is missing', async () => {
    const result = await runConveyor(['train', project, '--data', 'nowhere.csv'], { cwd: project });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/training data not found: .*nowhere\.csv/);
  });
});

describe('the churn example spec', () => {
  it('is accepted by conveyor spec check', async () => {
    const result = await runConveyor(['spec', 'check', join(EXAMPLE, 'conveyor.yml')]);

    expect(result).toMatchObject({ code: 0, stderr: '' });
  });
});
