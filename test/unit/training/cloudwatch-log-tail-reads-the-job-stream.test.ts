import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { cloudWatchLogTail } from '../../../lib/training/cloudwatch-log-tail';

const logs = mockClient(CloudWatchLogsClient);

describe('the log tail of a SageMaker training job', () => {
  const readTail = cloudWatchLogTail(new CloudWatchLogsClient({ region: 'eu-west-1' }), 50);

  beforeEach(() => logs.reset());

  it('reads the last lines of the job stream of its first instance', async () => {
    logs.on(DescribeLogStreamsCommand).resolves({
      logStreams: [
        { logStreamName: 'churn-run-0001/algo-2-1764150000' },
        { logStreamName: 'churn-run-0001/algo-1-1764150000' },
      ],
    });
    logs.on(GetLogEventsCommand).resolves({ events: [{ message: 'epoch 19' }, { message: 'epoch 20' }] });

    const tail = await readTail('churn-run-0001');

    expect(tail).toEqual(['epoch 19', 'epoch 20']);
    expect(logs).toHaveReceivedCommandWith(DescribeLogStreamsCommand, {
      logGroupName: '/aws/sagemaker/TrainingJobs',
      logStreamNamePrefix: 'churn-run-0001/',
    });
    expect(logs).toHaveReceivedCommandWith(GetLogEventsCommand, {
      logGroupName: '/aws/sagemaker/TrainingJobs',
      logStreamName: 'churn-run-0001/algo-1-1764150000',
      startFromHead: false,
      limit: 50,
    });
  });

  it('is empty before the job has logged anything', async () => {
    logs
      .on(DescribeLogStreamsCommand)
      .rejects(new ResourceNotFoundException({ message: 'no group', $metadata: {} }));

    await expect(readTail('churn-run-0002')).resolves.toEqual([]);
  });
});
