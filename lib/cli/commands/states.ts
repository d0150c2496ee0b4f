import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Json } from '../../engine/asl';
import { StepFunctionsEngine } from '../../engine/engine';
import { validateDefinition } from '../../engine/validate-definition';
import { InvalidExecutionInputError } from '../../errors/invalid-execution-input-error';
import { ExitCode, printResult } from '../io';
import type { CliContext } from '../program';

/** `conveyor states run|validate`: the local Step Functions engine on one definition file. */
export const registerStatesCommands = (program: Command, { io, exit }: CliContext): void => {
  const states = program
    .command('states')
    .description('Run and validate Step Functions (ASL) definitions locally.');

  const load = async (
    file: string,
  ): Promise<{ value?: unknown; problems: { pointer: string; message: string }[] }> => {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      return {
        problems: [
          {
            pointer: '',
            message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
          },
        ],
      };
    }
    try {
      const value: unknown = JSON.parse(text);
      return { value, problems: validateDefinition(value) };
    } catch (error) {
      return { problems: [{ pointer: '', message: `not JSON: ${(error as Error).message}` }] };
    }
  };

  states
    .command('run')
    .description(
      'Run a definition in memory and print {"status","output","error","cause"}; exit 0 when SUCCEEDED.',
    )
    .argument('<file>', 'path to an .asl.json definition')
    .option('--input <json>', 'execution input (JSON)', '{}')
    .action(async (file: string, options: { input: string }) => {
      const { value, problems } = await load(file);
      if (problems.length > 0) {
        for (const p of problems) io.stderr(`${file}:${p.pointer || '/'}: ${p.message}\n`);
        exit(ExitCode.usage);
        return;
      }
      let input: Json;
      try {
        input = JSON.parse(options.input) as Json;
      } catch {
        io.stderr(`conveyor: --input is not JSON: ${options.input.slice(0, 100)}\n`);
        exit(ExitCode.usage);
        return;
      }
      const engine = new StepFunctionsEngine();
      const { stateMachineArn } = engine.createStateMachine({ name: 'local', definition: value as object });
      let executionArn: string;
      try {
        ({ executionArn } = await engine.startExecution({ stateMachineArn, input: JSON.stringify(input) }));
      } catch (error) {
        if (!(error instanceof InvalidExecutionInputError)) throw error;
        io.stderr(`conveyor: --input: ${error.message}\n`);
        exit(ExitCode.usage);
        return;
      }
      const result = await engine.waitForExecution(executionArn);
      const report = {
        status: result.status,
        output: result.output === undefined ? null : (JSON.parse(result.output) as Json),
        error: result.error ?? null,
        cause: result.cause ?? null,
      };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      exit(result.status === 'SUCCEEDED' ? ExitCode.ok : ExitCode.checkFailed);
    });

  states
    .command('validate')
    .description('List every problem in a definition with its JSON pointer; exit 1 when there is any.')
    .argument('<file>', 'path to an .asl.json definition')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const { problems } = await load(file);
      printResult(io, Boolean(options.json), { valid: problems.length === 0, file, problems }, (r) =>
        r.valid
          ? `${r.file}: valid state machine definition`
          : [
              ...r.problems.map((p) => `${r.file}:${p.pointer || '/'}: ${p.message}`),
              `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} in ${r.file}`,
            ].join('\n'),
      );
      exit(problems.length === 0 ? ExitCode.ok : ExitCode.checkFailed);
    });
};
