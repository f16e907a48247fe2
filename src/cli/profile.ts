import type { Command } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import type { CliState } from './commands.ts';
import { parseList, printResult } from './options.ts';
import {
  addResourceOptions,
  checkTableSource,
  type TableSourceFlags,
  withTableSource,
} from './table-source.ts';

interface ProfileFlags extends TableSourceFlags {
  columns?: string;
  by?: string;
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

/** `shopstat profile`: what a table or file looks like and what is wrong with it, exactly. */
export function registerProfile(program: Command, _state: CliState): void {
  const command = program
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
    );
  addResourceOptions(command, 'reader')
    .addHelpText(
      'after',
      [
        '',
        'Give --warehouse with --table, or --file. --where reads only the warehouse (no other files).',
        'Exit codes: 0 ok, 2 a bad option, an unknown table or column, an unreadable file, a warehouse in use past --lock-timeout.',
      ].join('\n'),
    )
    .action(async (flags: ProfileFlags) => {
      checkTableSource('profile', flags);
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
      const thresholds = eda.resolveThresholds(parseThresholds(flags.threshold));
      const compare = flags.compare === undefined ? null : eda.parseCompare(flags.compare);
      const common = {
        ...(flags.columns === undefined ? {} : { columns: parseList('profile', '--columns', flags.columns) }),
        topK: top,
        thresholds,
      };
      const where = flags.where ?? null;
      await withTableSource(
        flags,
        async (wh, table, file) => {
          if (compare !== null) {
            const result = await eda.compareSlices(wh, table, compare, { ...common, where });
            printResult(flags.json === true, result, () => eda.formatDrift(result));
            return;
          }
          // A file's profile names the file and the type sniffed for each column.
          const result =
            file === null
              ? await eda.profileTable(wh, table, { ...common, by: flags.by ?? null, where })
              : await eda.profileFile(wh, file, { ...common, by: flags.by ?? null });
          printResult(flags.json === true, result, () => eda.formatProfile(result));
        },
        { attach: compare !== null },
      );
    });
}
