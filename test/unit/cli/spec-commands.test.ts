import { join } from 'node:path';
import { runConveyor } from '../../helpers/cli';

const fixtures = join(__dirname, '../../fixtures/specs');

describe('conveyor spec', () => {
  it('check exits 0 for a valid spec', async () => {
    const result = await runConveyor(['spec', 'check', 'valid.conveyor.yml'], { cwd: fixtures });

    expect(result).toMatchObject({ code: 0, stdout: 'valid.conveyor.yml: valid spec for model churn\n' });
  });

  it('check exits 1 and prints one file:line:column line per problem', async () => {
    const result = await runConveyor(['spec', 'check', 'many-mistakes.conveyor.yml'], { cwd: fixtures });

    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[2]).toBe(
      'many-mistakes.conveyor.yml:3:3: model.path: unknown key "path"; did you mean "paths"?',
    );
    expect(lines[10]).toBe('10 problems in many-mistakes.conveyor.yml');
  });

  it('check --json gives machines the same problems', async () => {
    const result = await runConveyor(['spec', 'check', 'many-mistakes.conveyor.yml', '--json'], {
      cwd: fixtures,
    });

    const report = JSON.parse(result.stdout);
    expect(report.valid).toBe(false);
    expect(report.problems[0]).toEqual({
      file: 'many-mistakes.conveyor.yml',
      line: 2,
      column: 3,
      path: 'model.paths',
      message: 'required: expected array',
    });
  });

  it('check exits 2 with a clear message when the file cannot be read', async () => {
    const result = await runConveyor(['spec', 'check', 'missing.yml'], { cwd: fixtures });

    expect(result).toMatchObject({ code: 2, stderr: 'conveyor: cannot read spec missing.yml: ENOENT\n' });
  });

  it('show prints the normalized spec as JSON', async () => {
    const result = await runConveyor(['spec', 'show', 'valid.conveyor.yml'], { cwd: fixtures });

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).approval).toEqual({
      mode: 'manual',
      approvers: ['alice@example.com'],
      timeout: 259200,
    });
  });

  it('schema prints a JSON Schema that rejects unknown keys', async () => {
    const result = await runConveyor(['spec', 'schema']);

    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['model', 'data', 'training']);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('conveyor', () => {
  it('exits 2 on an unknown command', async () => {
    const result = await runConveyor(['no-such-command']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'no-such-command'");
  });

  it('prints its version', async () => {
    const result = await runConveyor(['--version']);

    expect(result).toMatchObject({ code: 0, stdout: `${require('../../../package.json').version}\n` });
  });
});
