import { type Command, Option } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import type { CliState } from './commands.ts';
import {
  lockTimeoutOption,
  parseList,
  printResult,
  type ResourceFlags,
  warehouseOptions,
} from './options.ts';

interface DecomposeFlags extends ResourceFlags {
  warehouse: string;
  from?: string;
  to?: string;
  by?: string;
  factors?: string;
  method: 'shapley' | 'lmdi' | 'sequential';
  share?: string;
  json?: boolean;
}

/** `shopstat decompose`: why revenue moved between two periods (volume, AOV, mix), exact to the cent. */
export function registerDecompose(program: Command, _state: CliState): void {
  program
    .command('decompose')
    .description(
      'split the revenue change between two periods into volume (orders) and AOV effects, optionally by segment with a mix effect or into more factors; exact to the cent',
    )
    .requiredOption('--warehouse <file>', 'DuckDB warehouse file (opened read-only)')
    .option(
      '--from <period>',
      'the earlier period: 2025-08, 2025-Q3, 2025 or 2025-08-01..2025-08-15 (default: the period just before --to, of the same kind)',
    )
    .option(
      '--to <period>',
      'the later period, in the same forms; --from 2024-09 --to 2025-09 is year over year (default: the last complete month in the warehouse)',
    )
    .option(
      '--by <dimensions>',
      'split by one or two of channel, country, payment_method, gender (orders x AOV) or product, category, brand (units x revenue per unit), e.g. channel,country',
    )
    .option(
      '--factors <factors>',
      'also split into more factors (Shapley): any of customers, frequency, basket, price, e.g. customers,frequency,basket,price',
    )
    .addOption(
      new Option('--method <method>', 'how the two-factor effects are split')
        .choices(['shapley', 'lmdi', 'sequential'])
        .default('shapley'),
    )
    .option(
      '--share <fraction>',
      'drivers: the smallest set of segments explaining this share of the change',
      '0.8',
    )
    .addOption(lockTimeoutOption('reader'))
    .option('--memory-limit <size>', 'DuckDB memory limit', '1GB')
    .option('--threads <n>', 'DuckDB threads', '2')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Revenue, orders and AOV count valid orders (not cancelled or returned), by order date in the warehouse’s reporting zone.',
        'Exit codes: 0 ok, 2 a bad option, period or dimension, a missing warehouse or one still in use after --lock-timeout.',
      ].join('\n'),
    )
    .action(async (flags: DecomposeFlags) => {
      const share = flags.share === undefined ? undefined : Number(flags.share);
      if (share !== undefined && !(share > 0 && share <= 1 && /^\s*[\d.]+\s*$/.test(flags.share ?? ''))) {
        throw new InvalidArgumentError(
          `decompose: --share must be a fraction above 0 and at most 1 (e.g. 0.8), got ${JSON.stringify(flags.share)}`,
        );
      }
      const by = flags.by === undefined ? [] : parseList('decompose', '--by', flags.by);
      const { checkFactors, decomposeRevenueChange, formatDecomposition } = await import(
        '../decompose/index.ts'
      );
      // Checked before the warehouse is opened, so a typo answers at once.
      const factors =
        flags.factors === undefined
          ? undefined
          : checkFactors(parseList('decompose', '--factors', flags.factors));
      const { withWarehouse } = await import('../warehouse/index.ts');
      const result = await withWarehouse(
        flags.warehouse,
        { ...warehouseOptions(flags), readOnly: true },
        (wh) =>
          decomposeRevenueChange(wh, {
            ...(flags.from === undefined ? {} : { from: flags.from }),
            ...(flags.to === undefined ? {} : { to: flags.to }),
            by,
            method: flags.method,
            ...(factors === undefined ? {} : { factors }),
            ...(share === undefined ? {} : { driverShare: share }),
          }),
      );
      printResult(flags.json === true, result, () => formatDecomposition(result));
    });
}
