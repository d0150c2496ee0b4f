import { createMemoryStateStore } from '../../../lib/store/memory/memory-state-store';
import { describeAdmissionRecordsContract } from '../../contract/admission-records.contract';

describeAdmissionRecordsContract('memory', async () => createMemoryStateStore());
