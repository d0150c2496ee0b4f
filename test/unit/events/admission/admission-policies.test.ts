import { createMemoryStateStore } from '../../../../lib/store/memory/memory-state-store';
import { describeAdmissionPolicies } from '../../../contract/admission-policies.contract';

describeAdmissionPolicies('memory', async () => createMemoryStateStore());
