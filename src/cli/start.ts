import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CliState } from './commands.ts';
import { formatEtlResult, progressPrinter } from './etl.ts';
import { parsePositiveInt } from './options.ts';

/**
 * `npm start`: the main job on sample data — demo exports (24 months, 2024-2025) → warehouse →
 * analyses and the monthly business review in `./out`. Each analysis is saved as JSON with one
 * sentence on the screen: the revenue change of the last complete month against the one before,
 * by channel (`decomposition-YYYY-MM.json`); whether customer spending differs by season
 * (`anova-spending-by-quarter.json`: `--test auto` on `gold.customer_monthly_spend` by quarter,
 * with the customers seen in several quarters); a profile of the orders with its alerts
 * (`profile-fact-orders.json`). Then the review of that month: `mbr-YYYY-MM.xlsx` (sheets, charts,
 * pivot tables), `mbr-YYYY-MM.html` and `mbr-YYYY-MM.json`, with its main findings printed.
 */
export function registerStart(program: Command, state: CliState): void {
  program
    .command('start')
    .description(
      "the main job on sample data: demo exports (24 months) → ETL into ./out → the last complete month's revenue change, seasonal spending tested, the orders profiled, and the monthly business review (workbook with pivot tables, HTML page)",
    )
    .option('--out <dir>', 'output folder', 'out')
    .option('--orders <n>', 'number of demo orders', '200000')
    .action(async (flags: { out: string; orders: string }) => {
      const { generateDemo } = await import('../../etl/demo/index.ts');
      const { runEtl } = await import('../../etl/runner.ts');
      const landing = join(flags.out, 'landing');
      const orders = parsePositiveInt('--orders', flags.orders);
      // The demo is written once; a second run finds the same files, which the ledger skips.
      if (!existsSync(landing) || readdirSync(landing).length === 0) {
        process.stderr.write(
          `writing demo exports (${orders.toLocaleString('en-US')} orders) to ${landing}\n`,
        );
        await generateDemo({ outDir: landing, orders, seed: 42, startDate: '2024-01-01', months: 24 });
      }
      const result = await runEtl({
        landing,
        warehouse: join(flags.out, 'warehouse.duckdb'),
        timeZone: 'UTC',
        onProgress: progressPrinter(),
      });
      process.stdout.write(`${formatEtlResult(result)}\nwarehouse: ${join(flags.out, 'warehouse.duckdb')}\n`);
      state.code = result.exitCode === 2 ? 0 : result.exitCode; // the demo's defects are expected
      if (state.code !== 0) return;
      const { decomposeRevenueChange } = await import('../decompose/index.ts');
      const { withWarehouse } = await import('../warehouse/index.ts');
      const decomposition = await withWarehouse(
        join(flags.out, 'warehouse.duckdb'),
        { readOnly: true },
        (wh) => decomposeRevenueChange(wh, { by: ['channel'] }),
      );
      const file = join(flags.out, `decomposition-${decomposition.to.start.slice(0, 7)}.json`);
      writeFileSync(file, `${JSON.stringify(decomposition, null, 2)}\n`);
      process.stdout.write(`\n${decomposition.sentence}\nrevenue change explained: ${file}\n`);
      const { compareGroups } = await import('../anova/index.ts');
      const { profileTable } = await import('../eda/index.ts');
      const [anova, profile] = await withWarehouse(
        join(flags.out, 'warehouse.duckdb'),
        { readOnly: true },
        async (wh) => [
          await compareGroups(wh, 'gold.customer_monthly_spend', {
            value: 'revenue',
            season: 'quarter',
            date: 'month',
            tests: [],
            auto: true,
            labels: { value: 'customer spending per month', group: 'quarter', groupNoun: 'quarter' },
          }),
          await profileTable(wh, 'silver.fact_orders', {
            columns: ['revenue', 'units', 'channel', 'payment_method', 'country', 'order_date'],
          }),
        ],
      );
      const anovaFile = join(flags.out, 'anova-spending-by-quarter.json');
      writeFileSync(anovaFile, `${JSON.stringify(anova, null, 2)}\n`);
      process.stdout.write(`\n${anova.conclusion ?? ''}\nseasonal spending tested: ${anovaFile}\n`);
      const profileFile = join(flags.out, 'profile-fact-orders.json');
      writeFileSync(profileFile, `${JSON.stringify(profile, null, 2)}\n`);
      process.stdout.write(
        `\nsilver.fact_orders: ${profile.table.rows.toLocaleString('en-US')} orders profiled, ${profile.alerts.length} alerts (${[...new Set(profile.alerts.map((a) => a.code))].join(', ') || 'none'})\nprofile: ${profileFile}\n`,
      );
      const { writeReport } = await import('../reports/write-report.ts');
      const report = await writeReport({ warehouse: join(flags.out, 'warehouse.duckdb'), outDir: flags.out });
      process.stdout.write(
        `\nmonthly business review of ${report.model.monthLabel}:\n${report.findings
          .slice(0, 5)
          .map((f) => `  - ${f}`)
          .join(
            '\n',
          )}\nworkbook (${report.pivots.length} pivot tables): ${report.files.xlsx}\nreport: ${report.files.html}\n`,
      );
    });
}
