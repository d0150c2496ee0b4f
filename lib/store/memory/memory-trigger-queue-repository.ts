import type { QueuedTrigger } from '../entities';
import { byQueuedAt } from '../ordering';
import type { TriggerQueueRepository } from '../ports';

export class MemoryTriggerQueueRepository implements TriggerQueueRepository {
  private readonly queues = new Map<string, Map<string, QueuedTrigger>>();
  private readonly windows = new Map<string, string>();

  async enqueue(trigger: QueuedTrigger): Promise<boolean> {
    const key = queueKey(trigger.model, trigger.environment);
    const queue = this.queues.get(key) ?? new Map<string, QueuedTrigger>();
    if (queue.has(trigger.trigger.eventId)) return false;
    queue.set(trigger.trigger.eventId, structuredClone(trigger));
    this.queues.set(key, queue);
    return true;
  }

  async list(model: string, environment: string): Promise<QueuedTrigger[]> {
    const queued = [...(this.queues.get(queueKey(model, environment))?.values() ?? [])];
    return structuredClone(queued.sort(byQueuedAt));
  }

  async remove(model: string, environment: string, eventIds: readonly string[]): Promise<void> {
    const queue = this.queues.get(queueKey(model, environment));
    for (const eventId of eventIds) queue?.delete(eventId);
  }

  async openWindow(model: string, environment: string, at: string): Promise<string> {
    const key = queueKey(model, environment);
    const opened = this.windows.get(key) ?? at;
    this.windows.set(key, opened);
    return opened;
  }

  async closeWindow(model: string, environment: string): Promise<void> {
    this.windows.delete(queueKey(model, environment));
  }
}

const queueKey = (model: string, environment: string) => `${model}\u0000${environment}`;
