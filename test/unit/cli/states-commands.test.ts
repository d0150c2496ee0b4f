import { join } from 'node:path';
import { runConveyor } from '../../helpers/cli';

const fixtures = join(__dirname, '../../fixtures/asl');

describe('conveyor states', () => {
  it('run prints the outcome and exits 0 when the execution succeeds', async () => {
    // Act
    const result = await runConveyor(['states', 'run', 'hello.asl.json', '--input', '{"name":"Ada"}'], {
      cwd: fixtures,
    });

    // Assess
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      status: 'SUCCEEDED',
      output: { greeting: 'Hello, Ada' },
      error: null,
      cause: null,
    });
  });

  it('run exits 1 with the error and cause when the execution fails', async () => {
    // Act
    const result = await runConveyor(['states', 'run', 'hello.asl.json', '--input', '{"name":"error"}'], {
      cwd: fixtures,
    });

    // Assess
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      status: 'FAILED',
      output: null,
      error: 'GreetingFailed',
      cause: 'cannot greet error',
    });
  });

  it('run exits 2 for invalid input or an invalid definition', async () => {
    // Act
    const badInput = await runConveyor(['states', 'run', 'hello.asl.json', '--input', '{nope'], {
      cwd: fixtures,
    });
    const hugeInput = await runConveyor(
      ['states', 'run', 'hello.asl.json', '--input', JSON.stringify({ name: 'x'.repeat(262_144) })],
      { cwd: fixtures },
    );
    const badDefinition = await runConveyor(['states', 'run', 'many-mistakes.asl.json'], { cwd: fixtures });

    // Assess
    expect(badInput).toMatchObject({ code: 2, stdout: '' });
    expect(badInput.stderr).toMatch(/--input is not JSON/);
    expect(hugeInput.code).toBe(2);
    expect(hugeInput.stderr).toMatch(/longer than 262144 characters/);
    expect(badDefinition.code).toBe(2);
    expect(badDefinition.stderr).toMatch(/many-mistakes.asl.json:\/States\/First\/Next/);
  });

  it('validate lists every problem with its JSON pointer', async () => {
    // Act
    const result = await runConveyor(['states', 'validate', 'many-mistakes.asl.json', '--json'], {
      cwd: fixtures,
    });

    // Assess
    expect(result.code).toBe(1);
    const pointers = (JSON.parse(result.stdout).problems as { pointer: string }[]).map((p) => p.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/States/First/Next',
        '/States/First/Arguments',
        '/States/Orphan',
        '/States/Ask/InputPath',
        '/States/Ask/Parameters/x.$',
        '/States/Decide/Choices/0',
        '/States/Mixed/Output',
        '/States/Mixed/InputPath',
      ]),
    );
  });

  it('validate exits 0 for a valid definition', async () => {
    // Act
    const result = await runConveyor(['states', 'validate', 'hello.asl.json'], { cwd: fixtures });

    // Assess
    expect(result).toMatchObject({ code: 0, stdout: 'hello.asl.json: valid state machine definition\n' });
  });
});
