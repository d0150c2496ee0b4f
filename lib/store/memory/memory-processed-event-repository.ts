import type { ProcessedEventRepository } from '../ports';

export class MemoryProcessedEventRepository implements ProcessedEventRepository {
  private readonly expiries = new Map<string, number>();

  async markProcessed(eventId: string, now: Date, ttlMs: number): Promise<boolean> {
    const expiresAtMs = this.expiries.get(eventId);
    if (expiresAtMs !== undefined && expiresAtMs > now.getTime()) return false;
    this.expiries.set(eventId, now.getTime() + ttlMs);
    return true;
  }
}
