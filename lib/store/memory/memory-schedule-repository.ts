import type { StoredSchedule } from '../entities';
import type { ScheduleDefinition, ScheduleRepository } from '../ports';
import { nextSchedule } from '../schedule-records';

export class MemoryScheduleRepository implements ScheduleRepository {
  private readonly schedules = new Map<string, StoredSchedule>();
  private readonly cursors = new Map<string, string>();

  async putSchedule(definition: ScheduleDefinition, now: Date): Promise<StoredSchedule> {
    const next = nextSchedule(this.schedules.get(definition.name), definition, now);
    this.schedules.set(definition.name, structuredClone(next));
    return next;
  }

  async getSchedule(name: string): Promise<StoredSchedule | undefined> {
    return structuredClone(this.schedules.get(name));
  }

  async listSchedules(): Promise<StoredSchedule[]> {
    return structuredClone([...this.schedules.values()].sort((a, b) => a.name.localeCompare(b.name)));
  }

  async deleteSchedule(name: string): Promise<boolean> {
    this.cursors.delete(name);
    return this.schedules.delete(name);
  }

  async getLastFiredSlot(name: string): Promise<string | undefined> {
    return this.cursors.get(name);
  }

  async claimSlot(name: string, slot: string): Promise<boolean> {
    const last = this.cursors.get(name);
    if (!this.schedules.has(name) || (last !== undefined && last >= slot)) return false;
    this.cursors.set(name, slot);
    return true;
  }
}
