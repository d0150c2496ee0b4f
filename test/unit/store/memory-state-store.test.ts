import { createMemoryStateStore } from '../../../lib/store/memory/memory-state-store';
import { describeStateStoreContract } from '../../contract/state-store.contract';

describeStateStoreContract('memory', async () => createMemoryStateStore());
