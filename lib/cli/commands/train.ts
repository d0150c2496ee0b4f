import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { LocalArtifactStore } from '../../artifacts/local-artifact-store';
import { InvalidInputError } from '../../errors/invalid-input-error';
import { loadSpec } from '../../spec/load-spec';
import { LocalProcessTraining } from '../../training/local-process-training';
import type { TrainingJobDescription } from '../../training/training-backend';
import { ExitCode, printResult } from '../io';
import type { CliContext } from '../program';

/** `conveyor train PROJECT_DIR`: one local training job, with the SageMaker script-mode contract. */
export const registerTrainCommands = (program: Command, { io, exit }: CliContext): void => {
  program
    .command('train')
    .description('Train a model locally as SageMaker would (script mode) and print the job description.')
    .argument('<project-dir>', 'directory holding conveyor.yml and the training code')
    .option(
      '--data <path>',
      'training data: a file, or a directory (with train/ and validation/ subdirectories)',
    )
    .option('--json', 'print the description as JSON')
    .action(async (dir: string, options: { data?: string; json?: boolean }) => {
      const projectDir = resolve(io.cwd, dir);
      const spec = await loadSpec(join(projectDir, 'conveyor.yml'), join(dir, 'conveyor.yml'));
      const data = options.data ? resolve(io.cwd, options.data) : localSource(spec.data.source, projectDir);
      const stateDir = join(projectDir, '.conveyor');
      const training = new LocalProcessTraining({
        root: join(stateDir, 'jobs'),
        projectDir,
        artifacts: new LocalArtifactStore(join(stateDir, 'artifacts')),
      });
      const runId = `local-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
      const started = await training.start({
        model: spec.model.name,
        runId,
        training: spec.training,
        channels: await channelsOf(data),
      });
      const job = await training.waitForCompletion(started.jobName);
      printResult(io, Boolean(options.json), job, formatJob);
      exit(job.status === 'Completed' ? ExitCode.ok : ExitCode.checkFailed);
    });
};

const localSource = (source: string, projectDir: string): string => {
  if (source.startsWith('s3://')) {
    throw new InvalidInputError(
      `data.source is ${source}: local training needs local data, pass --data PATH`,
    );
  }
  return resolve(projectDir, source);
};

/** A directory with `train/` (and `validation/`) gives those channels; anything else is the train channel. */
const channelsOf = async (data: string): Promise<Record<string, string>> => {
  const info = await stat(data).catch(() => {
    throw new InvalidInputError(`training data not found: ${data}`);
  });
  if (!info.isDirectory() || !(await isDirectory(join(data, 'train')))) return { train: data };
  return {
    train: join(data, 'train'),
    ...((await isDirectory(join(data, 'validation'))) ? { validation: join(data, 'validation') } : {}),
  };
};

const isDirectory = async (path: string) => (await stat(path).catch(() => undefined))?.isDirectory() ?? false;

const formatJob = (job: TrainingJobDescription): string =>
  [
    `training job ${job.jobName}: ${job.status}`,
    ...Object.entries(job.metrics).map(([name, value]) => `  ${name}: ${value}`),
    ...(job.artifact ? [`  artifact: ${job.artifact.uri}`] : []),
    ...(job.failureReason
      ? [`  reason: ${job.failureReason}`, '  log tail:', ...job.logTail.map((l) => `    ${l}`)]
      : []),
  ].join('\n');
