import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { describeAdmissionCrashes } from '../../../contract/admission-crash.contract';

describeAdmissionCrashes('memory', async () => createMemoryStateStore());
