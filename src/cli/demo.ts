import type { Command } from 'commander';
import type { CliState } from './commands.ts';
import { parseInteger, parsePositiveInt, printResult } from './options.ts';

/** `shopstat demo`: a deterministic, realistic landing zone of sample exports. */
export function registerDemo(program: Command, _state: CliState): void {
  program
    .command('demo')
    .description('write deterministic sample exports (every contract entity) into a landing folder')
    .requiredOption('--out <dir>', 'landing folder to write')
    .option('--orders <n>', 'number of orders', '200000')
    .option('--seed <s>', 'random seed', '42')
    .option('--no-defects', 'write only clean rows (no rows meant for quarantine)')
    .option('--json', 'print the result as JSON')
    .action(
      async (flags: { out: string; orders: string; seed: string; defects: boolean; json?: boolean }) => {
        // Imported when run, so other commands start without loading the generator.
        const { generateDemo } = await import('../../etl/demo/index.ts');
        const result = await generateDemo({
          outDir: flags.out,
          orders: parsePositiveInt('--orders', flags.orders),
          seed: parseInteger('--seed', flags.seed),
          defects: flags.defects,
        });
        printResult(flags.json === true, result, () =>
          [
            `wrote ${result.files.length} files to ${flags.out}: ${result.orders.toLocaleString('en-US')} orders, ${result.orderLines.toLocaleString('en-US')} order lines`,
            ...result.files.map((f) => `  ${f.name} (${f.entity}): ${f.rows.toLocaleString('en-US')} rows`),
          ].join('\n'),
        );
      },
    );
}
