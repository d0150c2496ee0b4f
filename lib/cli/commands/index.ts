// Subcommands, one module per capability. Add a capability's `register*Commands` here.
import type { Command } from 'commander';
import type { CliContext } from '../program';
import { registerEventsCommands } from './events';
import { registerMlCheckCommands } from './ml-checks';
import { registerModelsCommands } from './models';
import { registerSpecCommands } from './spec';
import { registerStatesCommands } from './states';
import { registerTrainCommands } from './train';

export type CommandRegistration = (program: Command, ctx: CliContext) => void;

export const commandRegistrations: CommandRegistration[] = [
  registerSpecCommands,
  registerEventsCommands,
  registerStatesCommands,
  registerMlCheckCommands,
  registerTrainCommands,
  registerModelsCommands,
];
