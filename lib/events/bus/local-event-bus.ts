/**
 * The local twin of an EventBridge bus: PutEvents with AWS's validation and results, rule matching
 * with the same patterns, and asynchronous delivery to targets with the rule's retry policy. An event a
 * target still fails when the policy is spent is kept as a dead letter, never dropped; `redrive` sends
 * dead letters again.
 *
 * @example
 *   const bus = new LocalEventBus({ rules: rulesFromConfig(config), targets: { admitTrigger }, deadLetters: store.deadLetters });
 *   await bus.putEvents([{ Source: 'conveyor', DetailType: 'Retraining Requested', Detail: '{"model":"churn","reason":"manual"}' }]);
 *   await bus.drain(); // deliveries are asynchronous, as on AWS
 */
import { randomUUID } from 'node:crypto';
import type { DeadLetter } from '../../store/entities';
import type { DeadLetterRepository } from '../../store/ports';
import type { EventEnvelope } from '../contracts';
import { checkRequest, entryError, type PutEventsRequestEntry, type PutEventsResponse } from './put-events';
import type { BusRule, RetryPolicy } from './rules-from-config';

export type Target = (event: EventEnvelope) => Promise<unknown>;

export interface LocalEventBusOptions {
  rules: BusRule[];
  targets: Record<string, Target>;
  deadLetters: DeadLetterRepository;
  clock?: () => Date;
  /** Waits between attempts; tests pass one that does not sleep. */
  sleep?: (ms: number) => Promise<void>;
  account?: string;
  region?: string;
  /** Delay before the first retry, doubled for each next one (capped at a minute). */
  baseRetryDelayMs?: number;
}

export class LocalEventBus {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: LocalEventBusOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async putEvents(entries: readonly PutEventsRequestEntry[]): Promise<PutEventsResponse> {
    checkRequest(entries);
    const results = entries.map((entry) => {
      const error = entryError(entry);
      if (error) return error;
      const event = this.envelope(entry);
      this.route(event);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  /**
   * Puts an event as an AWS service emits it (S3 Object Created, CodeCommit): the local twins of those
   * services use this, since PutEvents refuses `aws.*` sources, as on AWS.
   */
  emitServiceEvent(event: EventEnvelope): void {
    this.route(event);
  }

  /** Resolves once every delivery started so far has succeeded or been dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Delivers every dead letter again (each claimed once); those that fail again become new dead letters. */
  async redrive(): Promise<{ redriven: number; failed: number }> {
    let redriven = 0;
    let failed = 0;
    for (const letter of await this.options.deadLetters.list()) {
      if (!(await this.options.deadLetters.markRedriven(letter.id, this.clock()))) continue;
      const rule = this.options.rules.find((r) => r.name === letter.rule);
      const ok = await this.deliver(
        letter.rule,
        letter.target,
        letter.event as EventEnvelope,
        rule?.retryPolicy ?? {
          maximumRetryAttempts: 0,
          maximumEventAgeInSeconds: 86_400,
        },
        true,
      );
      if (ok) redriven++;
      else failed++;
    }
    return { redriven, failed };
  }

  private envelope(entry: PutEventsRequestEntry): EventEnvelope {
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType as string,
      source: entry.Source as string,
      account: this.options.account ?? '000000000000',
      time: (entry.Time ?? this.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.options.region ?? 'local',
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail as string),
    };
  }

  private route(event: EventEnvelope): void {
    for (const rule of this.options.rules) {
      if (!rule.pattern.matches(event)) continue;
      const delivery = this.deliver(rule.name, rule.target, event, rule.retryPolicy, false).then(() => {});
      this.inFlight.add(delivery);
      delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  /** True when the target took the event; false when it was dead-lettered. */
  private async deliver(
    ruleName: string,
    targetName: string,
    event: EventEnvelope,
    policy: RetryPolicy,
    redrive: boolean,
  ): Promise<boolean> {
    const target = this.options.targets[targetName];
    const firstAttemptAt = this.clock();
    const ageStart = redrive ? firstAttemptAt.getTime() : Date.parse(event.time);
    let attempts = 0;
    let lastError: Error = new Error(`no target named ${targetName}`);
    while (target) {
      attempts++;
      try {
        await target(event);
        return true;
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
      }
      const ageSeconds = (this.clock().getTime() - ageStart) / 1000;
      if (attempts > policy.maximumRetryAttempts || ageSeconds >= policy.maximumEventAgeInSeconds) break;
      await this.sleep(Math.min(60_000, (this.options.baseRetryDelayMs ?? 100) * 2 ** (attempts - 1)));
    }
    const letter: DeadLetter = {
      id: randomUUID(),
      rule: ruleName,
      target: targetName,
      event,
      error: { name: lastError.name, message: lastError.message },
      attempts,
      firstAttemptAt: firstAttemptAt.toISOString(),
      failedAt: this.clock().toISOString(),
    };
    await this.options.deadLetters.put(letter);
    return false;
  }
}
