import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { describeStateStoreContract } from '../../contract/state-store.contract';
import { createStateTable } from '../../helpers/dynalite';

describeStateStoreContract('DynamoDB on dynalite', async () => {
  const { documentClient, tableName } = await createStateTable();
  return createDynamoDBStateStore(documentClient, tableName);
});
