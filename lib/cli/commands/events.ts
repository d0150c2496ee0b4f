import type { Command } from 'commander';
import { InvalidEventError } from '../../errors/invalid-event-error';
import { InvalidEventPatternError } from '../../errors/invalid-event-pattern-error';
import { testEventPattern } from '../../events/pattern/test-event-pattern';
import { ExitCode } from '../io';
import type { CliContext } from '../program';

/** `conveyor events test-event-pattern`. */
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
};
