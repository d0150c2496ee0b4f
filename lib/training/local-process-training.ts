/**
 * Training as a local child process with the SageMaker script-mode contract: the job gets a root laid
 * out like `/opt/ml` and the `SM_*` variables, so a team's training script runs unchanged here and on
 * SageMaker. Jobs are recorded in `<root>/<jobName>/job.json`, so a description survives restarts.
 *
 * <root>/<jobName>/job.json
 * <root>/<jobName>/ml/input/data/<channel>/   the channel's files, copied
 * <root>/<jobName>/ml/input/config/           hyperparameters.json, inputdataconfig.json, resourceconfig.json
 * <root>/<jobName>/ml/model/                  SM_MODEL_DIR, packed into model.tar.gz when the job ends
 * <root>/<jobName>/ml/output/data/            SM_OUTPUT_DATA_DIR, where metrics are read from
 * <root>/<jobName>/ml/output/failure          the failure reason a failing script may write
 */
import { cp, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { ArtifactStore } from '../artifacts/artifact-store';
import { packModelDirectory } from '../artifacts/model-archive';
import { InvalidInputError } from '../errors/invalid-input-error';
import { NotFoundError } from '../errors/not-found-error';
import { resolveInsideRoot } from '../files/safe-path';
import { childEnv, type ProcessExit, type StartedProcess, startProcess } from '../process/child-process';
import { LogTail } from '../process/log-tail';
import { assertJobName, trainingJobName } from './job-name';
import { readMetrics } from './metrics-file';
import {
  stringifyHyperparameters,
  type TrainingBackend,
  type TrainingJobDescription,
  type TrainingJobRequest,
} from './training-backend';

export interface LocalProcessTrainingOptions {
  /** Where jobs are laid out. */
  root: string;
  /** Where the model project lives (one, or one per model): the command's workdir is relative to it. */
  projectDir: string | ((model: string) => string);
  artifacts: ArtifactStore;
  clock?: () => Date;
  logTailLines?: number;
}

interface RunningJob {
  process: StartedProcess;
  tail: LogTail;
  stopRequested: boolean;
  settled: Promise<TrainingJobDescription>;
}

const FAILURE_REASON_LIMIT = 1024;

export class LocalProcessTraining implements TrainingBackend {
  private readonly running = new Map<string, RunningJob>();
  /** Starts in progress, so that a concurrent start or describe waits for the job to be launched. */
  private readonly starting = new Map<string, Promise<TrainingJobDescription>>();
  private readonly clock: () => Date;

  constructor(private readonly options: LocalProcessTrainingOptions) {
    this.clock = options.clock ?? (() => new Date());
  }
  private projectDirOf(model: string): string {
    const { projectDir } = this.options;
    return typeof projectDir === 'string' ? projectDir : projectDir(model);
  }

  async start(request: TrainingJobRequest): Promise<TrainingJobDescription> {
    const jobName = trainingJobName(request.model, request.runId);
    const pending = this.starting.get(jobName);
    if (pending) return pending;
    const started = this.startJob(jobName, request);
    this.starting.set(jobName, started);
    try {
      return await started;
    } finally {
      this.starting.delete(jobName);
    }
  }

  private async startJob(jobName: string, request: TrainingJobRequest): Promise<TrainingJobDescription> {
    const command = request.training.local?.command;
    if (!command)
      throw new InvalidInputError(`training.local.command is missing in the spec of ${request.model}`);
    const jobDir = join(this.options.root, jobName);
    await mkdir(this.options.root, { recursive: true });
    try {
      // mkdir without `recursive` is the claim: a second start of the same job finds it and attaches.
      await mkdir(jobDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return this.read(jobName);
      throw error;
    }
    const hyperparameters = stringifyHyperparameters(request.training.hyperparameters);
    const job: TrainingJobDescription = {
      jobName,
      status: 'InProgress',
      metrics: {},
      hyperparameters,
      logTail: [],
      startedAt: this.clock().toISOString(),
    };
    await this.save(job);
    try {
      const env = await this.prepare(jobDir, request, hyperparameters);
      const workdir = resolve(this.projectDirOf(request.model), request.training.local?.workdir ?? '.');
      this.launch(job, jobDir, request, [...command, ...hyperparameterArgs(hyperparameters)], workdir, env);
    } catch (error) {
      return this.finish(job, {
        status: 'Failed',
        failureReason: `ClientError: ${(error as Error).message}`,
      });
    }
    return job;
  }

  async describe(jobName: string): Promise<TrainingJobDescription> {
    assertJobName(jobName);
    return this.starting.get(jobName) ?? this.read(jobName);
  }

  private async read(jobName: string): Promise<TrainingJobDescription> {
    let job: TrainingJobDescription;
    try {
      job = JSON.parse(await readFile(join(this.options.root, jobName, 'job.json'), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new NotFoundError(`training job ${jobName} does not exist`, { cause: error });
      }
      throw error;
    }
    const running = this.running.get(jobName);
    if (running) return { ...job, logTail: running.tail.snapshot() };
    if (job.status === 'InProgress' || job.status === 'Stopping') {
      // No process of ours runs it: Conveyor stopped while the job ran.
      return this.finish(job, {
        status: 'Failed',
        failureReason: 'InternalServerError: the training process was lost',
      });
    }
    return job;
  }

  async stop(jobName: string): Promise<TrainingJobDescription> {
    const running = this.running.get(jobName);
    if (!running) return this.describe(jobName);
    running.stopRequested = true;
    running.process.kill('SIGTERM');
    return running.settled;
  }

  /** Resolves when the job has ended; for callers in this process (the CLI, tests). */
  async waitForCompletion(jobName: string): Promise<TrainingJobDescription> {
    return this.running.get(jobName)?.settled ?? this.describe(jobName);
  }

  private async prepare(
    jobDir: string,
    request: TrainingJobRequest,
    hyperparameters: Record<string, string>,
  ): Promise<Record<string, string>> {
    const ml = join(jobDir, 'ml');
    const dirs = {
      input: join(ml, 'input'),
      config: join(ml, 'input', 'config'),
      data: join(ml, 'input', 'data'),
      model: join(ml, 'model'),
      output: join(ml, 'output'),
      outputData: join(ml, 'output', 'data'),
    };
    for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
    const channels = Object.keys(request.channels).sort();
    for (const channel of channels) {
      if (!/^[A-Za-z0-9.\-_]+$/.test(channel)) throw new InvalidInputError(`invalid channel name ${channel}`);
      const source = resolve(this.projectDirOf(request.model), request.channels[channel] as string);
      const info = await stat(source).catch(() => {
        throw new InvalidInputError(`data for channel ${channel} not found: ${source}`);
      });
      const target = join(dirs.data, channel);
      await cp(source, info.isDirectory() ? target : join(target, basename(source)), { recursive: true });
    }
    await writeJson(join(dirs.config, 'hyperparameters.json'), hyperparameters);
    await writeJson(
      join(dirs.config, 'inputdataconfig.json'),
      Object.fromEntries(
        channels.map((c) => [c, { TrainingInputMode: 'File', S3DistributionType: 'FullyReplicated' }]),
      ),
    );
    await writeJson(join(dirs.config, 'resourceconfig.json'), { current_host: 'algo-1', hosts: ['algo-1'] });
    return {
      SM_MODEL_DIR: dirs.model,
      SM_INPUT_DIR: dirs.input,
      SM_INPUT_CONFIG_DIR: dirs.config,
      SM_OUTPUT_DIR: dirs.output,
      SM_OUTPUT_DATA_DIR: dirs.outputData,
      SM_CHANNELS: JSON.stringify(channels),
      ...Object.fromEntries(channels.map((c) => [`SM_CHANNEL_${c.toUpperCase()}`, join(dirs.data, c)])),
      SM_HPS: JSON.stringify(request.training.hyperparameters),
      ...Object.fromEntries(Object.entries(hyperparameters).map(([n, v]) => [`SM_HP_${n.toUpperCase()}`, v])),
      SM_HOSTS: JSON.stringify(['algo-1']),
      SM_CURRENT_HOST: 'algo-1',
      SM_NUM_CPUS: String(availableParallelism()),
      SM_NUM_GPUS: '0',
    };
  }

  private launch(
    job: TrainingJobDescription,
    jobDir: string,
    request: TrainingJobRequest,
    command: string[],
    workdir: string,
    sm: Record<string, string>,
  ): void {
    const tail = new LogTail(this.options.logTailLines ?? 100);
    const child = startProcess({ command, cwd: workdir, env: childEnv(sm), onOutput: (c) => tail.write(c) });
    const timeoutSeconds = request.training.timeout;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    const entry: RunningJob = { process: child, tail, stopRequested: false, settled: Promise.resolve(job) };
    entry.settled = child.exited.then(async (exit) => {
      clearTimeout(timer);
      // Whatever goes wrong while collecting the results, the job ends: it must never stay InProgress.
      const outcome = await this.outcome(
        exit,
        { timedOut, stopped: entry.stopRequested, timeoutSeconds },
        jobDir,
        request,
      ).catch(
        (error: unknown): Partial<TrainingJobDescription> => ({
          status: 'Failed',
          failureReason: `ClientError: ${(error as Error).message}`,
        }),
      );
      const done = await this.finish({ ...job, logTail: tail.snapshot() }, outcome);
      this.running.delete(job.jobName);
      return done;
    });
    this.running.set(job.jobName, entry);
  }

  private async outcome(
    exit: ProcessExit,
    how: { timedOut: boolean; stopped: boolean; timeoutSeconds: number },
    jobDir: string,
    request: TrainingJobRequest,
  ): Promise<Partial<TrainingJobDescription>> {
    const ml = join(jobDir, 'ml');
    if (how.stopped) return { status: 'Stopped' };
    if (how.timedOut) {
      return {
        status: 'Failed',
        failureReason: `MaxRuntimeExceeded: the job ran longer than its timeout of ${how.timeoutSeconds}s`,
      };
    }
    if (exit.error) {
      return {
        status: 'Failed',
        failureReason: `ClientError: could not start ${request.training.local?.command[0]}: ${exit.error.message}`,
      };
    }
    if (exit.code !== 0) {
      const written = await readFile(join(ml, 'output', 'failure'), 'utf8').catch(() => '');
      const detail = written.trim().slice(0, FAILURE_REASON_LIMIT);
      const status = exit.code === null ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
      return {
        status: 'Failed',
        failureReason: `AlgorithmError: ${detail || `the training command ${status}`}`,
      };
    }
    const metricsKey = request.training.metricsFile;
    const path = await resolveInsideRoot(join(ml, 'output', 'data'), metricsKey);
    const outcome = readMetrics(await readFile(path, 'utf8').catch(() => undefined), metricsKey);
    if ('failureReason' in outcome) return { status: 'Failed', failureReason: outcome.failureReason };
    const archive = await packModelDirectory(join(ml, 'model'));
    const artifact = await this.options.artifacts.put(archive);
    return { status: 'Completed', metrics: outcome.metrics, artifact };
  }

  private async finish(
    job: TrainingJobDescription,
    outcome: Partial<TrainingJobDescription>,
  ): Promise<TrainingJobDescription> {
    const done = { ...job, ...outcome, endedAt: this.clock().toISOString() };
    await this.save(done);
    return done;
  }

  private async save(job: TrainingJobDescription): Promise<void> {
    // Write then rename, so a reader never sees half a record.
    const path = join(this.options.root, job.jobName, 'job.json');
    await writeFile(`${path}.tmp`, JSON.stringify(job, null, 2));
    await rename(`${path}.tmp`, path);
  }
}

/** Script mode passes hyperparameters as `--name value` arguments too. */
const hyperparameterArgs = (hyperparameters: Record<string, string>): string[] =>
  Object.entries(hyperparameters).flatMap(([name, value]) => [`--${name}`, value]);

const writeJson = (path: string, value: unknown) => writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
