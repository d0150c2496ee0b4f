import type { Command } from 'commander';
import { createStateStoreFromEnv } from '../../../functions/_shared/state-store';
import { InvalidInputError } from '../../errors/invalid-input-error';
import {
  describeModel,
  listModelSummaries,
  type ModelDetail,
  type ModelSummary,
} from '../../registry/describe-models';
import { promoteChampion, rollbackChampion } from '../../registry/move-aliases';
import type { Alias } from '../../store/entities';
import { ExitCode, printResult } from '../io';
import type { CliContext } from '../program';

/** `conveyor models [--model NAME]`, `conveyor models promote|rollback`: the registry. */
export const registerModelsCommands = (program: Command, { io, exit }: CliContext): void => {
  // `promote --version V` and `--model` on both `models` and its subcommands: options belong to the
  // command they follow, so the root's --version and the parent's --model do not swallow them.
  program.enablePositionalOptions();
  const models = program
    .command('models')
    .description('List registered models, or one model with its versions and aliases.')
    .option('--model <name>', 'show this model: versions, lineage, champion and challenger')
    .option('--json', 'print the result as JSON')
    .enablePositionalOptions()
    .action(async (options: { model?: string; json?: boolean }) => {
      const store = createStateStoreFromEnv(io.env);
      if (options.model) {
        printResult(io, Boolean(options.json), await describeModel(store, options.model), formatDetail);
      } else {
        printResult(io, Boolean(options.json), await listModelSummaries(store), formatSummaries);
      }
      exit(ExitCode.ok);
    });

  const actorOf = (options: { actor?: string }) => options.actor ?? io.env.USER ?? 'cli';

  models
    .command('promote')
    .description('Make a version the champion (compare-and-set, recorded in the alias history).')
    .requiredOption('--model <name>', 'model name')
    .requiredOption('--version <number>', 'version to promote')
    .option('--reason <text>', 'why, for the history', 'promoted from the command line')
    .option('--actor <name>', 'who, for the history (default: $USER)')
    .option('--json', 'print the alias as JSON')
    .action(
      async (options: { model: string; version: string; reason: string; actor?: string; json?: boolean }) => {
        const version = Number(options.version);
        if (!Number.isInteger(version) || version < 1) {
          throw new InvalidInputError(
            `--version must be a positive integer, got ${JSON.stringify(options.version)}`,
          );
        }
        const alias = await promoteChampion(createStateStoreFromEnv(io.env), {
          model: options.model,
          version,
          actor: actorOf(options),
          reason: options.reason,
          now: new Date(),
        });
        printResult(io, Boolean(options.json), alias, formatMove);
        exit(ExitCode.ok);
      },
    );

  models
    .command('rollback')
    .description('Move the champion back to the version it replaced.')
    .requiredOption('--model <name>', 'model name')
    .option('--reason <text>', 'why, for the history', 'rolled back from the command line')
    .option('--actor <name>', 'who, for the history (default: $USER)')
    .option('--json', 'print the alias as JSON')
    .action(async (options: { model: string; reason: string; actor?: string; json?: boolean }) => {
      const alias = await rollbackChampion(createStateStoreFromEnv(io.env), {
        model: options.model,
        actor: actorOf(options),
        reason: options.reason,
        now: new Date(),
      });
      printResult(io, Boolean(options.json), alias, formatMove);
      exit(ExitCode.ok);
    });
};

const formatSummaries = (summaries: ModelSummary[]): string =>
  summaries.length === 0
    ? 'no models registered'
    : summaries
        .map(
          (s) =>
            `${s.model}  champion ${s.champion ? `v${s.champion}` : '-'}  challenger ${s.challenger ? `v${s.challenger}` : '-'}  ${s.versions} version${s.versions === 1 ? '' : 's'}`,
        )
        .join('\n');

const formatDetail = (detail: ModelDetail): string => {
  const marks = (version: number) =>
    [
      detail.champion?.version === version ? 'champion' : '',
      detail.challenger?.version === version ? 'challenger' : '',
    ]
      .filter(Boolean)
      .map((m) => ` [${m}]`)
      .join('');
  return [
    `${detail.model}: ${detail.versions.length} version${detail.versions.length === 1 ? '' : 's'}`,
    ...detail.versions.map(
      (v) =>
        `  v${v.version}  ${v.createdAt}  ${Object.entries(v.metrics)
          .map(([n, x]) => `${n}=${x}`)
          .join(' ')}  run ${v.lineage.runId}  sha256:${v.artifact.sha256.slice(0, 12)}${marks(v.version)}`,
    ),
  ].join('\n');
};

const formatMove = (alias: Alias): string =>
  `${alias.model} ${alias.alias} is now v${alias.version} (revision ${alias.revision})`;
