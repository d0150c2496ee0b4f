import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { describeAdmissionCrashes } from '../../contract/admission-crash.contract';
import { createStateTable } from '../../helpers/dynalite';

jest.setTimeout(180_000);

describeAdmissionCrashes('DynamoDB on dynalite', async () => {
  const { documentClient, tableName } = await createStateTable();
  return createDynamoDBStateStore(documentClient, tableName);
});
