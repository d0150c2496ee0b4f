import { randomUUID } from 'node:crypto';
import type { DecisionOutcome, TriggerDecision } from '../entities';
import { byDecidedAtDescending } from '../ordering';
import type { DecisionChange, DecisionRepository } from '../ports';
import type { DynamoTable } from './dynamo-table';

// PK DECISIONS#<model>  SK EVENT#<environment>#<eventId>          the decision (conditional on absence)
// PK DECISIONS#<model>  SK DUPLICATE#<environment>#<eventId>#<id>  each repeated delivery
// While a decision is `received`, GSI1PK DECISIONS#<model>#RECEIVED  GSI1SK <decidedAt>#<env>#<eventId>:
// a sparse listing of admissions in flight (or crashed), removed in the same write that decides.
const partition = (model: string) => `DECISIONS#${model}`;
const receivedPartition = (model: string) => `DECISIONS#${model}#RECEIVED`;
const IN_FLIGHT_KEYS = ['GSI1PK', 'GSI1SK'];
const eventKey = (environment: string, eventId: string) => `EVENT#${environment}#${eventId}`;

export class DynamoDBDecisionRepository implements DecisionRepository {
  constructor(private readonly table: DynamoTable) {}

  async begin(decision: TriggerDecision): Promise<boolean> {
    return this.table.put(
      { PK: partition(decision.model), SK: eventKey(decision.environment, decision.eventId), ...decision },
      { expression: 'attribute_not_exists(PK)' },
    );
  }

  async beginOrGet(decision: TriggerDecision): Promise<TriggerDecision | undefined> {
    return this.table.putIfAbsent<TriggerDecision>(
      partition(decision.model),
      eventKey(decision.environment, decision.eventId),
      {
        ...decision,
        ...(decision.outcome === 'received'
          ? {
              GSI1PK: receivedPartition(decision.model),
              GSI1SK: `${decision.decidedAt}#${eventKey(decision.environment, decision.eventId)}`,
            }
          : {}),
      },
    );
  }

  async get(model: string, environment: string, eventId: string): Promise<TriggerDecision | undefined> {
    return this.table.get<TriggerDecision>(partition(model), eventKey(environment, eventId));
  }

  async transition(
    model: string,
    environment: string,
    eventId: string,
    from: readonly DecisionOutcome[],
    change: DecisionChange,
  ): Promise<TriggerDecision | undefined> {
    return this.table.update<TriggerDecision>(
      partition(model),
      eventKey(environment, eventId),
      { ...change },
      {
        expression: `attribute_exists(PK) AND #outcome IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        names: { '#outcome': 'outcome' },
        values: Object.fromEntries(from.map((outcome, i) => [`:from${i}`, outcome])),
      },
      change.outcome === 'received' ? [] : IN_FLIGHT_KEYS,
    );
  }

  async recordDuplicate(decision: TriggerDecision): Promise<void> {
    await this.table.put({
      PK: partition(decision.model),
      SK: `DUPLICATE#${decision.environment}#${decision.eventId}#${randomUUID()}`,
      ...decision,
    });
  }

  async list(model: string, options: { limit?: number } = {}): Promise<TriggerDecision[]> {
    const decisions = await this.table.query<TriggerDecision>({ pk: partition(model) });
    return decisions.sort(byDecidedAtDescending).slice(0, options.limit);
  }

  /**
   * A repeated delivery's write-ahead update sets the listing keys again on a decided decision (every
   * attribute is `if_not_exists`, and the keys were removed): those are dropped from the listing here,
   * once each, so the listing stays as small as the admissions in flight.
   */
  async listReceived(model: string): Promise<TriggerDecision[]> {
    const listed = await this.table.query<TriggerDecision>({ pk: receivedPartition(model), index: 'GSI1' });
    const decided = listed.filter((d) => d.outcome !== 'received');
    await Promise.all(
      decided.map((d) =>
        this.table.update(
          partition(model),
          eventKey(d.environment, d.eventId),
          {},
          {
            expression: 'attribute_exists(PK) AND #outcome <> :received',
            names: { '#outcome': 'outcome' },
            values: { ':received': 'received' },
          },
          IN_FLIGHT_KEYS,
        ),
      ),
    );
    return listed.filter((d) => d.outcome === 'received');
  }
}
