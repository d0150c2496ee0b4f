import { createMemoryStateStore } from '../../../lib/store/memory/memory-state-store';
import { describeScheduleRepositoryContract } from '../../contract/schedule-repository.contract';

describeScheduleRepositoryContract('memory', async () => createMemoryStateStore());
