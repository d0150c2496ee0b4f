/**
 * The `conveyor` command line. Each capability registers its own subcommands (see `commands/`); an
 * action returns its exit code: 0 ok, 1 a check failed, 2 usage or input error.
 */
import { Command, CommanderError } from 'commander';
import { ConveyorError } from '../errors/conveyor-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { SpecInvalidError } from '../errors/spec-invalid-error';
import { commandRegistrations } from './commands';
import { type CliIo, ExitCode } from './io';

declare const CONVEYOR_VERSION: string | undefined;

export interface CliContext {
  io: CliIo;
  /** Records the exit code of the action that ran. */
  exit: (code: ExitCode) => void;
}

export const version = (): string =>
  typeof CONVEYOR_VERSION === 'string' ? CONVEYOR_VERSION : (require('../../package.json').version as string);

export const buildProgram = (ctx: CliContext): Command => {
  const program = new Command('conveyor')
    .description('Continuous delivery for machine learning: triggers, pipelines, gates and deployments.')
    .version(version(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: ctx.io.stdout,
      writeErr: ctx.io.stderr,
      getOutHelpWidth: () => ctx.io.columns ?? 100,
      getErrHelpWidth: () => ctx.io.columns ?? 100,
    });
  for (const register of commandRegistrations) register(program, ctx);
  applyRecursively(program, (command) => command.exitOverride());
  return program;
};

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  let code: number = ExitCode.ok;
  const program = buildProgram({ io, exit: (c) => (code = c) });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io);
  }
};

const reportError = (error: unknown, io: CliIo): number => {
  if (error instanceof CommanderError) {
    // Help and version end with a CommanderError too, and are successes.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof SpecInvalidError || error instanceof InvalidInputError) {
    io.stderr(`conveyor: ${error.message}\n`);
    return ExitCode.usage;
  }
  if (error instanceof ConveyorError) {
    io.stderr(`conveyor: ${error.name}: ${error.message}\n`);
    return ExitCode.checkFailed;
  }
  io.stderr(`conveyor: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (io.env.CONVEYOR_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return ExitCode.checkFailed;
};

const applyRecursively = (command: Command, apply: (command: Command) => void): void => {
  apply(command);
  for (const sub of command.commands) applyRecursively(sub, apply);
};
