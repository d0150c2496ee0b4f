/**
 * A model's inference server as a local process, started with the SageMaker inference container
 * contract: it listens on `SAGEMAKER_BIND_TO_PORT` (and `PORT`), loads the model from `SM_MODEL_DIR`,
 * answers GET /ping when healthy and POST /invocations with predictions.
 */
import { request } from 'node:http';
import { createServer } from 'node:net';
import { DeploymentFailedError } from '../errors/deployment-failed-error';
import { childEnv, startProcess } from '../process/child-process';
import { LogTail } from '../process/log-tail';

export interface InferenceServer {
  port: number;
  /** Whether the process has exited (crashed, or stopped). */
  exited(): boolean;
  stop(): Promise<void>;
}

export interface InferenceServerOptions {
  label: string;
  command: readonly string[];
  cwd: string;
  modelDir: string;
  healthTimeoutMs: number;
  healthPollMs?: number;
}

/** Starts the server and resolves once GET /ping answers 200; otherwise kills it and throws. */
export const startInferenceServer = async (options: InferenceServerOptions): Promise<InferenceServer> => {
  const port = await freePort();
  const tail = new LogTail(20);
  const child = startProcess({
    command: options.command,
    cwd: options.cwd,
    env: childEnv({
      SAGEMAKER_BIND_TO_PORT: String(port),
      PORT: String(port),
      SM_MODEL_DIR: options.modelDir,
    }),
    onOutput: (chunk) => tail.write(chunk),
  });
  let hasExited = false;
  const exited = child.exited.then((exit) => {
    hasExited = true;
    return exit;
  });
  const server: InferenceServer = {
    port,
    exited: () => hasExited,
    stop: async () => {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(forced);
    },
  };
  const deadline = Date.now() + options.healthTimeoutMs;
  while (!hasExited && Date.now() < deadline) {
    if (await pingOk(port)) return server;
    await new Promise((resolve) => setTimeout(resolve, options.healthPollMs ?? 50));
  }
  const why = hasExited
    ? `exited before it became healthy (${describeExit(await exited)})`
    : `did not answer GET /ping with 200 within ${options.healthTimeoutMs}ms`;
  await server.stop();
  const logs = tail.snapshot();
  throw new DeploymentFailedError(
    `inference server for ${options.label} ${why}${logs.length ? `; last output: ${logs.join(' | ')}` : ''}`,
  );
};

const describeExit = (exit: { code: number | null; signal: string | null; error?: Error }) =>
  exit.error ? exit.error.message : exit.code !== null ? `code ${exit.code}` : `signal ${exit.signal}`;

const pingOk = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const ping = request(
      { host: '127.0.0.1', port, path: '/ping', method: 'GET', timeout: 1000 },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    ping.on('timeout', () => ping.destroy());
    ping.on('error', () => resolve(false));
    ping.end();
  });

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
