import type { DeadLetter } from '../entities';
import { byFailedAt } from '../ordering';
import type { DeadLetterRepository } from '../ports';

export class MemoryDeadLetterRepository implements DeadLetterRepository {
  private readonly letters = new Map<string, DeadLetter>();

  async put(letter: DeadLetter): Promise<void> {
    this.letters.set(letter.id, structuredClone(letter));
  }

  async list(options: { includeRedriven?: boolean } = {}): Promise<DeadLetter[]> {
    const letters = [...this.letters.values()].filter((l) => options.includeRedriven || !l.redrivenAt);
    return structuredClone(letters.sort(byFailedAt));
  }

  async markRedriven(id: string, now: Date): Promise<boolean> {
    const letter = this.letters.get(id);
    if (!letter || letter.redrivenAt) return false;
    letter.redrivenAt = now.toISOString();
    return true;
  }
}
