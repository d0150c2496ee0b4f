// Shared set-up of the router tests: versions whose "model" tells the fixture server how to behave.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { LocalArtifactStore } from '../../lib/artifacts/local-artifact-store';
import { packModelDirectory } from '../../lib/artifacts/model-archive';
import { deployModelVersion } from '../../lib/deploy/deploy-model-version';
import type { DeploymentSettings } from '../../lib/deploy/deployment-target';
import { LocalModelRouter } from '../../lib/deploy/local-model-router';
import { registerModelVersion } from '../../lib/registry/register-model-version';
import { pipelineSpecSchema } from '../../lib/spec/schema';
import { createMemoryStateStore } from '../../lib/store/memory/memory-state-store';
import { seededRandom } from './seeded-random';

export const FIXTURES = join(__dirname, '../fixtures/inference');

export const deploymentSettings = (overrides: Record<string, unknown> = {}) =>
  pipelineSpecSchema.shape.deployment.parse({
    serve: { command: [process.execPath, 'server.js'] },
    dataCapture: { samplingPercent: 100 },
    ...overrides,
  });

const openHarnesses = new Set<() => Promise<void>>();

// A test that fails half-way still stops its router and inference servers, so jest can exit.
afterEach(async () => {
  await Promise.all([...openHarnesses].map((close) => close()));
});

export const createRouterHarness = async () => {
  const root = await mkdtemp(join(tmpdir(), 'conveyor-router-'));
  const artifacts = new LocalArtifactStore(join(root, 'artifacts'));
  const store = createMemoryStateStore();
  const router = new LocalModelRouter({
    artifacts,
    workDir: join(root, 'work'),
    captureDir: join(root, 'capture'),
    random: seededRandom(42),
  });
  const port = await router.listen();

  /** Registers a version whose fixture server behaves as `behaviour` says. */
  const addVersion = async (behaviour: { label: string; fail?: boolean; healthy?: boolean }) => {
    const dir = await mkdtemp(join(root, 'model-'));
    await writeFile(join(dir, 'model.json'), JSON.stringify(behaviour));
    const artifact = await artifacts.put(await packModelDirectory(dir));
    return registerModelVersion(store, {
      model: 'churn',
      runId: `run-${behaviour.label}`,
      parameters: {},
      metrics: {},
      artifact,
      now: new Date(),
    });
  };

  const agent = new Agent({ keepAlive: true });
  const invoke = (body = '42,pro,20.5,12,1') =>
    new Promise<{ status: number; variant: string; version: number; body: string }>((resolve, reject) => {
      const sent = request(
        {
          host: '127.0.0.1',
          port,
          path: '/models/churn/invocations',
          method: 'POST',
          agent,
          headers: { 'content-type': 'text/csv' },
        },
        (response) => {
          text(response).then(
            (answer) =>
              resolve({
                status: response.statusCode ?? 0,
                variant: String(response.headers['x-conveyor-variant']),
                version: Number(response.headers['x-conveyor-model-version']),
                body: answer,
              }),
            reject,
          );
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });

  /** Sends `count` requests, `concurrency` at a time. */
  const invokeMany = async (count: number, concurrency = 16) => {
    const results: Awaited<ReturnType<typeof invoke>>[] = [];
    let sent = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (sent < count) {
          sent += 1;
          results.push(await invoke());
        }
      }),
    );
    return results;
  };

  /** Resolves once `condition` holds, checking every few milliseconds. */
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  /**
   * Deploys a healthy v1 as champion (run-1) and registers v2 behaving as `challenger`; resolves to a
   * function that deploys v2 (run-2) through the deploy use case.
   */
  const withChampion = async (
    deployment: DeploymentSettings,
    challenger: { fail?: boolean; healthy?: boolean },
  ) => {
    await addVersion({ label: 'v1' });
    await addVersion({ label: 'v2', ...challenger });
    const deploy = (runId: string, version: number, settings: DeploymentSettings) =>
      deployModelVersion(
        { store, target: router },
        { runId, model: 'churn', version, deployment: settings, projectDir: FIXTURES },
      );
    // The champion starts with the default settings: only the challenger's are under test.
    await deploy('run-1', 1, deploymentSettings());
    return () => deploy('run-2', 2, deployment);
  };

  /** Deploys a registered version straight to the router, without the use case. */
  const deploy = (
    version: { version: number; artifact: { uri: string; sha256: string } },
    deployment: DeploymentSettings,
  ) =>
    router.deploy({
      model: 'churn',
      version: version.version,
      artifact: version.artifact,
      deployment,
      projectDir: FIXTURES,
    });

  /** Every capture record written under `capture/<subdir>`, one JSON line each. */
  const capturedLines = async (subdir: string): Promise<string[]> => {
    const entries = await readdir(join(root, 'capture', subdir), { recursive: true, withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    return (await Promise.all(files.map((f) => readFile(f, 'utf8')))).flatMap((text) =>
      text.trim().split('\n'),
    );
  };

  /** Closes the router and the client's connections. */
  const close = async () => {
    openHarnesses.delete(close);
    await router.close();
    agent.destroy();
  };
  openHarnesses.add(close);

  return {
    root,
    artifacts,
    store,
    router,
    port,
    addVersion,
    invoke,
    invokeMany,
    until,
    withChampion,
    deploy,
    capturedLines,
    close,
  };
};
