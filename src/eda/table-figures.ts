import type { Row } from '../warehouse/decode.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import type { ProfiledColumn, ProfileScope } from './profile-source.ts';
import { spearmanFromSums, spearmanSql } from './spearman.ts';
import type { ColumnProfile, CorrelationMatrix, TableProfile } from './types.ts';

/**
 * Table-level figures of an ungrouped scope, given its column profiles (which say which columns
 * have missing values): duplicate rows (`select distinct` over the profiled columns, unless one
 * column has a distinct value in every row), and one
 * aggregate scan for Pearson (`corr`, pairwise complete), rows missing together and the exact
 * rank sums of Spearman (see spearman.ts), with each numeric column's ranks joined to the rows.
 */
export async function tableFigures(
  wh: Warehouse,
  scope: ProfileScope,
  profiles: readonly ColumnProfile[],
  rows: number,
): Promise<TableProfile> {
  const columns = scope.columns;
  // A column with a distinct value in every row (a key) makes every row distinct: no scan needed.
  const keyed = profiles.some((p) => p.missing === 0 && p.distinct === rows);
  const distinctRows =
    rows === 0 || columns.length === 0 || keyed
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
  const spearman = spearmanSql(numeric, profiles);
  items.push(...spearman.items);
  const ctes = spearman.ctes === '' ? '' : `, ${spearman.ctes}`;
  const aggregates: Row =
    items.length === 0 || rows === 0
      ? {}
      : ((await wh.one(`${scope.cte}${ctes} select ${items.join(', ')} from src ${spearman.joins}`)) ?? {});
  const hasSpread = (c: ProfiledColumn) => {
    const p = profiles[c.index];
    return p?.kind === 'numeric' && p.sd !== null && p.sd > 0;
  };
  const matrix = (
    method: CorrelationMatrix['method'],
    cell: (lo: number, hi: number) => unknown,
  ): CorrelationMatrix => ({
    method,
    columns: numeric.map((c) => c.name),
    values: numeric.map((a) =>
      numeric.map((b) => {
        if (a.index === b.index) return hasSpread(a) ? 1 : null;
        const [lo, hi] = a.index < b.index ? [a, b] : [b, a];
        const value = cell(lo.index, hi.index);
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
      }),
    ),
  });
  return {
    rows,
    duplicateRows: rows - distinctRows,
    pearson: matrix('pearson', (lo, hi) => aggregates[`pearson_${lo}_${hi}`]),
    spearman: matrix('spearman', (lo, hi) => spearmanFromSums(aggregates, spearman.pairs.get(`${lo}_${hi}`))),
    missingTogether: missingPairs.map(([a, b]) => ({
      columns: [a.name, b.name] as const,
      rows: Number(aggregates[`missing_${a.index}_${b.index}`] ?? 0),
    })),
  };
}
