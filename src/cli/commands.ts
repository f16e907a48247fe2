import type { Command } from 'commander';
import { registerAnova } from './anova.ts';
import { registerDecompose } from './decompose.ts';
import { registerDemo } from './demo.ts';
import { registerEtl } from './etl.ts';
import { registerExport } from './export.ts';
import { registerFeatures } from './features.ts';
import { registerMapping } from './mapping.ts';
import { registerProfile } from './profile.ts';
import { registerReport } from './report.ts';
import { registerSql } from './sql.ts';
import { registerStart } from './start.ts';

/** Exit state shared by subcommands: a command that ends with a non-zero code sets it here. */
export interface CliState {
  code: number;
}

/** Adds every subcommand (one file each) to the program. */
export function registerCommands(program: Command, state: CliState): void {
  registerStart(program, state);
  registerDemo(program, state);
  registerEtl(program, state);
  registerExport(program, state);
  registerMapping(program, state);
  registerSql(program, state);
  registerDecompose(program, state);
  registerProfile(program, state);
  registerAnova(program, state);
  registerFeatures(program, state);
  registerReport(program, state);
}
