import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConveyor } from '../../helpers/cli';
import { folderWith } from '../../helpers/datasets';

const rows = (n: number, shift: number) =>
  `amount,country\n${Array.from({ length: n }, (_, i) => `${(i % 50) + shift},${['fr', 'de', 'es'][i % 3]}`).join('\n')}\n`;
const spec = `model: { name: churn, paths: [m/**] }
data: { source: d/, label: churned }
training: { local: { command: [python3, t.py] } }
monitoring: { minSamples: 100, window: { k: 2, n: 3 } }
`;

const folder = () =>
  folderWith({
    'ref.csv': rows(600, 0),
    'same.csv': rows(600, 0),
    'shifted.csv.gz': rows(600, 30),
    'conveyor.yml': spec,
  });

describe('conveyor drift', () => {
  it('exits 0 when the current data matches the reference data', async () => {
    const result = await runConveyor(['drift', '--reference', 'ref.csv', '--current', 'same.csv'], {
      cwd: folder(),
    });

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('drift ref.csv -> same.csv: STABLE');
  });

  it('exits 1 and names the drifted features, comparing against a saved profile', async () => {
    const cwd = folder();
    await runConveyor(['profile', 'ref.csv', '--out', 'ref-profile.json'], { cwd });

    const result = await runConveyor(
      ['drift', '--reference', 'ref-profile.json', '--current', 'shifted.csv.gz', '--json'],
      { cwd },
    );

    const report = JSON.parse(result.stdout);
    expect(result.code).toBe(1);
    expect(report.drifted).toEqual(['amount']);
    expect(report.features[0].exceeded.map((e: { metric: string }) => e.metric)).toEqual([
      'psi',
      'ks',
      'wasserstein',
    ]);
    expect(report.features[0].metrics.ks).toBeCloseTo(0.6, 12);
  });

  it('applies the k-of-n rule of the spec across runs through --history', async () => {
    const cwd = folder();
    const run = (current: string) =>
      runConveyor(
        [
          'drift',
          '--reference',
          'ref.csv',
          '--current',
          current,
          '--spec',
          'conveyor.yml',
          '--history',
          'history.json',
        ],
        { cwd },
      );

    const first = await run('shifted.csv.gz');
    const second = await run('shifted.csv.gz');

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('drifted in 1 of the last 1 window (k = 2 of n = 3): not confirmed');
    expect(second.code).toBe(1);
    expect(second.stdout).toContain('  DRIFT amount: ');
    expect(JSON.parse(readFileSync(join(cwd, 'history.json'), 'utf8')).windows).toEqual([
      { current: 'shifted.csv.gz', drifted: ['amount'] },
      { current: 'shifted.csv.gz', drifted: ['amount'] },
    ]);
  });

  it('writes one JUnit test case per feature', async () => {
    const cwd = folder();

    await runConveyor(
      ['drift', '--reference', 'ref.csv', '--current', 'shifted.csv.gz', '--junit', 'drift.xml'],
      { cwd },
    );

    const xml = readFileSync(join(cwd, 'drift.xml'), 'utf8');
    expect(xml).toContain('<testsuite name="conveyor.drift" tests="2" failures="1" skipped="0">');
  });

  it('exits 2 on a reference JSON that is not a profile', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'bad.json'), '{"format":"something-else"}');

    const result = await runConveyor(['drift', '--reference', 'bad.json', '--current', 'same.csv'], { cwd });

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^conveyor: bad\.json: not a Conveyor profile: format: /);
  });
});

describe('conveyor drift history', () => {
  it('exits 2 on a history file it did not write', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'history.json'), '{"windows": 3}');

    const result = await runConveyor(
      ['drift', '--reference', 'ref.csv', '--current', 'same.csv', '--history', 'history.json'],
      { cwd },
    );

    expect(result).toMatchObject({
      code: 2,
      stderr: 'conveyor: history.json: not a drift history written by conveyor drift --history\n',
    });
  });
});
