import { checkWhere } from '../eda/where-clause.ts';
import { InsufficientDataError, InvalidArgumentError } from '../errors.ts';
import { SEASON_SCHEMES } from '../features/seasons.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { bartlettFromSummaries } from './bartlett.ts';
import { brownForsytheMeansFromSummaries } from './brown-forsythe.ts';
import { autoChoice } from './compare-auto.ts';
import { customerColumn, repeatedTests } from './compare-repeated.ts';
import { rankSums, type SpreadRow, type SumsRow, spread, text, unitOfAnalysis } from './compare-shared.ts';
import { twoWay } from './compare-two-way.ts';
import type { CompareGroupsOptions, CompareGroupsResult, GroupTest } from './compare-types.ts';
import { GROUP_TESTS, MAX_POSTHOC_GROUPS } from './compare-types.ts';
import {
  doubleShiftQuery,
  doubleToDecimalText,
  type GroupingSpec,
  groupSumsQuery,
  rowsCte,
  spreadSumsQuery,
  valueArithmetic,
} from './group-sql.ts';
import { kruskalWallisFromRanks } from './kruskal-wallis.ts';
import { oneWayAnovaFromSummaries } from './one-way.ts';
import { dunnTestFromRanks } from './posthoc-dunn.ts';
import { gamesHowellFromSummaries } from './posthoc-games-howell.ts';
import { tukeyHsdFromSummaries } from './posthoc-tukey.ts';
import type { GroupSummary } from './types.ts';
import { welchAnovaFromSummaries } from './welch.ts';

export type {
  CompareGroupsOptions,
  CompareGroupsResult,
  GroupTest,
  PosthocMethod,
  SpreadTestResult,
} from './compare-types.ts';
export { GROUP_TESTS, MAX_POSTHOC_GROUPS, MAX_TWO_WAY_CELLS, POSTHOC_METHODS } from './compare-types.ts';

/**
 * Compares a numeric column across groups of a warehouse table or attached file: the one-way
 * family (classical ANOVA with effect sizes, Welch, Brown-Forsythe F*, Kruskal-Wallis, Levene,
 * Brown-Forsythe and Bartlett tests of variances). Rows stay in DuckDB: only per-group counts,
 * exact sums, rank sums and centres reach TypeScript.
 *
 * @param tableSql The table's quoted SQL name (from `wh.resolveTable`), or an attached view.
 * @throws InvalidArgumentError for a column that is not numeric, a missing `group` / `season`, or
 *   fewer than two groups with values.
 */
export async function compareGroups(
  wh: Warehouse,
  table: string,
  options: CompareGroupsOptions,
): Promise<CompareGroupsResult> {
  const resolved = await wh.resolveTable(table);
  const value = await wh.resolveColumn(table, options.value);
  const grouping = await groupingOf(wh, table, options);
  const arithmetic = valueArithmetic(value.name, value.type);
  const where = options.where?.trim() ? options.where.trim() : null;
  // One condition, checked as profiles check it (a parse-tree comparison, not a statement count).
  if (where !== null) await checkWhere(wh, where, 'compareGroups');

  const second = options.group2 === undefined ? null : (await wh.resolveColumn(table, options.group2)).name;
  const rows = rowsCte(resolved.sql, grouping, value.name, where, second);
  let shift: number | null = null;
  let nonFinite = 0;
  if (arithmetic.kind === 'double') {
    const r = await wh.one<{ shift: number | null; non_finite: number }>(doubleShiftQuery(rows));
    shift = r?.shift ?? 0;
    nonFinite = r?.non_finite ?? 0;
    if (nonFinite > 0) {
      throw new InvalidArgumentError(
        `anova: --value ${JSON.stringify(value.name)} holds ${nonFinite} NaN or infinite values; filter them out with --where "isfinite(${value.name})"`,
      );
    }
  }
  if (second !== null) {
    return twoWay(wh, {
      rows,
      arithmetic,
      shift,
      grouping,
      second,
      options,
      resolved: resolved.sql,
      value,
      where,
      nonFinite,
    });
  }
  const sums = await wh.all<SumsRow>(groupSumsQuery(rows, arithmetic, shift));
  const nullGroupRows = sums.filter((r) => r.g === null).reduce((a, r) => a + r.n + r.nulls, 0);
  const groups = sums.filter((r): r is SumsRow & { g: string } => r.g !== null);
  const withValues = groups.filter((r) => r.n > 0);
  if (withValues.length < 2) {
    throw new InvalidArgumentError(
      `anova: comparing needs at least two groups with values, got ${withValues.length}${withValues.length === 1 ? ` (${JSON.stringify(withValues[0]?.g)})` : ''}`,
    );
  }
  const summaries: GroupSummary[] = withValues.map((r) => ({
    group: r.g,
    n: r.n,
    sum: text(r.s),
    sumSquares: text(r.q),
    ...(shift === null ? {} : { shift: doubleToDecimalText(shift), approximate: true }),
  }));
  const asked = new Set<GroupTest>(options.tests ?? GROUP_TESTS);
  const level = options.confidenceLevel ?? 0.95;
  const tests: Record<string, unknown> = {};
  const warnings: { code: string; message: string }[] = [];
  const nullValues = groups.reduce((a, r) => a + r.nulls, 0);
  if (nullValues > 0) {
    warnings.push({ code: 'null_values', message: `${nullValues} rows with no ${value.name} were left out` });
  }
  if (nullGroupRows > 0) {
    warnings.push({ code: 'null_group', message: `${nullGroupRows} rows with no group were left out` });
  }
  const empty = groups.filter((r) => r.n === 0).map((r) => r.g);
  if (empty.length > 0) {
    warnings.push({
      code: 'empty_groups',
      message: `groups with no values were left out: ${empty.join(', ')}`,
    });
  }
  try {
    if (asked.has('oneway')) tests.oneway = oneWayAnovaFromSummaries(summaries, { confidenceLevel: level });
    if (asked.has('welch')) tests.welch = welchAnovaFromSummaries(summaries);
    if (asked.has('brown-forsythe-means'))
      tests.brownForsytheMeans = brownForsytheMeansFromSummaries(summaries);
    if (asked.has('bartlett')) tests.bartlett = bartlettFromSummaries(summaries);
    const posthoc = new Set(options.posthoc ?? []);
    if (posthoc.size > 0 && summaries.length > MAX_POSTHOC_GROUPS) {
      throw new InvalidArgumentError(
        `anova: --posthoc compares every pair of groups; ${summaries.length} groups make ${(summaries.length * (summaries.length - 1)) / 2} pairs, more than the ${MAX_POSTHOC_GROUPS} groups allowed; group more coarsely or leave out --posthoc`,
      );
    }
    if (posthoc.has('tukey')) tests.tukey = tukeyHsdFromSummaries(summaries, { confidenceLevel: level });
    if (posthoc.has('games-howell'))
      tests.gamesHowell = gamesHowellFromSummaries(summaries, { confidenceLevel: level });
    if (asked.has('kruskal') || posthoc.has('dunn')) {
      const ranks = await rankSums(wh, rows);
      if (asked.has('kruskal')) tests.kruskal = kruskalWallisFromRanks(ranks.groups, ranks.ties);
      if (posthoc.has('dunn'))
        tests.dunn = dunnTestFromRanks(ranks.groups, ranks.ties, { adjust: options.adjust ?? 'holm' });
    }
    if (asked.has('levene') || asked.has('brown-forsythe')) {
      const sums = await wh.all<SpreadRow>(spreadSumsQuery(rows));
      if (asked.has('levene')) tests.levene = spread(sums, 'mean');
      if (asked.has('brown-forsythe')) tests.brownForsythe = spread(sums, 'median');
    }
  } catch (error) {
    if (error instanceof InsufficientDataError) {
      throw new InvalidArgumentError(`anova: ${error.message.replace(/^\w+: /, '')}`, { cause: error });
    }
    throw error;
  }
  let automatic: Pick<CompareGroupsResult, 'auto' | 'normality' | 'conclusion'> = {};
  if (options.auto === true) {
    automatic = await autoChoice(wh, {
      warnings,
      rows,
      summaries,
      level,
      tests,
      options,
      grouping,
      value: value.name,
    });
  }
  let subjects: CompareGroupsResult['subjects'];
  // A customer appears in several months and seasons of a per-customer table: check it even
  // when no --subject was given, so the warning is never missing.
  const subject = options.subject ?? (await customerColumn(wh, table));
  if (subject !== undefined) {
    subjects = await repeatedTests(wh, {
      table,
      tableSql: resolved.sql,
      grouping,
      value: value.name,
      where,
      subject,
      tests,
      warnings,
    });
  }
  return {
    kind: 'group-comparison',
    source: resolved.sql,
    value: {
      column: value.name,
      type: value.type,
      sums: arithmetic.kind === 'double' ? 'shifted-double' : 'exact',
    },
    grouping,
    where,
    unitOfAnalysis: unitOfAnalysis(resolved.sql),
    ...(subjects === undefined ? {} : { subjects }),
    ...automatic,
    groups: groups.map((r) => ({ group: r.g, n: r.n, nullValues: r.nulls })),
    excluded: { nullValues, nullGroupRows, nonFinite },
    tests: tests as CompareGroupsResult['tests'],
    warnings,
  };
}

async function groupingOf(wh: Warehouse, table: string, o: CompareGroupsOptions): Promise<GroupingSpec> {
  if ((o.group === undefined) === (o.season === undefined)) {
    throw new InvalidArgumentError(
      'anova: give --group COLUMN or --season quarter|month (with --date COLUMN)',
    );
  }
  if (o.group !== undefined) return { kind: 'column', column: (await wh.resolveColumn(table, o.group)).name };
  const schemes: readonly string[] = SEASON_SCHEMES;
  if (!schemes.includes(o.season ?? '')) {
    throw new InvalidArgumentError(
      `anova: --season must be one of ${SEASON_SCHEMES.join(', ')}, got ${JSON.stringify(o.season)}`,
    );
  }
  if (o.date === undefined)
    throw new InvalidArgumentError('anova: --season needs --date COLUMN (a DATE or TIMESTAMP column)');
  const date = await wh.resolveColumn(table, o.date);
  if (!/^(DATE|TIMESTAMP.*)$/.test(date.type)) {
    throw new InvalidArgumentError(`anova: --date ${JSON.stringify(date.name)} is ${date.type}, not a date`);
  }
  return { kind: 'season', scheme: o.season as string, dateColumn: date.name, dateType: date.type };
}
