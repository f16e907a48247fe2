import { InsufficientDataError, InvalidArgumentError } from '../errors.ts';
import { SEASON_SCHEMES } from '../features/seasons.ts';
import type { PAdjustMethod } from '../stats/p-adjust.ts';
import type { Warehouse } from '../warehouse/index.ts';
import { type AutoChoice, chooseTest } from './auto-choice.ts';
import { type BartlettResult, bartlettFromSummaries } from './bartlett.ts';
import { type BrownForsytheMeansResult, brownForsytheMeansFromSummaries } from './brown-forsythe.ts';
import { conclusionSentence } from './conclusion.ts';
import { type FriedmanResult, friedmanFromRanks } from './friedman.ts';
import {
  cellSumsQuery,
  doubleShiftQuery,
  doubleToDecimalText,
  type GroupingSpec,
  groupSumsQuery,
  momentSumsQuery,
  QQ_PROBS,
  rankSumsQuery,
  repeatedMomentsQuery,
  rowsCte,
  spreadSumsQuery,
  subjectOverlapQuery,
  subjectRowsCte,
  valueArithmetic,
  withinSubjectRanksQuery,
} from './group-sql.ts';
import { type KruskalWallisResult, kruskalWallisFromRanks } from './kruskal-wallis.ts';
import { type NormalityResult, normalityDiagnostics } from './normality.ts';
import { type OneWayAnovaResult, oneWayAnovaFromSummaries } from './one-way.ts';
import { type DunnResult, dunnTestFromRanks } from './posthoc-dunn.ts';
import { type GamesHowellResult, gamesHowellFromSummaries } from './posthoc-games-howell.ts';
import { type TukeyResult, tukeyHsdFromSummaries } from './posthoc-tukey.ts';
import { repeatedMeasuresAnovaFromMoments } from './repeated-measures.ts';
import type { RepeatedMeasuresResult } from './rm-types.ts';
import { twoWayAnovaFromCells } from './two-way.ts';
import type { SsType, TwoWayAnovaResult } from './two-way-types.ts';
import type { GroupSummary } from './types.ts';
import { type WelchAnovaResult, welchAnovaFromSummaries } from './welch.ts';

/** The tests `compareGroups` runs; `all` is every one of them. */
export const GROUP_TESTS = [
  'oneway',
  'welch',
  'brown-forsythe-means',
  'kruskal',
  'levene',
  'brown-forsythe',
  'bartlett',
] as const;
export type GroupTest = (typeof GROUP_TESTS)[number];

/** What to compare, read from a table (or a file attached as a view). */
export interface CompareGroupsOptions {
  /** The numeric column compared (DECIMAL and integers give exact sums of squares). */
  readonly value: string;
  /** The column whose values form the groups; or give `season`. */
  readonly group?: string;
  /** Groups from a date column: `quarter` (Q1..Q4) or `month` (month of year). Needs `date`. */
  readonly season?: string;
  /** The date column of `season`. */
  readonly date?: string;
  /** A SQL condition on the rows (one expression; the caller opens the warehouse read-only). */
  readonly where?: string | null;
  /** Default: all of GROUP_TESTS. */
  readonly tests?: readonly GroupTest[];
  /** Confidence level of the effect-size intervals (default 0.95). */
  readonly confidenceLevel?: number;
  /**
   * A second factor (column): a two-way ANOVA of `group` (or the season) x this, with the
   * interaction, instead of the one-way tests.
   */
  readonly group2?: string;
  /** Sums of squares of the two-way ANOVA: 'I' (in the order given), 'II' (default) or 'III' (contr.sum). */
  readonly ssType?: SsType;
  /** Post-hoc comparisons of every pair of groups (one-way only). Default none. */
  readonly posthoc?: readonly PosthocMethod[];
  /** Adjustment of Dunn's p-values (default holm). */
  readonly adjust?: PAdjustMethod;
  /**
   * The subject column (e.g. customer_id) when the same subject can appear in several groups.
   * Given, the comparison warns when subjects repeat across groups (observations are not
   * independent) and adds the repeated-measures ANOVA (with its sphericity correction) and the
   * Friedman test over the subjects present in every group, one value per subject and group (the
   * mean of its rows).
   */
  readonly subject?: string;
  /**
   * `--test auto`: check the assumptions (normality per group by the size of its skewness and
   * kurtosis, the Brown-Forsythe test of variances), pick the classic ANOVA, Welch or
   * Kruskal-Wallis and the matching post-hoc (Tukey, Games-Howell, Dunn), and state why and the
   * conclusion in one sentence (`auto`, `conclusion`). The other tests asked for still run.
   */
  readonly auto?: boolean;
  /** Words for the sentence: the value (`'spending'`) and the grouping (`'season'`); default the column names. */
  readonly labels?: { readonly value?: string; readonly group?: string; readonly groupNoun?: string };
}

/** Pairwise comparisons grow with the square of the groups: at most this many groups (1,225 pairs). */
export const MAX_POSTHOC_GROUPS = 50;
/** A two-way design is fitted on its cells: at most this many (factor levels multiplied). */
export const MAX_TWO_WAY_CELLS = 1000;

/** The post-hoc comparisons `compareGroups` can add. */
export const POSTHOC_METHODS = ['tukey', 'games-howell', 'dunn'] as const;
export type PosthocMethod = (typeof POSTHOC_METHODS)[number];

/** Levene (mean) and Brown-Forsythe (median): a one-way ANOVA on |x - centre|. */
export interface SpreadTestResult {
  readonly kind: 'levene';
  readonly center: 'mean' | 'median';
  readonly f: number | null;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number | null;
  readonly groups: readonly { readonly group: string; readonly n: number; readonly center: number }[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

/** The result of `compareGroups`: the groups as read, and each test asked for. */
export interface CompareGroupsResult {
  readonly kind: 'group-comparison';
  readonly source: string;
  readonly value: {
    readonly column: string;
    readonly type: string;
    readonly sums: 'exact' | 'shifted-double';
  };
  readonly grouping: GroupingSpec;
  readonly where: string | null;
  /** Groups in order (by label); rows whose group is missing are excluded and counted apart. */
  readonly groups: readonly { readonly group: string; readonly n: number; readonly nullValues: number }[];
  readonly excluded: {
    readonly nullValues: number;
    readonly nullGroupRows: number;
    readonly nonFinite: number;
  };
  readonly tests: {
    readonly oneway?: OneWayAnovaResult;
    readonly welch?: WelchAnovaResult;
    readonly brownForsytheMeans?: BrownForsytheMeansResult;
    readonly kruskal?: KruskalWallisResult;
    readonly levene?: SpreadTestResult;
    readonly brownForsythe?: SpreadTestResult;
    readonly bartlett?: BartlettResult;
    readonly twoWay?: TwoWayAnovaResult;
    readonly tukey?: TukeyResult;
    readonly gamesHowell?: GamesHowellResult;
    readonly dunn?: DunnResult;
    readonly repeatedMeasures?: RepeatedMeasuresResult;
    readonly friedman?: FriedmanResult;
  };
  /** What one observation is: a row of the table (with a note for the known gold tables). */
  readonly unitOfAnalysis: string;
  /** With `auto`: the test chosen, the post-hoc, and why. */
  readonly auto?: AutoChoice;
  /** With `auto`: the per-group normality diagnostics it used. */
  readonly normality?: NormalityResult;
  /** With `auto`: the conclusion in one plain sentence. */
  readonly conclusion?: string;
  /** With `subject`: how many subjects, how many appear in several groups, how many are in all. */
  readonly subjects?: {
    readonly column: string;
    readonly total: number;
    readonly repeated: number;
    readonly complete: number;
  };
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

interface SumsRow {
  g: string | null;
  n: number;
  nulls: number;
  s: string | number | null;
  q: string | number | null;
}

function text(v: string | number | null): string {
  if (v === null) return '0';
  return typeof v === 'number' ? doubleToDecimalText(v) : v;
}

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
  if (where !== null && (await wh.statementCount(`select 1 from ${resolved.sql} where (${where}\n)`)) !== 1) {
    throw new InvalidArgumentError(`anova: --where must be one SQL condition, got ${JSON.stringify(where)}`);
  }
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

/** What one observation is, for the result. */
function unitOfAnalysis(tableSql: string): string {
  if (tableSql === '"gold"."customer_monthly_spend"') {
    return 'one row of gold.customer_monthly_spend: a customer-month with a valid order (months without a purchase are absent, not zeros)';
  }
  return `one row of ${tableSql}; rows without a value or a group are left out`;
}

/** The table's `customer_id` column when it has one (the subject of per-customer tables). */
async function customerColumn(wh: Warehouse, table: string): Promise<string | undefined> {
  const columns = await wh.columnsOf(table);
  return columns.find((c) => c.name.toLowerCase() === 'customer_id')?.name;
}

interface AutoInput {
  warnings: { code: string; message: string }[];
  rows: string;
  summaries: readonly GroupSummary[];
  level: number;
  tests: Record<string, unknown>;
  options: CompareGroupsOptions;
  grouping: GroupingSpec;
  value: string;
}

/** `--test auto`: normality and spread, the choice, the chosen test and post-hoc, the sentence. */
async function autoChoice(
  wh: Warehouse,
  a: AutoInput,
): Promise<Pick<CompareGroupsResult, 'auto' | 'normality' | 'conclusion'>> {
  const moments = await wh.all<{
    g: string;
    n: number;
    mean: number;
    m2: number;
    m3: number;
    m4: number;
    quantiles: number[];
  }>(momentSumsQuery(a.rows));
  const normality = normalityDiagnostics(
    moments.map((m) => ({
      group: m.g,
      n: m.n,
      mean: m.mean,
      m2: m.m2,
      m3: m.m3,
      m4: m.m4,
      quantiles: QQ_PROBS.map((p, i) => ({ p, value: m.quantiles[i] ?? Number.NaN })).filter((q) =>
        Number.isFinite(q.value),
      ),
    })),
  );
  const spreads = await wh.all<SpreadRow>(spreadSumsQuery(a.rows));
  const levene = (a.tests.levene as SpreadTestResult | undefined) ?? spread(spreads, 'mean');
  const brownForsythe = (a.tests.brownForsythe as SpreadTestResult | undefined) ?? spread(spreads, 'median');
  const choice = chooseTest({
    groups: a.summaries.map((s) => ({ group: s.group, n: s.n })),
    levene,
    brownForsythe,
    normality,
  });
  const oneway =
    (a.tests.oneway as OneWayAnovaResult | undefined) ??
    oneWayAnovaFromSummaries(a.summaries, { confidenceLevel: a.level });
  let test: OneWayAnovaResult | WelchAnovaResult | KruskalWallisResult;
  let posthoc: TukeyResult | GamesHowellResult | DunnResult | null;
  let effect: { name: 'omega-squared' | 'epsilon-squared'; value: number | null };
  // Pairs grow with the square of the groups: past MAX_POSTHOC_GROUPS the test stands alone.
  const pairs = a.summaries.length <= MAX_POSTHOC_GROUPS;
  if (!pairs) {
    a.warnings.push({
      code: 'too_many_groups_for_posthoc',
      message: `${a.summaries.length} groups are more than the ${MAX_POSTHOC_GROUPS} that pairwise comparisons allow; no post-hoc comparisons`,
    });
  }
  if (choice.test === 'kruskal') {
    const ranks = await rankSums(wh, a.rows);
    test =
      (a.tests.kruskal as KruskalWallisResult | undefined) ??
      kruskalWallisFromRanks(ranks.groups, ranks.ties);
    posthoc = pairs
      ? dunnTestFromRanks(ranks.groups, ranks.ties, { adjust: a.options.adjust ?? 'holm' })
      : null;
    effect = { name: 'epsilon-squared', value: (test as KruskalWallisResult).epsilonSquared };
    a.tests.kruskal = test;
    if (posthoc !== null) a.tests.dunn = posthoc;
  } else if (choice.test === 'welch') {
    test = (a.tests.welch as WelchAnovaResult | undefined) ?? welchAnovaFromSummaries(a.summaries);
    posthoc = pairs ? gamesHowellFromSummaries(a.summaries, { confidenceLevel: a.level }) : null;
    effect = { name: 'omega-squared', value: oneway.effectSize?.omegaSquared ?? null };
    a.tests.welch = test;
    if (posthoc !== null) a.tests.gamesHowell = posthoc;
  } else {
    test = oneway;
    posthoc = pairs ? tukeyHsdFromSummaries(a.summaries, { confidenceLevel: a.level }) : null;
    effect = { name: 'omega-squared', value: oneway.effectSize?.omegaSquared ?? null };
    a.tests.oneway = test;
    if (posthoc !== null) a.tests.tukey = posthoc;
  }
  const group = a.grouping.kind === 'column' ? a.grouping.column : a.grouping.scheme;
  const conclusion = conclusionSentence({
    valueLabel: a.options.labels?.value ?? a.value,
    groupLabel: a.options.labels?.group ?? group,
    groupNoun: a.options.labels?.groupNoun ?? (a.grouping.kind === 'season' ? a.grouping.scheme : 'group'),
    test,
    effect,
    posthoc,
  });
  return { auto: choice, normality, conclusion };
}

interface RepeatedInput {
  table: string;
  tableSql: string;
  grouping: GroupingSpec;
  value: string;
  where: string | null;
  subject: string;
  tests: Record<string, unknown>;
  warnings: { code: string; message: string }[];
}

/**
 * With a subject column: counts subjects repeated across groups (a warning: observations are not
 * independent) and, over the subjects present in every group, adds the repeated-measures ANOVA
 * (from per-level sums and the cross products of the levels) and the Friedman test (from
 * within-subject rank sums) to `tests`.
 */
async function repeatedTests(wh: Warehouse, r: RepeatedInput): Promise<CompareGroupsResult['subjects']> {
  const column = (await wh.resolveColumn(r.table, r.subject)).name;
  const rows = subjectRowsCte(r.tableSql, r.grouping, r.value, column, r.where);
  const o = await wh.one<{ subjects: number; repeated: number; complete: number; shift: number | null }>(
    subjectOverlapQuery(rows),
  );
  const subjects = {
    column,
    total: o?.subjects ?? 0,
    repeated: o?.repeated ?? 0,
    complete: o?.complete ?? 0,
  };
  if (subjects.repeated > 0) {
    r.warnings.push({
      code: 'repeated_subjects',
      message: `${subjects.repeated} of ${subjects.total} ${column} values appear in more than one group, so the observations are not independent; the repeated-measures ANOVA and the Friedman test over the ${subjects.complete} present in every group allow for it`,
    });
  }
  if (subjects.complete < 2) {
    r.warnings.push({
      code: 'too_few_complete_subjects',
      message: `only ${subjects.complete} ${column} values are present in every group: no repeated-measures test`,
    });
    return subjects;
  }
  const shift = o?.shift ?? 0;
  const cells = await wh.all<{ ga: string; gb: string; cross_product: number; level_sum: number | null }>(
    repeatedMomentsQuery(rows, shift),
  );
  const levels = [...new Set(cells.map((c) => c.ga))];
  const index = new Map(levels.map((l, i) => [l, i]));
  const cross = levels.map(() => levels.map(() => 0));
  const sums = levels.map(() => 0);
  for (const c of cells) {
    const i = index.get(c.ga) ?? 0;
    const j = index.get(c.gb) ?? 0;
    const row = cross[i];
    if (row !== undefined) row[j] = c.cross_product;
    if (i === j) sums[i] = c.level_sum ?? 0;
  }
  r.tests.repeatedMeasures = repeatedMeasuresAnovaFromMoments({
    levels,
    subjects: subjects.complete,
    sums,
    crossProducts: cross,
    shift,
  });
  const ranks = await wh.all<{ g: string; rank_sum: number; tie_term: number }>(
    withinSubjectRanksQuery(rows),
  );
  r.tests.friedman = friedmanFromRanks({
    levels: ranks.map((x) => x.g),
    subjects: subjects.complete,
    rankSums: ranks.map((x) => x.rank_sum),
    tieTerm: ranks[0]?.tie_term ?? 0,
  });
  return subjects;
}

interface TwoWayInput {
  rows: string;
  arithmetic: ReturnType<typeof valueArithmetic>;
  shift: number | null;
  grouping: GroupingSpec;
  second: string;
  options: CompareGroupsOptions;
  resolved: string;
  value: { name: string; type: string };
  where: string | null;
  nonFinite: number;
}

/** The two-way ANOVA of the first grouping x the second factor, from per-cell sums. */
async function twoWay(wh: Warehouse, t: TwoWayInput): Promise<CompareGroupsResult> {
  const cells = await wh.all<SumsRow & { g2: string | null }>(cellSumsQuery(t.rows, t.arithmetic, t.shift));
  const complete = cells.filter(
    (c): c is SumsRow & { g: string; g2: string } => c.g !== null && c.g2 !== null,
  );
  const leftOut = cells.filter((c) => c.g === null || c.g2 === null).reduce((a, c) => a + c.n + c.nulls, 0);
  const nullValues = complete.reduce((a, c) => a + c.nulls, 0);
  const first = t.grouping.kind === 'column' ? t.grouping.column : t.grouping.scheme;
  const result = twoWayAnovaFromCells(
    complete
      .filter((c) => c.n > 0)
      .map((c) => ({
        a: c.g,
        b: c.g2,
        n: c.n,
        sum: text(c.s),
        sumSquares: text(c.q),
        ...(t.shift === null ? {} : { shift: doubleToDecimalText(t.shift), approximate: true }),
      })),
    { ssType: t.options.ssType ?? 'II', factorNames: [first, t.second] },
  );
  const byGroup = new Map<string, { n: number; nullValues: number }>();
  for (const c of complete) {
    const g = byGroup.get(c.g) ?? { n: 0, nullValues: 0 };
    byGroup.set(c.g, { n: g.n + c.n, nullValues: g.nullValues + c.nulls });
  }
  const warnings: { code: string; message: string }[] = [];
  if (nullValues > 0)
    warnings.push({
      code: 'null_values',
      message: `${nullValues} rows with no ${t.value.name} were left out`,
    });
  if (leftOut > 0)
    warnings.push({
      code: 'null_group',
      message: `${leftOut} rows with no ${first} or ${t.second} were left out`,
    });
  return {
    kind: 'group-comparison',
    source: t.resolved,
    unitOfAnalysis: unitOfAnalysis(t.resolved),
    value: {
      column: t.value.name,
      type: t.value.type,
      sums: t.arithmetic.kind === 'double' ? 'shifted-double' : 'exact',
    },
    grouping: t.grouping,
    where: t.where,
    groups: [...byGroup].map(([group, g]) => ({ group, ...g })),
    excluded: { nullValues, nullGroupRows: leftOut, nonFinite: t.nonFinite },
    tests: { twoWay: result },
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

/** Per group n and rank sum (average ranks over all groups), and the tie term, from DuckDB. */
async function rankSums(
  wh: Warehouse,
  rows: string,
): Promise<{
  groups: { group: string; n: number; rankSum: number }[];
  ties: { sumTiesCubedMinusTies: number; n: number };
}> {
  const r = await wh.all<{ g: string; n: number; rank_sum: number; tie_term: number }>(rankSumsQuery(rows));
  const n = r.reduce((a, x) => a + x.n, 0);
  return {
    groups: r.map((x) => ({ group: x.g, n: x.n, rankSum: x.rank_sum })),
    ties: { sumTiesCubedMinusTies: r[0]?.tie_term ?? 0, n },
  };
}

interface SpreadRow {
  g: string;
  n: number;
  s_mean: number;
  q_mean: number;
  s_median: number;
  q_median: number;
  mean: number;
  median: number;
}

/** Levene (mean) or Brown-Forsythe (median): the one-way ANOVA on z = |x - centre|. */
function spread(rows: readonly SpreadRow[], center: 'mean' | 'median'): SpreadTestResult {
  const pick = (r: SpreadRow) =>
    center === 'mean'
      ? { s: r.s_mean, q: r.q_mean, c: r.mean }
      : { s: r.s_median, q: r.q_median, c: r.median };
  const anova = oneWayAnovaFromSummaries(
    rows.map((r) => ({
      group: r.g,
      n: r.n,
      sum: doubleToDecimalText(pick(r).s),
      sumSquares: doubleToDecimalText(pick(r).q),
      approximate: true,
    })),
  );
  return {
    kind: 'levene',
    center,
    f: anova.f,
    df1: anova.table.between.df,
    df2: anova.table.within.df,
    pValue: anova.pValue,
    groups: rows.map((r) => ({ group: r.g, n: r.n, center: pick(r).c })),
    warnings: anova.warnings,
  };
}
