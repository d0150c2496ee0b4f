import type { SweepFailure } from '../entities';
import type { SweepFailureRepository } from '../ports';

export class MemorySweepFailureRepository implements SweepFailureRepository {
  private readonly failures = new Map<string, SweepFailure>();

  async put(failure: SweepFailure): Promise<void> {
    this.failures.set(`${failure.model}\u0000${failure.environment}`, structuredClone(failure));
  }

  async list(): Promise<SweepFailure[]> {
    return structuredClone([...this.failures.values()]);
  }

  async clear(model: string, environment: string): Promise<void> {
    this.failures.delete(`${model}\u0000${environment}`);
  }
}
