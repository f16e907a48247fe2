import type { Warehouse } from '../warehouse/index.ts';
import type { CompareGroupsResult } from './compare-types.ts';
import { friedmanFromRanks } from './friedman.ts';
import {
  type GroupingSpec,
  repeatedMomentsQuery,
  subjectOverlapQuery,
  subjectRowsCte,
  withinSubjectRanksQuery,
} from './group-sql.ts';
import { repeatedMeasuresAnovaFromMoments } from './repeated-measures.ts';

/** The table's `customer_id` column when it has one (the subject of per-customer tables). */
export async function customerColumn(wh: Warehouse, table: string): Promise<string | undefined> {
  const columns = await wh.columnsOf(table);
  return columns.find((c) => c.name.toLowerCase() === 'customer_id')?.name;
}

export interface RepeatedInput {
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
export async function repeatedTests(
  wh: Warehouse,
  r: RepeatedInput,
): Promise<CompareGroupsResult['subjects']> {
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
