import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { LocalArtifactStore } from '../../../lib/artifacts/local-artifact-store';
import { unpackModelArchive } from '../../../lib/artifacts/model-archive';
import { loadSpec } from '../../../lib/spec/load-spec';
import { LocalProcessTraining } from '../../../lib/training/local-process-training';

const EXAMPLE = join(__dirname, '../../../examples/churn');

describe('local training of the churn example', () => {
  it('trains the model with the script-mode contract and records its metrics and artifact', async () => {
    const root = await mkdtemp(join(tmpdir(), 'conveyor-training-'));
    const artifacts = new LocalArtifactStore(join(root, 'artifacts'));
    const training = new LocalProcessTraining({ root: join(root, 'jobs'), projectDir: EXAMPLE, artifacts });
    const spec = await loadSpec(join(EXAMPLE, 'conveyor.yml'));
    const request = {
      model: 'churn',
      runId: 'run-0001',
      training: { ...spec.training, hyperparameters: { epochs: 50, learning_rate: 0.5 } },
      channels: { train: 'data/train', validation: 'data/validation' },
    };

    const [started, concurrent] = await Promise.all([training.start(request), training.start(request)]);
    const done = await training.waitForCompletion(started.jobName);
    const attached = await training.start(request);

    expect(started).toMatchObject({ jobName: 'churn-run-0001', status: 'InProgress' });
    expect(concurrent).toEqual(started);
    expect(done.status).toBe('Completed');
    expect(done.metrics.auc).toBeGreaterThan(0.7);
    expect(done.hyperparameters).toEqual({ epochs: '50', learning_rate: '0.5' });
    expect(done.logTail.join('\n')).toMatch(/trained on 600 rows/);
    expect(done.artifact?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await artifacts.exists(done.artifact?.sha256 as string)).toBe(true);
    expect(attached).toEqual(done);

    const unpacked = join(root, 'unpacked');
    await unpackModelArchive(await buffer(await artifacts.get(done.artifact?.sha256 as string)), unpacked);
    expect(JSON.parse(await readFile(join(unpacked, 'model.json'), 'utf8'))).toHaveProperty('weights');
  });
});
