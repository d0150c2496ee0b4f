import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SpecInvalidError } from '../../../lib/errors/spec-invalid-error';
import { parseSpec } from '../../../lib/spec/load-spec';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/specs', name), 'utf8');

const problemsOf = (text: string) => {
  try {
    parseSpec(text, 'conveyor.yml');
  } catch (error) {
    if (error instanceof SpecInvalidError) return error.problems;
    throw error;
  }
  throw new Error('expected the spec to be invalid');
};

const minimal = `
model: { name: churn, paths: [models/churn/**] }
data: { source: ./data/train.csv, label: churned }
training: { local: { command: [python3, train.py] } }
`;

describe('parseSpec', () => {
  it('fills in the defaults a user expects and normalizes durations to seconds', () => {
    const spec = parseSpec(minimal, 'conveyor.yml');

    expect(spec.training.timeout).toBe(3600);
    expect(spec.gates.mode).toBe('enforce');
    expect(spec.approval).toEqual({ mode: 'auto', approvers: [], timeout: 259200 });
    expect(spec.deployment.strategy).toBe('canary');
    expect(spec.deployment.canary).toEqual({ percent: 10, bake: 600 });
    expect(spec.monitoring.window).toEqual({ k: 2, n: 3 });
    expect(spec.retraining.dataArrival.debounce).toBe(900);
    expect(spec.retraining.drift.budget).toEqual({ maxRuns: 3, period: 604800 });
  });

  it('reads every section of a complete spec', () => {
    const spec = parseSpec(fixture('valid.conveyor.yml'), 'valid.conveyor.yml');

    expect(spec.model.name).toBe('churn');
    expect(spec.data.columns.age).toMatchObject({
      type: 'integer',
      nullable: false,
      min: 18,
      max: 120,
      severity: 'error',
    });
    expect(spec.data.columns.monthly_spend?.severity).toBe('warn');
    expect(spec.training.timeout).toBe(7200);
    expect(spec.gates.metrics[1]?.vsChampion).toEqual({
      direction: 'lower-is-better',
      tolerance: 0.05,
      relative: true,
    });
    expect(spec.gates.comparison).toMatchObject({ metric: 'auc', resamples: 1000, confidence: 0.95 });
    expect(spec.deployment.canary.bake).toBe(600);
    expect(spec.retraining.drift.cooldown).toBe(86400);
  });

  it('lists every mistake at once, each with its line, column and field path', () => {
    const problems = problemsOf(fixture('many-mistakes.conveyor.yml'));

    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [2, 3, 'model.paths'],
      [2, 9, 'model.name'],
      [3, 3, 'model.path'],
      [5, 3, 'data.label'],
      [6, 3, 'data.fromat'],
      [8, 18, 'data.columns.age.type'],
      [10, 3, 'training'],
      [10, 12, 'training.timeout'],
      [12, 9, 'gates.mode'],
      [15, 22, 'deployment.canary.percent'],
    ]);
  });

  it('reports an unknown key with a suggestion for the key it resembles', () => {
    const [problem] = problemsOf(`${minimal}\nmonitoring: { schedul: rate(1 day) }\n`);

    expect(problem?.message).toBe('unknown key "schedul"; did you mean "schedule"?');
    expect(problem?.path).toBe('monitoring.schedul');
  });

  it('gives one clear message for an empty file', () => {
    expect(problemsOf('   \n# only a comment\n')).toEqual([
      { file: 'conveyor.yml', line: 1, column: 1, path: '', message: 'the file is empty: expected a spec' },
    ]);
  });

  it('gives one clear message for YAML that is not a mapping', () => {
    expect(problemsOf('- just\n- a list\n')[0]?.message).toBe(
      'expected a mapping of spec sections (model, data, ...)',
    );
  });

  it('reports YAML syntax errors with their position', () => {
    const [problem] = problemsOf('model:\n  name: [unclosed\n');

    expect(problem?.line).toBeGreaterThanOrEqual(2);
    expect(problem?.path).toBe('');
  });

  it('rejects duplicate keys instead of letting the last one win', () => {
    const problems = problemsOf(`${minimal}\ndata: { source: ./other.csv, label: y }\n`);

    expect(problems[0]?.message).toMatch(/unique/i);
  });

  it('requires an approver for manual approval and a valid schedule expression', () => {
    const problems = problemsOf(
      `${minimal}approval: { mode: manual }\nmonitoring: { schedule: every day }\n`,
    );

    expect(problems.map((p) => p.path)).toEqual(['approval.approvers', 'monitoring.schedule']);
  });
});
