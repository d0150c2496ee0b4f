import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runConveyor } from '../../helpers/cli';
import { folderWith } from '../../helpers/datasets';

const cwd = join(__dirname, '../../fixtures/gates');

describe('conveyor gate', () => {
  it('passes a better candidate, stating values, bounds and the bootstrap interval', async () => {
    const result = await runConveyor(
      ['gate', '--spec', 'conveyor.yml', '--candidate', 'candidate.json', '--champion', 'champion.json'],
      { cwd },
    );

    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('gates for candidate.json vs champion.json: PASS');
    expect(lines).toContain(
      '  ok    metrics.auc.vsChampion: auc 0.9 vs champion 0.75: must be >= 0.74 (higher-is-better, tolerance 0.01)',
    );
    expect(lines.find((l) => l.includes('comparison.accuracy'))).toMatch(
      /improvement in accuracy over the champion 0\.15, 95% paired bootstrap interval \[[-\d.]+, [\d.]+\] \(200 resamples of 40 rows\); lower end must be >= 0/,
    );
    expect(lines.filter((l) => l.includes('slices.plan='))).toHaveLength(2);
  });

  it('exits 2 when the bootstrap lacks the champion predictions, writing no report', async () => {
    const junit = join(folderWith({}), 'gates.xml');

    const result = await runConveyor(
      [
        'gate',
        '--spec',
        'conveyor.yml',
        '--candidate',
        'candidate.json',
        '--champion',
        'strong-champion.json',
        '--json',
        '--junit',
        junit,
      ],
      { cwd },
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'conveyor: the paired bootstrap on accuracy needs holdout predictions in both candidate.json and strong-champion.json\n',
    );
    expect(() => readFileSync(junit)).toThrow();
  });

  it('passes the first model by rule', async () => {
    const result = await runConveyor(
      ['gate', '--spec', 'conveyor.yml', '--candidate', 'candidate.json', '--json'],
      { cwd },
    );

    const report = JSON.parse(result.stdout);
    expect(result.code).toBe(0);
    expect(report).toMatchObject({ verdict: 'pass', firstModel: true });
    expect(report.decisions.find((d: { name: string }) => d.name === 'comparison.accuracy').reason).toBe(
      'first model: no champion to compare against, passes by rule',
    );
  });

  it('exits 1 with a failing gate and marks it failed in JUnit', async () => {
    const dir = folderWith({
      'conveyor.yml': readFileSync(join(cwd, 'conveyor.yml'), 'utf8').replace('min: 0.7', 'min: 0.95'),
    });
    const junit = join(dir, 'gates.xml');

    const result = await runConveyor(
      ['gate', '--spec', join(dir, 'conveyor.yml'), '--candidate', 'candidate.json', '--junit', junit],
      { cwd },
    );

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  FAIL  metrics.auc.min: auc 0.9 < min 0.95');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain(
      '<testcase classname="conveyor.gate" name="metrics.auc.min">\n      <failure message="auc 0.9 &lt; min 0.95">',
    );
  });

  it('exits 0 in dry-run mode even when a gate fails, marking it skipped in JUnit', async () => {
    const dir = folderWith({
      'conveyor.yml': readFileSync(join(cwd, 'conveyor.yml'), 'utf8')
        .replace('min: 0.7', 'min: 0.95')
        .replace('gates:\n', 'gates:\n  mode: dry-run\n'),
    });

    const junit = join(dir, 'gates.xml');

    const result = await runConveyor(
      ['gate', '--spec', join(dir, 'conveyor.yml'), '--candidate', 'candidate.json', '--junit', junit],
      { cwd },
    );

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'gates for candidate.json (first model): FAIL (dry-run: not enforced)',
    );
    expect(readFileSync(junit, 'utf8')).toContain(
      '<skipped message="dry-run, would fail: auc 0.9 &lt; min 0.95"/>',
    );
  });

  it('exits 2 on a metrics file with an unknown key', async () => {
    const result = await runConveyor(['gate', '--spec', 'conveyor.yml', '--candidate', 'misspelt.json'], {
      cwd,
    });

    expect(result).toMatchObject({
      code: 2,
      stderr: 'conveyor: misspelt.json: (root): Unrecognized key: "metric"\n',
    });
  });
});
