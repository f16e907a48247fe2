import type { Row } from '../warehouse/decode.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import type { ProfiledColumn, ProfileScope } from './profile-source.ts';
import type { ColumnProfile, CorrelationMatrix, TableProfile } from './types.ts';

/**
 * Table-level figures of an ungrouped scope, given its column profiles (which say which columns
 * have missing values): duplicate rows (`select distinct` over the profiled columns), one
 * aggregate scan for Pearson (`corr`, pairwise complete) and rows missing together, and Spearman
 * by one ranking query per set of columns with missing values among the pairs (see
 * {@link spearmanQueries}).
 */
export async function tableFigures(
  wh: Warehouse,
  scope: ProfileScope,
  profiles: readonly ColumnProfile[],
  rows: number,
): Promise<TableProfile> {
  const columns = scope.columns;
  const distinctRows =
    rows === 0 || columns.length === 0
      ? rows
      : Number(
          await wh.scalar(
            `${scope.cte} select count(*) from (select distinct ${columns.map((c) => c.raw).join(', ')} from src)`,
          ),
        );
  const numeric = columns.filter((c) => c.kind === 'numeric');
  const pairs = numeric.flatMap((a, k) => numeric.slice(k + 1).map((b) => [a, b] as const));
  const withMissing = columns.filter((c) => (profiles[c.index]?.missing ?? 0) > 0);
  const missingPairs = withMissing.flatMap((a, k) => withMissing.slice(k + 1).map((b) => [a, b] as const));
  const items = [
    ...pairs.map(([a, b]) => `corr(${a.value}, ${b.value}) as pearson_${a.index}_${b.index}`),
    ...missingPairs.map(
      ([a, b]) =>
        `count(*) filter (where ${a.raw} is null and ${b.raw} is null) as missing_${a.index}_${b.index}`,
    ),
  ];
  const aggregates: Row =
    items.length === 0 || rows === 0
      ? {}
      : ((await wh.one(`${scope.cte} select ${items.join(', ')} from src`)) ?? {});
  const spearman: Row = {};
  if (rows > 0) {
    for (const sql of spearmanQueries(scope, numeric, profiles)) Object.assign(spearman, await wh.one(sql));
  }
  const hasSpread = (c: ProfiledColumn) => {
    const p = profiles[c.index];
    return p?.kind === 'numeric' && p.sd !== null && p.sd > 0;
  };
  const matrix = (method: CorrelationMatrix['method'], cells: Row, prefix: string): CorrelationMatrix => ({
    method,
    columns: numeric.map((c) => c.name),
    values: numeric.map((a) =>
      numeric.map((b) => {
        if (a.index === b.index) return hasSpread(a) ? 1 : null;
        const [lo, hi] = a.index < b.index ? [a, b] : [b, a];
        const cell = cells[`${prefix}_${lo.index}_${hi.index}`];
        return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
      }),
    ),
  });
  return {
    rows,
    duplicateRows: rows - distinctRows,
    pearson: matrix('pearson', aggregates, 'pearson'),
    spearman: matrix('spearman', spearman, 'spearman'),
    missingTogether: missingPairs.map(([a, b]) => ({
      columns: [a.name, b.name] as const,
      rows: Number(aggregates[`missing_${a.index}_${b.index}`] ?? 0),
    })),
  };
}

/**
 * Spearman's rho as the Pearson correlation of average ranks on pairwise complete rows. Ranks of
 * a pair's columns depend on which rows both have, so pairs are grouped by the set of their
 * columns that have missing (or non-finite) values: one query per set ranks every column of its
 * pairs over the rows where that set is complete, average rank = (rank() + count(*)) / 2 over the
 * same ordered window (first and last position of the ties), then `corr` for each pair.
 */
export function spearmanQueries(
  scope: ProfileScope,
  numeric: readonly ProfiledColumn[],
  profiles: readonly ColumnProfile[],
): string[] {
  const incomplete = (c: ProfiledColumn) => {
    const p = profiles[c.index];
    return p?.kind === 'numeric' && (p.missing > 0 || (p.nonFinite ?? 0) > 0);
  };
  const sets = new Map<string, [ProfiledColumn, ProfiledColumn][]>();
  numeric.forEach((a, k) => {
    for (const b of numeric.slice(k + 1)) {
      const key = [a, b]
        .filter(incomplete)
        .map((c) => c.index)
        .join(',');
      sets.set(key, [...(sets.get(key) ?? []), [a, b]]);
    }
  });
  return [...sets.values()].map((pairs) => {
    const ranked = [...new Map(pairs.flat().map((c) => [c.index, c])).values()];
    const complete = ranked.map((c) => `${c.value} is not null`).join(' and ');
    // Average rank of a value: rows below it + (its rows + 1) / 2, from one GROUP BY per column
    // (a window over the distinct values only), joined back to the rows.
    const ranks = ranked.map(
      (
        c,
      ) => `rank${c.index} as (select ${c.value}, (sum(n) over (order by ${c.value}) - n) + (n + 1) / 2.0 as rank${c.index}
  from (select ${c.value}, count(*) as n from complete group by ${c.value}))`,
    );
    const joins = ranked.map((c) => `join rank${c.index} using (${c.value})`).join(' ');
    const corrs = pairs.map(
      ([a, b]) => `corr(rank${a.index}, rank${b.index}) as spearman_${a.index}_${b.index}`,
    );
    return `${scope.cte}, complete as (select ${ranked.map((c) => c.value).join(', ')} from src where ${complete}), ${ranks.join(', ')}
select ${corrs.join(', ')} from complete ${joins}`;
  });
}
