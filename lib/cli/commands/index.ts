// Subcommands, one module per capability. Add a capability's `register*Commands` here.
import type { Command } from 'commander';
import type { CliContext } from '../program';
import { registerMlCheckCommands } from './ml-checks';
import { registerSpecCommands } from './spec';

export type CommandRegistration = (program: Command, ctx: CliContext) => void;

export const commandRegistrations: CommandRegistration[] = [registerSpecCommands, registerMlCheckCommands];
