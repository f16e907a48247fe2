import type { Command } from 'commander';
import type { ExportFormat, ExportLayer } from '../../etl/export.ts';
import type { CliState } from './commands.ts';
import { lockTimeoutOption, printResult, type ResourceFlags, warehouseOptions } from './options.ts';

/** `shopstat export`: a layer as Parquet or CSV with Hive-style month folders. */
export function registerExport(program: Command, _state: CliState): void {
  program
    .command('export')
    .description('export a warehouse layer as Parquet (or CSV), partitioned by month=YYYY-MM')
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file')
    .option('--layer <layer>', 'bronze, quarantine, silver, gold or meta', 'gold')
    .requiredOption('--out <dir>', 'output folder')
    .option('--format <format>', 'parquet or csv', 'parquet')
    .addOption(lockTimeoutOption('reader'))
    .option('--json', 'print the result as JSON')
    .action(
      async (
        flags: ResourceFlags & {
          warehouse: string;
          layer: string;
          out: string;
          format: string;
          json?: boolean;
        },
      ) => {
        const { exportLayer } = await import('../../etl/export.ts');
        const { withWarehouse } = await import('../warehouse/index.ts');
        const result = await withWarehouse(
          flags.warehouse,
          { ...warehouseOptions(flags), readOnly: true },
          (wh) =>
            exportLayer(wh, {
              layer: flags.layer as ExportLayer,
              outDir: flags.out,
              format: flags.format as ExportFormat,
            }),
        );
        printResult(flags.json === true, result, () =>
          result.tables
            .map(
              (t) =>
                `${t.table}: ${t.rows.toLocaleString('en-US')} rows → ${t.path}${t.partitionedBy ? ` (month from ${t.partitionedBy})` : ''}`,
            )
            .join('\n'),
        );
      },
    );
}
