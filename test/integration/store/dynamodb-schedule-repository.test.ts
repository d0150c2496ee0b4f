import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { describeScheduleRepositoryContract } from '../../contract/schedule-repository.contract';
import { createStateTable } from '../../helpers/dynalite';

describeScheduleRepositoryContract('DynamoDB on dynalite', async () => {
  const { documentClient, tableName } = await createStateTable();
  return createDynamoDBStateStore(documentClient, tableName);
});
