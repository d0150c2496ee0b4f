import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatProblem, SpecInvalidError } from '../../errors/spec-invalid-error';
import { specJsonSchema } from '../../spec/json-schema';
import { loadSpec } from '../../spec/load-spec';
import { ExitCode, printResult } from '../io';
import type { CliContext } from '../program';

/** `conveyor spec check|show|schema`. */
export const registerSpecCommands = (program: Command, { io, exit }: CliContext): void => {
  const spec = program.command('spec').description('Check, show and describe conveyor.yml pipeline specs.');

  spec
    .command('check')
    .description('Report every problem in a spec with file:line:column; exit 1 when there is any.')
    .argument('<path>', 'path to conveyor.yml')
    .option('--json', 'print the result as JSON')
    .action(async (path: string, options: { json?: boolean }) => {
      try {
        const parsed = await loadSpec(resolve(io.cwd, path), path);
        printResult(
          io,
          Boolean(options.json),
          { valid: true, file: path, model: parsed.model.name, problems: [] },
          (r) => `${r.file}: valid spec for model ${r.model}`,
        );
        exit(ExitCode.ok);
      } catch (error) {
        if (!(error instanceof SpecInvalidError)) throw error;
        const problems = error.problems;
        printResult(io, Boolean(options.json), { valid: false, file: path, problems }, (r) =>
          [
            ...r.problems.map(formatProblem),
            `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} in ${r.file}`,
          ].join('\n'),
        );
        exit(ExitCode.checkFailed);
      }
    });

  spec
    .command('show')
    .description('Print the normalized spec (defaults filled in, durations in seconds) as JSON.')
    .argument('<path>', 'path to conveyor.yml')
    .action(async (path: string) => {
      const parsed = await loadSpec(resolve(io.cwd, path), path);
      io.stdout(`${JSON.stringify(parsed, null, 2)}\n`);
    });

  spec
    .command('schema')
    .description('Print the JSON Schema of conveyor.yml, for editors.')
    .action(() => {
      io.stdout(`${JSON.stringify(specJsonSchema(), null, 2)}\n`);
    });
};
