import { runConveyor } from '../../helpers/cli';

describe('conveyor models without a state store', () => {
  it('exits 2 and says which variables point it at one', async () => {
    const result = await runConveyor(['models'], { env: {} });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/CONVEYOR_TABLE_NAME is not set: .*DYNAMODB_ENDPOINT/);
  });

  it('exits 2 on an endpoint that is not a URL', async () => {
    const result = await runConveyor(['models'], {
      env: { CONVEYOR_TABLE_NAME: 'conveyor-state', DYNAMODB_ENDPOINT: 'localhost' },
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DYNAMODB_ENDPOINT "localhost" is not an http\(s\) URL/);
  });
});
