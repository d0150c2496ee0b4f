import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConveyor } from '../../helpers/cli';
import { folderWith } from '../../helpers/datasets';

const fixtures = join(__dirname, '../../fixtures/data');

describe('conveyor profile', () => {
  it('writes a profile JSON with the column types of the spec', async () => {
    const out = join(folderWith({}), 'profile.json');

    const result = await runConveyor(
      ['profile', 'clean.csv', '--spec', 'customers.conveyor.yml', '--out', out],
      { cwd: fixtures },
    );

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`clean.csv: 3 rows, 7 columns -> ${out}`);
    const profile = JSON.parse(readFileSync(out, 'utf8'));
    expect(profile.format).toBe('conveyor-profile/v1');
    expect(profile.columns.age).toMatchObject({
      kind: 'numeric',
      type: 'integer',
      count: 3,
      min: 27,
      max: 45,
      mean: 106 / 3,
    });
    expect(profile.columns.plan).toMatchObject({ kind: 'categorical', distinct: 3 });
  });

  it('infers column types without a spec', async () => {
    const out = join(folderWith({}), 'profile.json');

    await runConveyor(['profile', 'clean.csv', '--out', out], { cwd: fixtures });

    const profile = JSON.parse(readFileSync(out, 'utf8'));
    expect(
      Object.fromEntries(Object.entries(profile.columns).map(([n, c]) => [n, (c as { type: string }).type])),
    ).toEqual({
      id: 'integer',
      age: 'integer',
      plan: 'string',
      email: 'string',
      spend: 'number',
      signup: 'timestamp',
      churned: 'boolean',
    });
  });
});

describe('conveyor profile output', () => {
  it('shows timestamps as ISO 8601', async () => {
    const out = join(folderWith({}), 'profile.json');

    const result = await runConveyor(['profile', 'clean.csv', '--out', out], { cwd: fixtures });

    expect(result.stdout).toContain(
      '  signup (timestamp): 3 values, 0 nulls, from 2024-01-02T00:00:00.000Z to 2024-01-04T00:00:00.000Z\n',
    );
  });
});
