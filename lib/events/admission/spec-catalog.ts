import { type PipelineSpec, pipelineSpecSchema } from '../../spec/schema';
import type { ModelRepository } from '../../store/ports';

export interface RegisteredSpec {
  model: string;
  specVersion: number;
  spec: PipelineSpec;
}

/**
 * The latest registered spec of every model, read from the store and kept for `ttlMs` so a burst of
 * events does not re-read and re-parse them per event; a new spec version is seen within `ttlMs`.
 * Concurrent callers within `ttlMs` of a read in flight share it rather than each reading.
 */
export class SpecCatalog {
  private cached?: { at: number; specs: Map<string, RegisteredSpec> };
  private loading?: { at: number; specs: Promise<Map<string, RegisteredSpec>> };

  constructor(
    private readonly models: ModelRepository,
    private readonly ttlMs = 30_000,
  ) {}

  async all(now: Date): Promise<Map<string, RegisteredSpec>> {
    if (this.cached && now.getTime() - this.cached.at < this.ttlMs) return this.cached.specs;
    if (this.loading && now.getTime() - this.loading.at < this.ttlMs) return this.loading.specs;
    const loading = { at: now.getTime(), specs: this.load() };
    this.loading = loading;
    try {
      const specs = await loading.specs;
      this.cached = { at: loading.at, specs };
      return specs;
    } finally {
      if (this.loading === loading) this.loading = undefined;
    }
  }

  async get(model: string, now: Date): Promise<RegisteredSpec | undefined> {
    return (await this.all(now)).get(model);
  }

  private async load(): Promise<Map<string, RegisteredSpec>> {
    const registrations = await this.models.listModels();
    const specs = new Map<string, RegisteredSpec>();
    for (const registration of registrations) {
      const parsed = pipelineSpecSchema.safeParse(registration.spec);
      // A registration that no longer parses is skipped here; admission reports the model as unknown.
      if (parsed.success) {
        specs.set(registration.model, {
          model: registration.model,
          specVersion: registration.specVersion,
          spec: parsed.data,
        });
      }
    }
    return specs;
  }
}
