import type { StoredSchedule } from '../entities';
import type { ScheduleDefinition, ScheduleRepository } from '../ports';
import { nextSchedule } from '../schedule-records';
import type { DynamoTable } from './dynamo-table';

// PK SCHEDULE#<name>  SK DEFINITION (GSI1PK SCHEDULES, GSI1SK <name>): the schedule.
// PK SCHEDULE#<name>  SK CURSOR: the latest slot fired, moved forward only by a conditional write, so
// that two schedulers (or one restarted) never fire the same slot. Slot timestamps are ISO strings in
// UTC, which order as strings the way they order in time.
export class DynamoDBScheduleRepository implements ScheduleRepository {
  constructor(private readonly table: DynamoTable) {}

  async putSchedule(definition: ScheduleDefinition, now: Date): Promise<StoredSchedule> {
    const next = nextSchedule(await this.getSchedule(definition.name), definition, now);
    await this.table.put({
      PK: `SCHEDULE#${definition.name}`,
      SK: 'DEFINITION',
      GSI1PK: 'SCHEDULES',
      GSI1SK: definition.name,
      ...next,
    });
    return next;
  }

  async getSchedule(name: string): Promise<StoredSchedule | undefined> {
    return this.table.get<StoredSchedule>(`SCHEDULE#${name}`, 'DEFINITION');
  }

  async listSchedules(): Promise<StoredSchedule[]> {
    const listed = await this.table.query<StoredSchedule>({ pk: 'SCHEDULES', index: 'GSI1' });
    // The index is eventually consistent on AWS: read each definition back consistently.
    const schedules = await Promise.all(listed.map((s) => this.getSchedule(s.name)));
    return schedules.filter((s): s is StoredSchedule => s !== undefined);
  }

  async deleteSchedule(name: string): Promise<boolean> {
    const existed = await this.table.delete(`SCHEDULE#${name}`, 'DEFINITION', {
      expression: 'attribute_exists(PK)',
    });
    await this.table.delete(`SCHEDULE#${name}`, 'CURSOR');
    return existed;
  }

  async getLastFiredSlot(name: string): Promise<string | undefined> {
    return (await this.table.get<{ slot: string }>(`SCHEDULE#${name}`, 'CURSOR'))?.slot;
  }

  async claimSlot(name: string, slot: string, now: Date): Promise<boolean> {
    if (!(await this.getSchedule(name))) return false;
    return this.table.put(
      { PK: `SCHEDULE#${name}`, SK: 'CURSOR', slot, claimedAt: now.toISOString() },
      {
        expression: 'attribute_not_exists(PK) OR #slot < :slot',
        names: { '#slot': 'slot' },
        values: { ':slot': slot },
      },
    );
  }
}
