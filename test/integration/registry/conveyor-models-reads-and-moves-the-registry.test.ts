import { registerModelVersion } from '../../../lib/registry/register-model-version';
import { createDynamoDBStateStore } from '../../../lib/store/dynamodb/dynamodb-state-store';
import { runConveyor } from '../../helpers/cli';
import { createStateTable } from '../../helpers/dynalite';

const NOW = new Date('2026-11-26T12:00:00.000Z');

describe('conveyor models on the DynamoDB state store', () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const { documentClient, tableName } = await createStateTable();
    const store = createDynamoDBStateStore(documentClient, tableName);
    await store.models.registerSpec('churn', { model: { name: 'churn' } }, NOW);
    for (const n of [1, 2]) {
      await registerModelVersion(store, {
        model: 'churn',
        runId: `run-${n}`,
        parameters: {},
        metrics: { auc: n === 1 ? 0.81 : 0.82 },
        artifact: { uri: `s3://acme/sha256/${String(n).repeat(64)}`, sha256: String(n).repeat(64) },
        now: NOW,
      });
    }
    env = { CONVEYOR_TABLE_NAME: tableName, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT, USER: 'alice' };
  });

  it('promotes, lists and rolls back through the CLI', async () => {
    const promoted1 = await runConveyor(['models', 'promote', '--model', 'churn', '--version', '1'], { env });
    const promoted2 = await runConveyor(
      ['models', 'promote', '--model', 'churn', '--version', '2', '--json'],
      { env },
    );
    const listed = await runConveyor(['models', '--json'], { env });
    const detail = await runConveyor(['models', '--model', 'churn'], { env });
    const rolledBack = await runConveyor(['models', 'rollback', '--model', 'churn', '--json'], { env });

    expect(promoted1).toMatchObject({ code: 0, stdout: 'churn champion is now v1 (revision 1)\n' });
    expect(JSON.parse(promoted2.stdout)).toMatchObject({ version: 2, revision: 2 });
    expect(JSON.parse(listed.stdout)).toEqual([
      { model: 'churn', champion: 2, versions: 2, latestVersion: 2 },
    ]);
    expect(detail.stdout).toMatch(/ {2}v2 .* auc=0\.82 {2}run run-2 {2}sha256:222222222222 \[champion\]/);
    expect(JSON.parse(rolledBack.stdout)).toMatchObject({
      version: 1,
      history: expect.arrayContaining([
        expect.objectContaining({ actor: 'alice', reason: 'rolled back from the command line' }),
      ]),
    });
  });

  it('reports a version that does not exist with exit code 1', async () => {
    const result = await runConveyor(['models', 'promote', '--model', 'churn', '--version', '7'], { env });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/NotFoundError/);
  });
});
