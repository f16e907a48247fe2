import type { Warehouse } from '../warehouse/index.ts';
import { chooseTest } from './auto-choice.ts';
import { rankSums, type SpreadRow, spread } from './compare-shared.ts';
import type { CompareGroupsOptions, CompareGroupsResult, SpreadTestResult } from './compare-types.ts';
import { MAX_POSTHOC_GROUPS } from './compare-types.ts';
import { conclusionSentence } from './conclusion.ts';
import { type GroupingSpec, momentSumsQuery, QQ_PROBS, spreadSumsQuery } from './group-sql.ts';
import { type KruskalWallisResult, kruskalWallisFromRanks } from './kruskal-wallis.ts';
import { normalityDiagnostics } from './normality.ts';
import { type OneWayAnovaResult, oneWayAnovaFromSummaries } from './one-way.ts';
import { type DunnResult, dunnTestFromRanks } from './posthoc-dunn.ts';
import { type GamesHowellResult, gamesHowellFromSummaries } from './posthoc-games-howell.ts';
import { type TukeyResult, tukeyHsdFromSummaries } from './posthoc-tukey.ts';
import type { GroupSummary } from './types.ts';
import { type WelchAnovaResult, welchAnovaFromSummaries } from './welch.ts';

export interface AutoInput {
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
export async function autoChoice(
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
