import {
  type CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';

const LOG_GROUP = '/aws/sagemaker/TrainingJobs';

/**
 * Reads the tail of a SageMaker training job's logs: SageMaker writes them to
 * `/aws/sagemaker/TrainingJobs`, one stream per instance named `<jobName>/algo-N-<epoch>`. The tail
 * comes from the first instance, which is where a single-instance job logs everything.
 */
export const cloudWatchLogTail =
  (client: CloudWatchLogsClient, lines = 100) =>
  async (jobName: string): Promise<string[]> => {
    try {
      const { logStreams } = await client.send(
        new DescribeLogStreamsCommand({ logGroupName: LOG_GROUP, logStreamNamePrefix: `${jobName}/` }),
      );
      const stream = logStreams
        ?.map((s) => s.logStreamName)
        .filter((name): name is string => Boolean(name))
        .sort()[0];
      if (!stream) return [];
      const { events } = await client.send(
        new GetLogEventsCommand({
          logGroupName: LOG_GROUP,
          logStreamName: stream,
          startFromHead: false,
          limit: lines,
        }),
      );
      return (events ?? []).map((e) => e.message ?? '');
    } catch (error) {
      // A job that has not started logging has no group or stream yet.
      if (error instanceof ResourceNotFoundException) return [];
      throw error;
    }
  };
