import { resolve } from 'node:path';
import type { Command } from 'commander';
import { createStateStoreFromEnv } from '../../../functions/_shared/state-store';
import { localTargets } from '../../../local/targets';
import { readServerlessConfig } from '../../config/serverless-config';
import { InvalidEventError } from '../../errors/invalid-event-error';
import { InvalidEventPatternError } from '../../errors/invalid-event-pattern-error';
import { LocalEventBus } from '../../events/bus/local-event-bus';
import { rulesFromConfig } from '../../events/bus/rules-from-config';
import { testEventPattern } from '../../events/pattern/test-event-pattern';
import type { DeadLetter, SweepFailure, TriggerDecision } from '../../store/entities';
import { ExitCode, printResult } from '../io';
import type { CliContext } from '../program';

/** `conveyor events test-event-pattern | dlq list | dlq redrive` and `conveyor triggers`. */
export const registerEventsCommands = (program: Command, { io, exit }: CliContext): void => {
  const events = program
    .command('events')
    .description('EventBridge patterns, the local bus and its dead letters.');

  events
    .command('test-event-pattern')
    .description('Print {"Result": true|false} as `aws events test-event-pattern` does.')
    .requiredOption('--event-pattern <json>', 'the event pattern, as JSON')
    .requiredOption(
      '--event <json>',
      'the event, as JSON, with id, account, source, time, region, resources and detail-type',
    )
    .action((options: { eventPattern: string; event: string }) => {
      try {
        io.stdout(`${JSON.stringify(testEventPattern(options.eventPattern, options.event), null, 4)}\n`);
        exit(ExitCode.ok);
      } catch (error) {
        if (error instanceof InvalidEventPatternError) {
          io.stderr(`conveyor: InvalidEventPatternException: ${error.message}\n`);
        } else if (error instanceof InvalidEventError) {
          io.stderr(`conveyor: ValidationException: ${error.message}\n`);
        } else {
          throw error;
        }
        exit(ExitCode.usage);
      }
    });

  const dlq = events
    .command('dlq')
    .description(
      'Events the local bus could not deliver (state table from CONVEYOR_TABLE_NAME, DYNAMODB_ENDPOINT).',
    );

  dlq
    .command('list')
    .description('List dead letters, oldest first.')
    .option('--all', 'include letters already redriven')
    .option('--json', 'print the letters as JSON')
    .action(async (options: { all?: boolean; json?: boolean }) => {
      const letters = await createStateStoreFromEnv(io.env).deadLetters.list({
        includeRedriven: Boolean(options.all),
      });
      printResult(io, Boolean(options.json), letters, formatLetters);
      exit(ExitCode.ok);
    });

  dlq
    .command('redrive')
    .description('Deliver every dead letter again to its rule target; exit 1 if any fails again.')
    .option('--config <path>', 'serverless.yml declaring the rules', 'serverless.yml')
    .action(async (options: { config: string }) => {
      const store = createStateStoreFromEnv(io.env);
      const rules = rulesFromConfig(await readServerlessConfig(resolve(io.cwd, options.config)));
      const quiet = { info: () => {}, warn: (message: string) => io.stderr(`conveyor: ${message}\n`) };
      const bus = new LocalEventBus({
        rules,
        targets: localTargets(io.env, quiet),
        deadLetters: store.deadLetters,
      });
      const result = await bus.redrive();
      io.stdout(`redriven ${result.redriven}, failed again ${result.failed}\n`);
      exit(result.failed ? ExitCode.checkFailed : ExitCode.ok);
    });

  program
    .command('triggers')
    .description("List admission's decisions about a model's triggers, newest first, with their reasons.")
    .requiredOption('--model <name>', 'the model')
    .option('--limit <n>', 'show at most n decisions', (value) => Number.parseInt(value, 10))
    .option('--json', 'print the decisions as JSON')
    .action(async (options: { model: string; limit?: number; json?: boolean }) => {
      const store = createStateStoreFromEnv(io.env);
      const decisions = await store.decisions.list(options.model, { limit: options.limit });
      const failures = (await store.sweeps.list()).filter((f) => f.model === options.model);
      printResult(
        io,
        Boolean(options.json),
        decisions,
        (d) => `${failures.map(formatSweepFailure).join('')}${formatDecisions(options.model, d)}`,
      );
      exit(ExitCode.ok);
    });
};

const formatLetters = (letters: DeadLetter[]): string =>
  letters.length === 0
    ? 'no dead letters'
    : letters
        .map((l) => {
          const event = l.event as { id?: string; source?: string; 'detail-type'?: string };
          return `${l.failedAt}  ${l.id}  rule ${l.rule} -> ${l.target}  ${event.source} / ${event['detail-type']} (${event.id})  after ${l.attempts} attempt(s): ${l.error.name}: ${l.error.message}${l.redrivenAt ? `  [redriven ${l.redrivenAt}]` : ''}`;
        })
        .join('\n');

const formatDecisions = (model: string, decisions: TriggerDecision[]): string =>
  decisions.length === 0
    ? `no triggers recorded for ${model}`
    : decisions
        .map(
          (d) =>
            `${d.decidedAt}  ${d.outcome.padEnd(10)} ${d.trigger.kind.padEnd(12)} ${d.eventId}  ${d.environment}${d.runId ? `  run ${d.runId}` : ''}\n    ${explain(d)}`,
        )
        .join('\n');

/** The decision's reason, and what the record itself tells beyond it. */
const explain = (d: TriggerDecision): string => {
  const lines = [
    d.outcome === 'received' && d.reason === 'received'
      ? 'received: being admitted now, or its admission crashed; the sweep finishes it once it is 45 s old'
      : d.reason,
  ];
  if (d.recovered && !d.reason.includes('recovered after a crash'))
    lines.push('recovered after a crash: a redelivery or the sweep finished this admission');
  return lines.join('\n    ');
};

const formatSweepFailure = (f: SweepFailure): string =>
  `the sweep failed on ${f.model}/${f.environment} ${f.failures} time(s) in a row (${f.error.name}: ${f.error.message}); it tries again at ${new Date(f.retryAtMs).toISOString()}\n`;
