import { InvalidArgumentError } from '../errors.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { dateGapsSql, topValuesSql } from './category-queries.ts';
import { columnProfile, type GroupResults, type TopValues } from './column-profile.ts';
import { numericStatistics } from './numeric-statistics.ts';
import { MAX_GROUPS } from './profile-options.ts';
import type { ProfileScope } from './profile-source.ts';
import { num, summarySql } from './summary-query.ts';
import type { AlertThresholds, ColumnProfile } from './types.ts';

/** The column profiles of one group (the whole table when not grouped: group `null`). */
export interface GroupStatistics {
  readonly group: string | null;
  readonly rows: number;
  readonly columns: ColumnProfile[];
}

type Key = string | null;

/**
 * The statistics of every column of a scope, per group, in four scans of the rows whatever the
 * number of columns and groups: the summary scan; for numeric columns the value-counts GROUP BY,
 * which the rest of their statistics read (see numeric-statistics.ts); the top values of
 * categorical columns; the longest gaps of date columns.
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
  const numeric = await numericStatistics(wh, scope, summaries, options.thresholds);
  const top = await topValues(wh, scope, options.topK);
  const gapsQuery = dateGapsSql(scope);
  const gapRows = gapsQuery === null ? [] : await wh.all(gapsQuery);
  return summaries.map((s) => {
    const g = s.g as Key;
    const results: GroupResults = {
      summary: s,
      numeric: numeric.get(g)?.figures ?? new Map(),
      numericDistinct: numeric.get(g)?.distinct ?? new Map(),
      top: top.get(g) ?? new Map(),
      gaps: new Map(gapRows.filter((r) => r.g === g).map((r) => [Number(r.col), r])),
    };
    const columns = scope.columns.map((c) => columnProfile(c, results, options.thresholds));
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
