import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { describeAdmissionRecordsContract } from '../../contract/admission-records.contract';
import { createStateTable } from '../../helpers/dynalite';

describeAdmissionRecordsContract('DynamoDB on dynalite', async () => {
  const { documentClient, tableName } = await createStateTable();
  return createDynamoDBStateStore(documentClient, tableName);
});
