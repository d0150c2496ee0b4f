import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { describeAdmissionPolicies } from '../../contract/admission-policies.contract';
import { createStateTable } from '../../helpers/dynalite';

describeAdmissionPolicies('DynamoDB on dynalite', async () => {
  const { documentClient, tableName } = await createStateTable();
  return createDynamoDBStateStore(documentClient, tableName);
});
