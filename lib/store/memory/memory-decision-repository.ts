import type { DecisionOutcome, TriggerDecision } from '../entities';
import { byDecidedAtDescending } from '../ordering';
import type { DecisionChange, DecisionRepository } from '../ports';

export class MemoryDecisionRepository implements DecisionRepository {
  private readonly decisions = new Map<string, TriggerDecision>();
  private readonly duplicates: TriggerDecision[] = [];

  async begin(decision: TriggerDecision): Promise<boolean> {
    const key = decisionKey(decision.model, decision.environment, decision.eventId);
    if (this.decisions.has(key)) return false;
    this.decisions.set(key, structuredClone(decision));
    return true;
  }

  async beginOrGet(decision: TriggerDecision): Promise<TriggerDecision | undefined> {
    const existing = this.decisions.get(decisionKey(decision.model, decision.environment, decision.eventId));
    if (existing) return structuredClone(existing);
    this.decisions.set(
      decisionKey(decision.model, decision.environment, decision.eventId),
      structuredClone(decision),
    );
    return undefined;
  }

  async get(model: string, environment: string, eventId: string): Promise<TriggerDecision | undefined> {
    const decision = this.decisions.get(decisionKey(model, environment, eventId));
    return decision && structuredClone(decision);
  }

  async transition(
    model: string,
    environment: string,
    eventId: string,
    from: readonly DecisionOutcome[],
    change: DecisionChange,
  ): Promise<TriggerDecision | undefined> {
    const key = decisionKey(model, environment, eventId);
    const current = this.decisions.get(key);
    if (!current || !from.includes(current.outcome)) return undefined;
    const next = { ...current, ...withoutUndefined(change) };
    this.decisions.set(key, next);
    return structuredClone(next);
  }

  async recordDuplicate(decision: TriggerDecision): Promise<void> {
    this.duplicates.push(structuredClone(decision));
  }

  async list(model: string, options: { limit?: number } = {}): Promise<TriggerDecision[]> {
    const all = [...this.decisions.values(), ...this.duplicates].filter((d) => d.model === model);
    return structuredClone(all.sort(byDecidedAtDescending).slice(0, options.limit));
  }

  async listReceived(model: string): Promise<TriggerDecision[]> {
    const received = [...this.decisions.values()].filter(
      (d) => d.model === model && d.outcome === 'received',
    );
    return structuredClone(received.sort((a, b) => a.decidedAt.localeCompare(b.decidedAt)));
  }
}

const decisionKey = (model: string, environment: string, eventId: string) =>
  `${model}\u0000${environment}\u0000${eventId}`;

const withoutUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
