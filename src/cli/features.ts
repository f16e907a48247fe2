import type { Command } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import type { AddFeaturesResult } from '../features/add-features.ts';
import type { CliState } from './commands.ts';
import { printResult } from './options.ts';
import {
  addResourceOptions,
  checkTableSource,
  type TableSourceFlags,
  withTableSource,
} from './table-source.ts';

interface FeaturesFlags extends TableSourceFlags {
  date: string;
  add?: string;
  window: string[];
  training?: boolean;
  customer?: string;
  value?: string;
  countryColumn?: string;
  regionColumn?: string;
  promotions?: string;
  timeZone?: string;
  into?: string;
  out?: string;
  json?: boolean;
}

/** `shopstat features`: time features added to a warehouse table or a file, in SQL. */
export function registerFeatures(program: Command, _state: CliState): void {
  const command = program
    .command('features')
    .description(
      'add time features to a warehouse table or a file, in SQL: calendar, seasons, holidays and commerce events, fiscal and retail calendars, leak-free lags and windows per group, customer features',
    )
    .option('--warehouse <file>', 'DuckDB warehouse file, with --table')
    .option('--table <name>', 'the table or view, e.g. gold.daily_sales')
    .option('--file <path>', 'a CSV or Parquet file instead (dates taken in UTC unless --time-zone)')
    .requiredOption('--date <column>', 'the DATE or TIMESTAMP column the features are computed from')
    .option(
      '--add <families>',
      'families, separated by commas: calendar, season:<meteorological|quarter|month|india|retail-us|file.yaml>, fiscal:<first month>, retail:<nrf|445|454|544>, holidays:<CC>[+<CC>] (or holidays:column with --country-column), events',
    )
    .option(
      '--window <spec>',
      'a lag or window per group (repeatable), e.g. lag:revenue:1@customer_id, sum:revenue:7d@customer_id, days_since_previous@customer_id',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--training', 'windows never see the current or a later row (no leakage); lead is refused')
    .option(
      '--customer <column>',
      'add customer features: tenure, first / last order date, order index, days since the previous order',
    )
    .option('--value <column>', 'the value column of the customer features (e.g. revenue)')
    .option('--country-column <column>', "each row's country as text (holidays, meteorological seasons)")
    .option('--region-column <column>', "each row's region (regional holidays)")
    .option('--promotions <file>', 'a promotions file (name, start, end) for the events family')
    .option(
      '--time-zone <zone>',
      "the zone dates are taken in (default: the warehouse's reporting zone; UTC for a file)",
    )
    .option(
      '--into <schema.table>',
      'write a warehouse table (replaced; rebuilt by every later shopstat etl)',
    )
    .option('--out <file>', 'write a CSV (formula-safe) or Parquet file');
  addResourceOptions(command, 'writer')
    .addHelpText(
      'after',
      [
        '',
        'Without --into or --out, the columns that would be added are listed.',
        'Exit codes: 0 ok, 2 a bad option, an unknown table, column, family, country or zone.',
      ].join('\n'),
    )
    .action(async (flags: FeaturesFlags) => {
      checkTableSource('features', flags);
      if (flags.into !== undefined && flags.file !== undefined) {
        throw new InvalidArgumentError('features: --into writes a warehouse table; with --file use --out');
      }
      if (flags.into !== undefined && flags.out !== undefined) {
        throw new InvalidArgumentError('features: give --into or --out, not both');
      }
      const { validateTimeZone } = await import('../../etl/runner.ts');
      if (flags.timeZone !== undefined) validateTimeZone(flags.timeZone);
      const { addFeaturesInto, addFeaturesToFile, featureSelect } = await import(
        '../features/add-features.ts'
      );
      const options = (table: string) => ({
        table,
        date: flags.date,
        add:
          flags.add === undefined
            ? []
            : flags.add
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s !== ''),
        windows: flags.window,
        training: flags.training === true,
        ...(flags.customer === undefined ? {} : { customer: flags.customer }),
        ...(flags.value === undefined ? {} : { value: flags.value }),
        ...(flags.countryColumn === undefined ? {} : { countryColumn: flags.countryColumn }),
        ...(flags.regionColumn === undefined ? {} : { regionColumn: flags.regionColumn }),
        ...(flags.promotions === undefined ? {} : { promotionsFile: flags.promotions }),
        ...(flags.timeZone === undefined
          ? flags.file === undefined
            ? {}
            : { timeZone: 'UTC' }
          : { timeZone: flags.timeZone }),
      });
      const print = (
        result: AddFeaturesResult & { readonly into?: string; readonly out?: string; readonly rows?: number },
      ) =>
        printResult(flags.json === true, result, () =>
          [
            `dates: ${result.date.column} (${result.date.type}) in ${result.date.timeZone}`,
            ...result.families.map(
              (f) => `${f.spec}: ${f.columns.map((c) => `${c.name} ${c.type}`).join(', ')}`,
            ),
            ...(result.into === undefined ? [] : [`${String(result.rows)} rows written to ${result.into}`]),
            ...(result.out === undefined ? [] : [`${String(result.rows)} rows written to ${result.out}`]),
            ...result.warnings.map((w) => `warning ${w.code}: ${w.message}`),
          ].join('\n'),
        );
      // --into writes the warehouse; --out needs DuckDB's access to files.
      await withTableSource(
        flags,
        async (wh, table) => {
          const o = options(table);
          if (flags.into !== undefined) print(await addFeaturesInto(wh, o, flags.into));
          else if (flags.out !== undefined) print(await addFeaturesToFile(wh, o, flags.out));
          else print((await featureSelect(wh, o)).result);
        },
        { write: flags.into !== undefined, files: flags.out !== undefined },
      );
    });
}
