import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore } from '../../../lib/artifacts/local-artifact-store';
import { LocalProcessTraining } from '../../../lib/training/local-process-training';
import type { TrainingJobRequest } from '../../../lib/training/training-backend';

const script = (code: string): TrainingJobRequest => ({
  model: 'churn',
  runId: `run-${Math.random().toString(36).slice(2)}`,
  training: {
    local: { command: [process.execPath, '-e', code], workdir: '.' },
    hyperparameters: {},
    timeout: 5,
    attempts: 1,
    metricsFile: 'metrics.json',
  },
  channels: {},
});

describe('a local training job that goes wrong', () => {
  let training: LocalProcessTraining;

  beforeEach(async () => {
    const root = await mkdtemp(join(tmpdir(), 'conveyor-training-'));
    training = new LocalProcessTraining({
      root,
      projectDir: root,
      artifacts: new LocalArtifactStore(join(root, 'artifacts')),
    });
  });

  const run = async (request: TrainingJobRequest) =>
    training.waitForCompletion((await training.start(request)).jobName);

  it('fails with the reason the script wrote to output/failure and the tail of its logs', async () => {
    const job = await run(
      script(`
        console.log('loading data');
        require('node:fs').writeFileSync(process.env.SM_OUTPUT_DIR + '/failure', 'label column churned is missing');
        process.exit(3);`),
    );

    expect(job).toMatchObject({
      status: 'Failed',
      failureReason: 'AlgorithmError: label column churned is missing',
    });
    expect(job.logTail).toContain('loading data');
    expect(job.artifact).toBeUndefined();
  });

  it('fails with the exit code when the script wrote no failure reason', async () => {
    const job = await run(script(`console.error('boom'); process.exit(2);`));

    expect(job.failureReason).toBe('AlgorithmError: the training command exited with code 2');
    expect(job.logTail).toContain('boom');
  });

  it('kills a job that runs past its timeout and fails it', async () => {
    const request = script(`console.log('epoch 1'); setInterval(() => {}, 1000);`);
    // Long enough for node to start and log under load; the job never ends by itself.
    const job = await run({ ...request, training: { ...request.training, timeout: 1 } });

    expect(job.status).toBe('Failed');
    expect(job.failureReason).toMatch(/^MaxRuntimeExceeded: .*timeout of 1s/);
    expect(job.logTail).toContain('epoch 1');
  });

  it('fails a job that succeeds without writing metrics', async () => {
    const job = await run(script(`console.log('done, forgot the metrics')`));

    expect(job.status).toBe('Failed');
    expect(job.failureReason).toMatch(/wrote no metrics \(output\/data\/metrics\.json is missing\)/);
    expect(job.logTail).toContain('done, forgot the metrics');
  });

  it('fails a job whose metrics file leaves the output directory, without reading it', async () => {
    const request = script(`console.log('ok')`);
    const job = await run({
      ...request,
      training: { ...request.training, metricsFile: '../../../etc/passwd' },
    });

    expect(job.status).toBe('Failed');
    expect(job.failureReason).toMatch(
      /^ClientError: key "\.\.\/\.\.\/\.\.\/etc\/passwd" is refused: it contains \.\./,
    );
  });

  it('fails a job whose command does not exist', async () => {
    const request = script('');
    const job = await run({
      ...request,
      training: { ...request.training, local: { command: ['conveyor-no-such-binary'], workdir: '.' } },
    });

    expect(job.status).toBe('Failed');
    expect(job.failureReason).toMatch(/^ClientError: could not start conveyor-no-such-binary/);
  });

  it('stops a running job on request', async () => {
    const started = await training.start(script(`setInterval(() => {}, 1000);`));

    const stopped = await training.stop(started.jobName);

    expect(stopped.status).toBe('Stopped');
  });
});
