// Specs, events and dependencies for admission tests.
import type { z } from 'zod';
import type { AdmissionDeps } from '../../lib/events/admission/admission-deps';
import { MemoryPipelineStarter } from '../../lib/events/admission/memory-pipeline-starter';
import { SpecCatalog } from '../../lib/events/admission/spec-catalog';
import { type EventContract, parseEvent } from '../../lib/events/contracts';
import type { Logger } from '../../lib/events/logger';
import { type PipelineSpecInput, pipelineSpecSchema } from '../../lib/spec/schema';
import type { StateStore } from '../../lib/store/ports';

export const T0 = new Date('2026-11-26T10:00:00.000Z');

/** A clock tests move by hand. */
export class TestClock {
  constructor(public current: Date = T0) {}
  now = (): Date => this.current;
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export const specFor = (name: string, overrides: Partial<PipelineSpecInput> = {}) =>
  pipelineSpecSchema.parse({
    model: { name, paths: [`models/${name}/**`, 'lib/features/**'] },
    data: { source: `s3://acme-data/${name}/`, label: 'label' },
    training: { local: { command: ['python3', 'train.py'] }, timeout: 3600 },
    ...overrides,
  });

export const registerModels = async (store: StateStore, specs: ReturnType<typeof specFor>[]) => {
  for (const spec of specs) await store.models.registerSpec(spec.model.name, spec, T0);
};

export const silentLogger: Logger = { info: () => {}, warn: () => {} };

export const admissionDeps = (store: StateStore, clock: TestClock, starter = new MemoryPipelineStarter()) => {
  const deps: AdmissionDeps = {
    store,
    specs: new SpecCatalog(store.models, 0),
    starter,
    stateMachine: 'conveyor-pipeline',
    environment: 'prod',
    clock: clock.now,
    logger: silentLogger,
  };
  return { deps, starter };
};

let counter = 0;

/** An EventBridge event of a contract, parsed as admission receives it. */
export const eventOf = <S extends z.ZodType>(
  contract: EventContract<S>,
  detail: z.input<S>,
  options: { id?: string; time?: Date } = {},
) => {
  const parsed = parseEvent({
    version: '0',
    id: options.id ?? `evt-${++counter}`,
    'detail-type': contract.detailType,
    source: contract.source,
    account: '123456789012',
    time: (options.time ?? T0).toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail,
  });
  if (!parsed) throw new Error(`no contract for ${contract.source}/${contract.detailType}`);
  return parsed;
};

export const s3Detail = (bucket: string, key: string, versionId: string) => ({
  version: '0',
  bucket: { name: bucket },
  object: {
    key,
    size: 1024,
    etag: 'd41d8cd98f00b204e9800998ecf8427e',
    'version-id': versionId,
    sequencer: '0064D3901D00059242',
  },
  'request-id': 'XRRTKJXSZQCWNQR1',
  requester: '123456789012',
  'source-ip-address': '10.0.0.1',
  reason: 'PutObject',
});
