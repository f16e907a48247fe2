import type { Command } from 'commander';
import type { CliState } from './commands.ts';
import { printResult } from './options.ts';

/** `shopstat mapping check`: validates a source mapping, and its fit to a landing folder. */
export function registerMapping(program: Command, state: CliState): void {
  const mapping = program.command('mapping').description('work with source mappings (YAML)');
  mapping
    .command('check')
    .description("check a mapping file, and with --landing each file's header against it, without loading")
    .argument('<file>', 'the mapping, e.g. etl/mappings/olist.yaml')
    .option('--landing <dir>', 'folder of exports to check against the mapping')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: { landing?: string; json?: boolean }) => {
      const { checkMapping, formatMappingCheck } = await import('../../etl/mapping/check.ts');
      const result = await checkMapping(file, flags.landing);
      printResult(flags.json === true, result, () => formatMappingCheck(result));
      if (!result.ok) state.code = 2;
    });
}
