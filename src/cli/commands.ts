import type { Command } from 'commander';

/** Exit state shared by subcommands: a command that ends with a non-zero code sets it here. */
export interface CliState {
  code: number;
}

/** Adds every subcommand (one file each) to the program. */
export function registerCommands(_program: Command, _state: CliState): void {}
