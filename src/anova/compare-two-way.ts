import type { Warehouse } from '../warehouse/index.ts';
import { type SumsRow, text, unitOfAnalysis } from './compare-shared.ts';
import type { CompareGroupsOptions, CompareGroupsResult } from './compare-types.ts';
import { cellSumsQuery, doubleToDecimalText, type GroupingSpec, type valueArithmetic } from './group-sql.ts';
import { twoWayAnovaFromCells } from './two-way.ts';

export interface TwoWayInput {
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
export async function twoWay(wh: Warehouse, t: TwoWayInput): Promise<CompareGroupsResult> {
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
