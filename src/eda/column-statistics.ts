import { InvalidArgumentError } from '../errors.ts';
import type { Row } from '../warehouse/decode.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { dateGapsSql, topValuesSql } from './category-queries.ts';
import {
  columnProfile,
  type GroupResults,
  type NumericPlan,
  quantilesOf,
  type TopValues,
} from './column-profile.ts';
import { binPlan } from './histogram.ts';
import { madOutliersSql, momentsSql, spreadSql } from './numeric-queries.ts';
import { MAX_GROUPS } from './profile-options.ts';
import type { ProfileScope } from './profile-source.ts';
import { num, summarySql } from './summary-query.ts';
import { type AlertThresholds, type ColumnProfile, QUANTILE_PROBS } from './types.ts';

/** The column profiles of one group (the whole table when not grouped: group `null`). */
export interface GroupStatistics {
  readonly group: string | null;
  readonly rows: number;
  readonly columns: ColumnProfile[];
}

type Key = string | null;

const Q1 = QUANTILE_PROBS.indexOf(0.25);
const MEDIAN = QUANTILE_PROBS.indexOf(0.5);
const Q3 = QUANTILE_PROBS.indexOf(0.75);

/**
 * The statistics of every column of a scope, per group, in at most six queries whatever the
 * number of columns and groups: the summary scan; for numeric columns the moments and quantiles
 * scan, the histogram / IQR / MAD scan and the MAD-outliers scan (skipped when no MAD is
 * positive); the top values of categorical columns; the longest gaps of date columns.
 *
 * @throws InvalidArgumentError when a grouped scope has more than MAX_GROUPS groups.
 */
export async function columnStatistics(
  wh: Warehouse,
  scope: ProfileScope,
  options: { readonly topK: number; readonly thresholds: AlertThresholds; readonly by: string | null },
): Promise<GroupStatistics[]> {
  if (scope.grouped) await assertGroupCount(wh, scope, options.by);
  let summaries = await wh.all(summarySql(scope));
  if (!scope.grouped && summaries.length === 0) summaries = [{ g: null, n_rows: 0 }];
  const numeric = scope.columns.filter((c) => c.kind === 'numeric');
  const figures = new Map<Key, Record<string, number | null>>();
  for (const s of summaries) {
    figures.set(
      s.g as Key,
      Object.fromEntries(numeric.map((c) => [`mean${c.index}`, num(s, `mean${c.index}`)])),
    );
  }
  const plans = new Map<Key, Map<number, NumericPlan>>();
  let moments = new Map<Key, Row>();
  let spread = new Map<Key, Row>();
  let madOutliers = new Map<Key, Row>();
  if (numeric.length > 0 && summaries.length > 0) {
    moments = byGroup(await wh.all(momentsSql(scope, figures)));
    for (const s of summaries) {
      const g = s.g as Key;
      const f = figures.get(g) as Record<string, number | null>;
      const groupPlans = new Map<number, NumericPlan>();
      for (const c of numeric) {
        const quantiles = quantilesOf(moments.get(g), c.index);
        const [q1, median, q3] = [quantiles[Q1] ?? null, quantiles[MEDIAN] ?? null, quantiles[Q3] ?? null];
        const iqr = q1 === null || q3 === null ? null : q3 - q1;
        const bins = binPlan(
          num(s, `finite${c.index}`) ?? 0,
          num(s, `min${c.index}`) ?? toNumber(s[`min${c.index}`]),
          num(s, `max${c.index}`) ?? toNumber(s[`max${c.index}`]),
          iqr,
        );
        const k = options.thresholds.iqrK;
        const bounds =
          q1 === null || q3 === null || iqr === null ? null : { lower: q1 - k * iqr, upper: q3 + k * iqr };
        Object.assign(f, {
          [`min${c.index}`]: bins?.min ?? null,
          [`width${c.index}`]: bins?.binWidth ?? null,
          [`bins${c.index}`]: bins?.bins ?? null,
          [`iqr_lower${c.index}`]: bounds?.lower ?? null,
          [`iqr_upper${c.index}`]: bounds?.upper ?? null,
          [`median${c.index}`]: median,
        });
        groupPlans.set(c.index, { quantiles, bins, iqr: bounds, mad: null });
      }
      plans.set(g, groupPlans);
    }
    spread = byGroup(await wh.all(spreadSql(scope, figures)));
    let anyMad = false;
    for (const [g, groupPlans] of plans) {
      const f = figures.get(g) as Record<string, number | null>;
      for (const c of numeric) {
        const plan = groupPlans.get(c.index) as NumericPlan;
        const mad = num(spread.get(g), `mad${c.index}`);
        const median = f[`median${c.index}`] ?? null;
        if (mad === null || median === null) continue;
        const limit = options.thresholds.madZ * 1.4826 * mad;
        const lower = mad > 0 ? median - limit : null;
        const upper = mad > 0 ? median + limit : null;
        anyMad ||= mad > 0;
        Object.assign(f, { [`mad_lower${c.index}`]: lower, [`mad_upper${c.index}`]: upper });
        groupPlans.set(c.index, { ...plan, mad: { mad, lower, upper } });
      }
    }
    if (anyMad) madOutliers = byGroup(await wh.all(madOutliersSql(scope, figures)));
  }
  const top = await topValues(wh, scope, options.topK);
  const gapsQuery = dateGapsSql(scope);
  const gapRows = gapsQuery === null ? [] : await wh.all(gapsQuery);
  return summaries.map((s) => {
    const g = s.g as Key;
    const results: GroupResults = {
      summary: s,
      moments: moments.get(g),
      spread: spread.get(g),
      madOutliers: madOutliers.get(g),
      top: top.get(g) ?? new Map(),
      gaps: new Map(gapRows.filter((r) => r.g === g).map((r) => [Number(r.col), r])),
    };
    const columns = scope.columns.map((c) =>
      columnProfile(c, results, plans.get(g)?.get(c.index), options.thresholds),
    );
    return { group: g, rows: num(s, 'n_rows') ?? 0, columns };
  });
}

async function topValues(
  wh: Warehouse,
  scope: ProfileScope,
  topK: number,
): Promise<Map<Key, Map<number, TopValues>>> {
  const out = new Map<Key, Map<number, TopValues>>();
  const query = topValuesSql(scope, topK);
  if (query === null) return out;
  const rows = (await wh.all(query)).sort((a, b) => Number(a.position) - Number(b.position));
  for (const r of rows) {
    const g = r.g as Key;
    const byColumn = out.get(g) ?? new Map<number, TopValues>();
    out.set(g, byColumn);
    const col = Number(r.col);
    const entry = byColumn.get(col) ?? {
      distinct: Number(r.distinct_values),
      values: [],
      numericLike: Number(r.numeric_like),
      dateLike: Number(r.date_like),
    };
    byColumn.set(col, entry);
    entry.values.push({ value: String(r.value), count: Number(r.n) });
  }
  return out;
}

async function assertGroupCount(wh: Warehouse, scope: ProfileScope, by: string | null): Promise<void> {
  const groups = Number(
    await wh.scalar(`${scope.cte} select count(*) from (select distinct g from src limit ${MAX_GROUPS + 1})`),
  );
  if (groups > MAX_GROUPS) {
    throw new InvalidArgumentError(
      `profileTable: by ${JSON.stringify(by)} makes more than ${MAX_GROUPS} groups; profile by a column with fewer values, or filter with where`,
    );
  }
}

function byGroup(rows: Row[]): Map<Key, Row> {
  return new Map(rows.map((r) => [r.g as Key, r]));
}

function toNumber(value: unknown): number | null {
  return typeof value === 'string' && value !== '' ? Number(value) : null;
}
