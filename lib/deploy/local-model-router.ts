/**
 * The local twin of a SageMaker endpoint with blue/green deployment guardrails. It serves
 * POST /models/NAME/invocations from the model's inference servers (SageMaker container contract),
 * and GET /models/NAME with the variants' weights and health,
 * splits traffic between champion and challenger by weight, captures requests and responses in
 * SageMaker's data-capture format, tracks each variant's error rate and p99 latency, and rolls a
 * challenger back by itself the moment its health crosses the spec's thresholds.
 */
import { mkdir, rm } from 'node:fs/promises';
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buffer } from 'node:stream/consumers';
import type { ArtifactStore } from '../artifacts/artifact-store';
import { unpackModelArchive } from '../artifacts/model-archive';
import { DeploymentFailedError } from '../errors/deployment-failed-error';
import { DeploymentRolledBackError } from '../errors/deployment-rolled-back-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { CaptureWriter, capturedPayload, captureRecord } from './data-capture';
import {
  type DeploymentOutcome,
  type DeploymentSettings,
  type DeploymentTarget,
  type DeployRequest,
  trafficSteps,
} from './deployment-target';
import { type InferenceServer, startInferenceServer } from './inference-server';
import { VariantHealth } from './variant-health';

export interface LocalModelRouterOptions {
  artifacts: ArtifactStore;
  /** Where model archives are unpacked for their servers. */
  workDir: string;
  /** Root of the data-capture files. */
  captureDir: string;
  /** Traffic split and capture sampling; pass a seeded generator to reproduce a split. */
  random?: () => number;
  clock?: () => Date;
  onError?: (error: unknown) => void;
}

interface Variant {
  version: number;
  server: InferenceServer;
  health: VariantHealth;
}

interface Rollout {
  challenger: Variant;
  /** Percent of traffic the challenger gets. */
  weight: number;
  settings: DeploymentSettings;
  /** Ends the rollout: traffic returns to the champion at once, the deployment rejects with `error`. */
  abort: (error: Error) => void;
}

interface Endpoint {
  model: string;
  champion?: Variant;
  rollout?: Rollout;
  samplingPercent: number;
}

export interface VariantStatus {
  version: number;
  weight: number;
  health: ReturnType<VariantHealth['summary']>;
}

export interface EndpointStatus {
  model: string;
  champion?: VariantStatus;
  challenger?: VariantStatus;
}

const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024; // SageMaker's real-time invocation limit
const WATCH_INTERVAL_MS = 200;

export class LocalModelRouter implements DeploymentTarget {
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly deployments = new Set<Promise<unknown>>();
  private readonly capture: CaptureWriter;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly random: () => number;
  private readonly clock: () => Date;
  private server: Server | undefined;
  private closing = false;

  constructor(private readonly options: LocalModelRouterOptions) {
    this.capture = new CaptureWriter(options.captureDir);
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Starts serving HTTP; resolves to the port. */
  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.options.onError?.(error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'internal error' }));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const address = server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  /** Ends rollouts in progress (they fail), stops every inference server and the HTTP server. */
  /** Resolves when every request captured so far is on disk (monitoring reads the files). */
  flushCapture(): Promise<void> {
    return this.capture.flush();
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const endpoint of this.endpoints.values()) {
      endpoint.rollout?.abort(
        new DeploymentFailedError(`the router closed while ${endpoint.model} was deploying`),
      );
    }
    await Promise.allSettled([...this.deployments]);
    await Promise.all([...this.endpoints.values()].map((e) => e.champion?.server.stop()));
    this.endpoints.clear();
    await this.capture.flush();
    this.agent.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  status(model: string): EndpointStatus | undefined {
    const endpoint = this.endpoints.get(model);
    if (!endpoint) return undefined;
    const challengerWeight = endpoint.rollout?.weight ?? 0;
    const describe = (variant: Variant, weight: number): VariantStatus => ({
      version: variant.version,
      weight,
      health: variant.health.summary(),
    });
    return {
      model,
      ...(endpoint.champion ? { champion: describe(endpoint.champion, 100 - challengerWeight) } : {}),
      ...(endpoint.rollout ? { challenger: describe(endpoint.rollout.challenger, challengerWeight) } : {}),
    };
  }

  deploy(request: DeployRequest): Promise<DeploymentOutcome> {
    const deployment = this.rollOut(request);
    this.deployments.add(deployment);
    void deployment.catch(() => undefined).finally(() => this.deployments.delete(deployment));
    return deployment;
  }

  private async rollOut(request: DeployRequest): Promise<DeploymentOutcome> {
    const { model, version, deployment } = request;
    const endpoint = this.endpoints.get(model) ?? { model, samplingPercent: 0 };
    this.endpoints.set(model, endpoint);
    if (endpoint.rollout) {
      throw new DeploymentFailedError(
        `${model} v${endpoint.rollout.challenger.version} is being deployed; v${version} cannot start now`,
      );
    }
    if (endpoint.champion?.version === version) return { model, version, steps: [] };
    if (!deployment.serve)
      throw new InvalidInputError(`deployment.serve.command is missing in the spec of ${model}`);
    if (!request.projectDir)
      throw new InvalidInputError(`the local deployment of ${model} needs the project directory`);
    endpoint.samplingPercent = deployment.dataCapture.samplingPercent;

    const modelDir = join(this.options.workDir, model, `v${version}`);
    await rm(modelDir, { recursive: true, force: true });
    await mkdir(modelDir, { recursive: true });
    await unpackModelArchive(
      await buffer(await this.options.artifacts.get(request.artifact.sha256)),
      modelDir,
    );
    const server = await startInferenceServer({
      label: `${model} v${version}`,
      command: deployment.serve.command,
      cwd: join(request.projectDir, deployment.serve.workdir),
      modelDir,
      healthTimeoutMs: deployment.healthCheckTimeout * 1000,
    });
    if (this.closing) {
      await server.stop();
      throw new DeploymentFailedError(`the router closed while ${model} was deploying`);
    }
    const variant: Variant = { version, server, health: new VariantHealth() };
    const previous = endpoint.champion;
    if (!previous) {
      endpoint.champion = variant;
      return { model, version, steps: [{ percent: 100, bakeSeconds: 0 }] };
    }

    const steps = trafficSteps(deployment);
    const rollout: Rollout = { challenger: variant, weight: 0, settings: deployment, abort: () => undefined };
    endpoint.rollout = rollout;
    try {
      for (const step of steps) {
        rollout.weight = step.percent;
        await this.bake(model, rollout, step.bakeSeconds);
      }
    } catch (error) {
      endpoint.rollout = undefined;
      await server.stop();
      throw error;
    }
    endpoint.champion = variant;
    endpoint.rollout = undefined;
    await previous.server.stop();
    return { model, version, previousVersion: previous.version, steps };
  }

  /** Waits out a step's bake time, watching the challenger; rejects when the rollout is aborted. */
  private bake(model: string, rollout: Rollout, seconds: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const version = rollout.challenger.version;
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearInterval(watch);
        if (error) {
          rollout.weight = 0;
          reject(error);
        } else resolve();
      };
      rollout.abort = settle;
      const timer = setTimeout(() => {
        const why = rollout.challenger.health.breach(rollout.settings.rollback);
        settle(
          why ? new DeploymentRolledBackError(`${model} v${version} was rolled back: ${why}`) : undefined,
        );
      }, seconds * 1000);
      const watch = setInterval(() => {
        if (rollout.challenger.server.exited()) {
          settle(
            new DeploymentRolledBackError(
              `${model} v${version} was rolled back: its inference server exited`,
            ),
          );
        }
      }, WATCH_INTERVAL_MS);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://router').pathname;
    if (req.method === 'GET' && path === '/ping') {
      res.writeHead(200).end();
      return;
    }
    const described = /^\/models\/([a-z][a-z0-9-]{0,62})$/.exec(path);
    if (described && req.method === 'GET') {
      const status = this.status(described[1] as string);
      if (status) sendJson(res, 200, status);
      else sendJson(res, 404, { message: `model ${described[1]} is not deployed` });
      return;
    }
    const match = /^\/models\/([a-z][a-z0-9-]{0,62})\/invocations$/.exec(path);
    if (!match || req.method !== 'POST') {
      sendJson(res, 404, { message: `no route for ${req.method} ${path}` });
      return;
    }
    const model = match[1] as string;
    const endpoint = this.endpoints.get(model);
    const champion = endpoint?.champion;
    if (!endpoint || !champion) {
      sendJson(res, 404, { message: `model ${model} is not deployed` });
      return;
    }
    const body = await readBody(req);
    if (!body) {
      sendJson(res, 413, { message: `payload exceeds ${MAX_PAYLOAD_BYTES} bytes` });
      return;
    }
    const rollout = endpoint.rollout;
    const toChallenger = rollout !== undefined && this.random() * 100 < rollout.weight;
    const variant = toChallenger ? rollout.challenger : champion;
    const contentType = req.headers['content-type'] ?? 'application/octet-stream';
    const started = performance.now();
    const result = await this.forward(variant.server.port, body, contentType, req.headers.accept);
    variant.health.record(performance.now() - started, result.status >= 500);
    res
      .writeHead(result.status, {
        'content-type': result.contentType,
        'x-conveyor-variant': toChallenger ? 'challenger' : 'champion',
        'x-conveyor-model-version': String(variant.version),
      })
      .end(result.body);
    if (toChallenger) {
      const why = variant.health.breach(rollout.settings.rollback);
      if (why)
        rollout.abort(new DeploymentRolledBackError(`${model} v${variant.version} was rolled back: ${why}`));
    }
    if (this.random() * 100 < endpoint.samplingPercent) {
      const record = captureRecord(
        capturedPayload('INPUT', contentType, body),
        capturedPayload('OUTPUT', result.contentType, result.body),
        this.clock(),
      );
      this.capture
        .write(model, `v${variant.version}`, record)
        .catch((error: unknown) => this.options.onError?.(error));
    }
  }

  private forward(
    port: number,
    body: Buffer,
    contentType: string,
    accept: string | undefined,
  ): Promise<{ status: number; contentType: string; body: Buffer }> {
    return new Promise((resolve) => {
      const failed = (error: Error) =>
        resolve({
          status: 502,
          contentType: 'application/json',
          body: Buffer.from(JSON.stringify({ message: `inference server unreachable: ${error.message}` })),
        });
      const forwarded = request(
        {
          host: '127.0.0.1',
          port,
          path: '/invocations',
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': contentType,
            'content-length': body.length,
            ...(accept ? { accept } : {}),
          },
        },
        (response) => {
          buffer(response).then(
            (answer) =>
              resolve({
                status: response.statusCode ?? 502,
                contentType: response.headers['content-type'] ?? 'application/octet-stream',
                body: answer,
              }),
            failed,
          );
        },
      );
      forwarded.on('error', failed);
      forwarded.end(body);
    });
  }
}

const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

/** The request body, or undefined when it is larger than SageMaker accepts. */
const readBody = async (req: IncomingMessage): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};
