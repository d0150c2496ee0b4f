import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { packModelDirectory } from '../../../lib/artifacts/model-archive';
import { s3ObjectReader } from '../../../lib/training/s3-object-reader';
import { SageMakerTraining } from '../../../lib/training/sagemaker-training';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);

const completed = {
  TrainingJobName: 'churn-run-0001',
  TrainingJobStatus: 'Completed' as const,
  FinalMetricDataList: [{ MetricName: 'train:loss', Value: 0.4 }],
  ModelArtifacts: { S3ModelArtifacts: 's3://acme-ml/jobs/churn-run-0001/output/model.tar.gz' },
  Environment: { CONVEYOR_METRICS_FILE: 'metrics.json' },
};

describe('metrics of a SageMaker training job', () => {
  // A new adapter per test: each caches what it read of a completed job's output.
  const adapter = () =>
    new SageMakerTraining(new SageMakerClient({ region: 'eu-west-1' }), {
      roleArn: 'arn:aws:iam::123456789012:role/conveyor-sagemaker',
      outputS3Uri: 's3://acme-ml/jobs/',
      readObject: s3ObjectReader(new S3Client({ region: 'eu-west-1' })),
    });

  beforeEach(() => {
    sagemaker.reset();
    s3.reset();
    sagemaker.on(DescribeTrainingJobCommand).resolves(completed);
  });

  it('come from the metrics file in output.tar.gz, as the script wrote it, like the local backend', async () => {
    const outputData = await mkdtemp(join(tmpdir(), 'conveyor-output-'));
    await writeFile(join(outputData, 'metrics.json'), '{"auc":0.83,"log_loss":0.41}');
    const archive = await packModelDirectory(outputData);
    s3.on(GetObjectCommand).resolves({
      Body: { transformToByteArray: async () => new Uint8Array(archive) } as never,
    });

    const job = await adapter().describe('churn-run-0001');

    expect(job).toMatchObject({
      status: 'Completed',
      metrics: { 'train:loss': 0.4, auc: 0.83, log_loss: 0.41 },
    });
    expect(s3).toHaveReceivedCommandWith(GetObjectCommand, {
      Bucket: 'acme-ml',
      Key: 'jobs/churn-run-0001/output/output.tar.gz',
    });
  });

  it('fail the job when it completed without writing them', async () => {
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({ name: 'NoSuchKey', $fault: 'client', $metadata: {} }),
    );

    const job = await adapter().describe('churn-run-0001');

    expect(job).toMatchObject({
      status: 'Failed',
      failureReason: 'AlgorithmError: the job wrote no metrics (output/data/metrics.json is missing)',
    });
  });
});
