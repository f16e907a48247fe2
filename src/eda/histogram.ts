import type { Histogram } from './types.ts';

/** The most bins a histogram gets. */
export const MAX_BINS = 100;

/** How a histogram is binned, chosen before its bins are counted in SQL. */
export interface BinPlan {
  readonly rule: Histogram['rule'];
  readonly min: number;
  readonly binWidth: number;
  readonly bins: number;
}

/**
 * The bins of a histogram of n values in [min, max] with the given IQR: Freedman-Diaconis width
 * 2 IQR n^(-1/3) (Freedman & Diaconis 1981), or Sturges' ceil(log2 n) + 1 bins when the IQR is 0;
 * at most {@link MAX_BINS} (the width widened to fit). All values equal: one bin of width 0.
 * `null` without values.
 */
export function binPlan(
  n: number,
  min: number | null,
  max: number | null,
  iqr: number | null,
): BinPlan | null {
  if (n === 0 || min === null || max === null) return null;
  const range = max - min;
  if (!(range > 0))
    return { rule: iqr !== null && iqr > 0 ? 'freedman-diaconis' : 'sturges', min, binWidth: 0, bins: 1 };
  if (iqr !== null && iqr > 0) {
    const width = 2 * iqr * n ** (-1 / 3);
    const bins = Math.max(1, Math.ceil(range / width));
    return bins <= MAX_BINS
      ? { rule: 'freedman-diaconis', min, binWidth: width, bins }
      : { rule: 'freedman-diaconis', min, binWidth: range / MAX_BINS, bins: MAX_BINS };
  }
  const bins = Math.min(MAX_BINS, Math.ceil(Math.log2(n)) + 1);
  return { rule: 'sturges', min, binWidth: range / bins, bins };
}

/** SQL for the bin number (0 ... bins - 1) of a DOUBLE expression, given parameter expressions. */
export function binIndexSql(value: string, min: string, width: string, bins: string): string {
  return `case when ${width} > 0 then least(greatest(floor((${value} - ${min}) / ${width}), 0), ${bins} - 1) else 0 end::integer`;
}

/** The histogram from a plan and the counts by bin number (bins without a count are empty). */
export function histogramFromCounts(plan: BinPlan, byBin: ReadonlyMap<number, number>): Histogram {
  const bins = Array.from({ length: plan.bins }, (_, i) => ({
    lower: plan.min + i * plan.binWidth,
    upper: plan.min + (i + 1) * plan.binWidth,
    count: byBin.get(i) ?? 0,
  }));
  return { rule: plan.rule, binWidth: plan.binWidth, bins };
}
