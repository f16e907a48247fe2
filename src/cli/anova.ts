import type { Command } from 'commander';
import { InvalidArgumentError } from '../errors.ts';
import type { CliState } from './commands.ts';
import { printResult } from './options.ts';
import {
  addResourceOptions,
  checkTableSource,
  type TableSourceFlags,
  withTableSource,
} from './table-source.ts';

interface AnovaFlags extends TableSourceFlags {
  value: string;
  group?: string;
  season?: string;
  date?: string;
  group2?: string;
  subject?: string;
  ssType: string;
  test: string;
  posthoc?: string;
  adjust: string;
  level: string;
  json?: boolean;
}

/** `shopstat anova`: does a numeric column differ across groups? The one-way family of tests. */
export function registerAnova(program: Command, _state: CliState): void {
  const command = program
    .command('anova')
    .description(
      'compare a numeric column across groups: one-way ANOVA with effect sizes, Welch, Brown-Forsythe F*, Kruskal-Wallis, and the Levene, Brown-Forsythe and Bartlett tests of variances',
    )
    .option('--warehouse <file>', 'DuckDB warehouse file (opened read-only), with --table')
    .option('--table <name>', 'the table or view, e.g. gold.customer_monthly_spend')
    .option('--file <path>', 'a CSV or Parquet file instead of a table')
    .requiredOption(
      '--value <column>',
      'the numeric column compared (DECIMAL money gives exact sums of squares)',
    )
    .option('--group <column>', 'the column whose values form the groups')
    .option(
      '--season <scheme>',
      'groups from a date column instead: quarter or month (of year); needs --date',
    )
    .option('--date <column>', 'the date column of --season')
    .option(
      '--group2 <column>',
      'a second factor: two-way ANOVA with interaction (instead of the one-way tests)',
    )
    .option(
      '--ss-type <type>',
      'sums of squares of the two-way ANOVA: 1 (in the order given), 2, or 3 (contr.sum, as car::Anova)',
      '2',
    )
    .option('--where <predicate>', 'only the rows where this SQL condition holds (warehouse tables)')
    .option(
      '--test <tests>',
      'which tests, separated by commas: auto (check the assumptions, pick classic / Welch / Kruskal-Wallis and the matching post-hoc, and say why in one sentence), oneway, welch, brown-forsythe-means, kruskal, levene, brown-forsythe, bartlett, twoway (with --group2), rm and friedman (with --subject), or all',
      'all',
    )
    .option(
      '--posthoc <methods>',
      'pairwise comparisons, separated by commas: tukey (Tukey-Kramer), games-howell, dunn',
    )
    .option('--adjust <method>', "adjustment of Dunn's p-values: holm, bonferroni or bh", 'holm')
    .option('--level <fraction>', 'confidence level of the effect-size intervals', '0.95');
  addResourceOptions(command, 'reader')
    .addHelpText(
      'after',
      [
        '',
        'Rows whose value or group is missing are left out and counted.',
        'Games-Howell computes a studentized-range quantile per pair (about 0.15 s each).',
        'Exit codes: 0 ok, 2 a bad option, an unknown table or column, fewer than two groups, a warehouse in use past --lock-timeout.',
      ].join('\n'),
    )
    .action(async (flags: AnovaFlags) => {
      checkTableSource('anova', flags);
      const ssType = ({ '1': 'I', '2': 'II', '3': 'III', I: 'I', II: 'II', III: 'III' } as const)[
        flags.ssType.toUpperCase() as '1' | '2' | '3' | 'I' | 'II' | 'III'
      ];
      if (ssType === undefined) {
        throw new InvalidArgumentError(
          `anova: --ss-type must be 1, 2 or 3, got ${JSON.stringify(flags.ssType)}`,
        );
      }
      const level = Number(flags.level);
      if (!(level > 0 && level < 1)) {
        throw new InvalidArgumentError(
          `anova: --level must be a fraction between 0 and 1, got ${JSON.stringify(flags.level)}`,
        );
      }
      const { compareGroups, formatGroupComparison, GROUP_TESTS, POSTHOC_METHODS } = await import(
        '../anova/index.ts'
      );
      const posthoc = flags.posthoc === undefined ? [] : flags.posthoc.split(',').map((x) => x.trim());
      for (const p of posthoc) {
        if (!(POSTHOC_METHODS as readonly string[]).includes(p)) {
          throw new InvalidArgumentError(
            `anova: unknown --posthoc ${JSON.stringify(p)}; choose from ${POSTHOC_METHODS.join(', ')}`,
          );
        }
      }
      if (!['holm', 'bonferroni', 'bh'].includes(flags.adjust)) {
        throw new InvalidArgumentError(
          `anova: --adjust must be holm, bonferroni or bh, got ${JSON.stringify(flags.adjust)}`,
        );
      }
      if (posthoc.length > 0 && flags.group2 !== undefined) {
        throw new InvalidArgumentError(
          'anova: --posthoc compares the groups of a one-way design; leave out --group2',
        );
      }
      const names = flags.test.split(',').map((s) => s.trim());
      const known: readonly string[] = GROUP_TESTS;
      for (const n of names) {
        if (!['all', 'auto', 'twoway', 'rm', 'friedman'].includes(n) && !known.includes(n)) {
          throw new InvalidArgumentError(
            `anova: unknown test ${JSON.stringify(n)}; choose from auto, ${GROUP_TESTS.join(', ')}, twoway, rm, friedman or all`,
          );
        }
      }
      // twoway, rm and friedman name designs that need their column.
      if (names.includes('twoway') && flags.group2 === undefined) {
        throw new InvalidArgumentError('anova: --test twoway needs --group2 COLUMN (the second factor)');
      }
      if ((names.includes('rm') || names.includes('friedman')) && flags.subject === undefined) {
        throw new InvalidArgumentError(
          'anova: --test rm and friedman need --subject COLUMN (e.g. customer_id)',
        );
      }
      const auto = names.includes('auto');
      const tests = names.includes('all')
        ? [...GROUP_TESTS]
        : (names.filter((n) => known.includes(n)) as (typeof GROUP_TESTS)[number][]);
      const options = {
        value: flags.value,
        ...(flags.group === undefined ? {} : { group: flags.group }),
        ...(flags.season === undefined ? {} : { season: flags.season }),
        ...(flags.date === undefined ? {} : { date: flags.date }),
        ...(flags.group2 === undefined ? {} : { group2: flags.group2 }),
        ...(flags.subject === undefined ? {} : { subject: flags.subject }),
        ssType,
        posthoc: posthoc as (typeof POSTHOC_METHODS)[number][],
        auto,
        adjust: flags.adjust as 'holm' | 'bonferroni' | 'bh',
        where: flags.where ?? null,
        tests,
        confidenceLevel: level,
      };
      await withTableSource(flags, async (wh, table) => {
        const result = await compareGroups(wh, table, options);
        printResult(flags.json === true, result, () => formatGroupComparison(result));
      });
    });
}
