import type { StoredSchedule } from './entities';
import type { ScheduleDefinition } from './ports';

/** The stored schedule after `definition` is put: a changed expression re-anchors it at `now`. */
export const nextSchedule = (
  current: StoredSchedule | undefined,
  definition: ScheduleDefinition,
  now: Date,
): StoredSchedule => ({
  name: definition.name,
  expression: definition.expression,
  state: definition.state,
  input: definition.input,
  anchorAt: current && current.expression === definition.expression ? current.anchorAt : now.toISOString(),
  createdAt: current?.createdAt ?? now.toISOString(),
  updatedAt: now.toISOString(),
});
