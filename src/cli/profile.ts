import type { Command } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import type { CliState } from './commands.ts';
import { lockTimeoutOption, printResult, type ResourceFlags, warehouseOptions } from './options.ts';

interface ProfileFlags extends ResourceFlags {
  warehouse?: string;
  table?: string;
  file?: string;
  columns?: string;
  by?: string;
  where?: string;
  compare?: string;
  top: string;
  threshold: string[];
  json?: boolean;
}

/** The user's threshold names (kebab-case, as typed) and the fields they set. */
const THRESHOLD_NAMES: Readonly<Record<string, string>> = {
  'high-missing': 'highMissing',
  'high-cardinality': 'highCardinality',
  skewness: 'skewness',
  'many-zeros': 'manyZeros',
  'iqr-k': 'iqrK',
  'mad-z': 'madZ',
  'outlier-share': 'outlierShare',
  'high-correlation': 'highCorrelation',
  'parsed-as-text': 'parsedAsText',
  psi: 'psi',
};

/** `--threshold name=value` (repeatable) as a partial thresholds object; values are checked by the library. */
export function parseThresholds(items: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const m = /^([a-z-]+)=(.+)$/.exec(item.trim());
    const field = m?.[1] === undefined ? undefined : THRESHOLD_NAMES[m[1]];
    if (m === null || field === undefined) {
      throw new InvalidArgumentError(
        `profile: --threshold takes name=value with a name among ${Object.keys(THRESHOLD_NAMES).join(', ')}, got ${JSON.stringify(item)}`,
      );
    }
    const value = Number(m[2]);
    if (!Number.isFinite(value) || !/^\s*-?[\d.]+(e-?\d+)?\s*$/i.test(m[2] ?? '')) {
      throw new InvalidArgumentError(
        `profile: --threshold ${m[1]} must be a number, got ${JSON.stringify(m[2])}`,
      );
    }
    out[field] = value;
  }
  return out;
}

function list(name: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new InvalidArgumentError(
      `profile: ${name} takes names separated by commas, got ${JSON.stringify(value)}`,
    );
  }
  return items;
}

/** `shopstat profile`: what a table or file looks like and what is wrong with it, exactly. */
export function registerProfile(program: Command, _state: CliState): void {
  program
    .command('profile')
    .description(
      'profile a warehouse table or a CSV / Parquet file: per column counts, missing, distinct, quantiles, moments, histograms, top values, date coverage; duplicates, correlations and alerts; by group or as drift between two slices',
    )
    .option('--warehouse <file>', 'DuckDB warehouse file (opened read-only), with --table')
    .option('--table <name>', 'the table or view to profile, e.g. silver.fact_orders')
    .option('--file <path>', 'a CSV (typed by sniffing the whole file) or Parquet file to profile instead')
    .option(
      '--columns <names>',
      'only these columns, separated by commas (names as they are: spaces and unicode are fine)',
    )
    .option('--by <column>', 'the same statistics per group of this column, side by side')
    .option(
      '--where <predicate>',
      'only the rows where this SQL condition holds (warehouse tables), e.g. "order_date >= \'2025-01-01\'"',
    )
    .option(
      '--compare <column=A,B>',
      'drift between two slices of a column, e.g. month=2025-09,2025-10 (quote a value holding a comma: region="Bayern, DE","Berlin")',
    )
    .option('--top <k>', 'top values listed per text column', '10')
    .option(
      '--threshold <name=value>',
      `change an alert threshold (repeatable): ${Object.keys(THRESHOLD_NAMES).join(', ')}`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .addOption(lockTimeoutOption('reader'))
    .option('--memory-limit <size>', 'DuckDB memory limit', '1GB')
    .option('--threads <n>', 'DuckDB threads', '2')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Give --warehouse with --table, or --file. --where reads only the warehouse (no other files).',
        'Exit codes: 0 ok, 2 a bad option, an unknown table or column, an unreadable file, a warehouse in use past --lock-timeout.',
      ].join('\n'),
    )
    .action(async (flags: ProfileFlags) => {
      if ((flags.file === undefined) === (flags.table === undefined)) {
        throw new InvalidArgumentError('profile: give --table (with --warehouse) or --file, not both');
      }
      if (flags.table !== undefined && flags.warehouse === undefined) {
        throw new InvalidArgumentError('profile: --table needs --warehouse');
      }
      if (flags.file !== undefined && flags.where !== undefined) {
        throw new InvalidArgumentError(
          'profile: --where filters warehouse tables; profile the file as it is, or load it first',
        );
      }
      if (flags.compare !== undefined && flags.by !== undefined) {
        throw new InvalidArgumentError(
          'profile: --compare and --by cannot be combined; run them one at a time',
        );
      }
      const top = Number(flags.top);
      if (!/^\d+$/.test(flags.top) || top < 1 || top > 1000) {
        throw new InvalidArgumentError(
          `profile: --top must be a whole number from 1 to 1000, got ${JSON.stringify(flags.top)}`,
        );
      }
      const eda = await import('../eda/index.ts');
      const { Warehouse, withWarehouse } = await import('../warehouse/index.ts');
      const thresholds = eda.resolveThresholds(parseThresholds(flags.threshold));
      const compare = flags.compare === undefined ? null : eda.parseCompare(flags.compare);
      const common = {
        ...(flags.columns === undefined ? {} : { columns: list('--columns', flags.columns) }),
        topK: top,
        thresholds,
      };
      if (flags.file !== undefined) {
        const file = flags.file;
        // A file is read through an in-memory DuckDB: nothing is written anywhere.
        const wh = await Warehouse.open(':memory:', warehouseOptions(flags));
        try {
          if (compare !== null) {
            const attached = await wh.attachFile(file, 'file');
            const result = await eda.compareSlices(wh, attached.name, compare, common);
            printResult(flags.json === true, result, () => eda.formatDrift(result));
          } else {
            const result = await eda.profileFile(wh, file, { ...common, by: flags.by ?? null });
            printResult(flags.json === true, result, () => eda.formatProfile(result));
          }
        } finally {
          wh.close();
        }
        return;
      }
      const table = flags.table as string;
      await withWarehouse(
        flags.warehouse as string,
        { ...warehouseOptions(flags), readOnly: true },
        async (wh) => {
          // A --where condition may only read this warehouse: no files, no ATTACH, no network.
          await wh.run('set enable_external_access = false');
          const where = flags.where ?? null;
          if (compare !== null) {
            const result = await eda.compareSlices(wh, table, compare, { ...common, where });
            printResult(flags.json === true, result, () => eda.formatDrift(result));
          } else {
            const result = await eda.profileTable(wh, table, { ...common, by: flags.by ?? null, where });
            printResult(flags.json === true, result, () => eda.formatProfile(result));
          }
        },
      );
    });
}
