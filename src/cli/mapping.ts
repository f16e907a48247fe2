import type { Command } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import type { CliState } from './commands.ts';
import { printResult } from './options.ts';

interface MappingCheckFlags {
  landing?: string;
  sample: string;
  timeZone: string;
  json?: boolean;
}

/** `shopstat mapping check`: validates a source mapping, and its fit to a landing folder. */
export function registerMapping(program: Command, state: CliState): void {
  const mapping = program.command('mapping').description('work with source mappings (YAML)');
  mapping
    .command('check')
    .description(
      "check a mapping file, and with --landing each file's header against it and what loading each file's first records would reject, without touching a warehouse",
    )
    .argument('<file>', 'the mapping, e.g. etl/mappings/olist.yaml')
    .option('--landing <dir>', 'folder of exports to check against the mapping')
    .option('--sample <records>', 'records loaded from the start of each file (0: headers only)', '1000')
    .option('--time-zone <zone>', 'reporting time zone of the sample load (IANA name)', 'UTC')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, flags: MappingCheckFlags) => {
      const { checkMapping, formatMappingCheck } = await import('../../etl/mapping/check.ts');
      const sampleRecords = Number(flags.sample);
      if (!/^\d+$/.test(flags.sample) || !Number.isSafeInteger(sampleRecords)) {
        throw new InvalidArgumentError(
          `mapping check: --sample must be a whole number of records, got ${JSON.stringify(flags.sample)}`,
        );
      }
      const result = await checkMapping(file, flags.landing, { sampleRecords, timeZone: flags.timeZone });
      printResult(flags.json === true, result, () => formatMappingCheck(result));
      if (!result.ok) state.code = 2;
    });
}
