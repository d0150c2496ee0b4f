import type { StateStore } from '../ports';
import { MemoryAliasRepository } from './memory-alias-repository';
import { MemoryDeadLetterRepository } from './memory-dead-letter-repository';
import { MemoryDecisionRepository } from './memory-decision-repository';
import { MemoryLeaseRepository } from './memory-lease-repository';
import { MemoryModelRepository } from './memory-model-repository';
import { MemoryModelVersionRepository } from './memory-model-version-repository';
import { MemoryMonitoringReportRepository } from './memory-monitoring-report-repository';
import { MemoryProcessedEventRepository } from './memory-processed-event-repository';
import { MemoryRunRepository } from './memory-run-repository';
import { MemoryScheduleRepository } from './memory-schedule-repository';
import { MemorySweepFailureRepository } from './memory-sweep-failure-repository';
import { MemoryTriggerQueueRepository } from './memory-trigger-queue-repository';

/** A state store in this process's memory: for tests and one-shot commands. */
export const createMemoryStateStore = (): StateStore => ({
  models: new MemoryModelRepository(),
  runs: new MemoryRunRepository(),
  triggers: new MemoryTriggerQueueRepository(),
  versions: new MemoryModelVersionRepository(),
  aliases: new MemoryAliasRepository(),
  leases: new MemoryLeaseRepository(),
  events: new MemoryProcessedEventRepository(),
  decisions: new MemoryDecisionRepository(),
  deadLetters: new MemoryDeadLetterRepository(),
  schedules: new MemoryScheduleRepository(),
  monitoring: new MemoryMonitoringReportRepository(),
  sweeps: new MemorySweepFailureRepository(),
});
