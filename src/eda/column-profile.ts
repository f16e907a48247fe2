import type { Row } from '../warehouse/decode.ts';
import { decimalSumFromParts } from './decimal-sum.ts';
import { type BinPlan, histogramFromCounts } from './histogram.ts';
import { momentsFromShiftedSums } from './moments.ts';
import type { ProfiledColumn } from './profile-source.ts';
import { count, num } from './summary-query.ts';
import {
  type BaseColumnProfile,
  type ColumnProfile,
  type DateColumnProfile,
  type NumericColumnProfile,
  type Outliers,
  QUANTILE_PROBS,
} from './types.ts';

/** The result rows of one group that a column profile is built from (see column-statistics.ts). */
export interface GroupResults {
  readonly summary: Row;
  /** The statistics of numeric columns with finite values beyond the summary, by column index. */
  readonly numeric: ReadonlyMap<number, NumericFigures>;
  /** Exact distinct counts of numeric columns (from the value counts), by column index. */
  readonly numericDistinct: ReadonlyMap<number, number>;
  /** Top values and distinct count of categorical columns, by column index. */
  readonly top: ReadonlyMap<number, TopValues>;
  /** The longest date gap, by column index. */
  readonly gaps: ReadonlyMap<number, Row>;
}

/** A categorical column's distinct count and top values, and (text) its numeric- and date-like rows. */
export interface TopValues {
  readonly distinct: number;
  readonly values: { value: string; count: number }[];
  readonly numericLike: number;
  readonly dateLike: number;
}

/** Figures derived between queries, by column index. */
export interface NumericPlan {
  readonly quantiles: readonly (number | null)[];
  readonly bins: BinPlan | null;
  readonly iqr: { readonly lower: number; readonly upper: number } | null;
  readonly mad: { readonly mad: number; readonly lower: number | null; readonly upper: number | null } | null;
}

/** A numeric column's statistics in one group from the value-counts queries (numeric-statistics.ts). */
export interface NumericFigures {
  readonly plan: NumericPlan;
  /** Power sums of (x - mean), see `momentsFromShiftedSums`. */
  readonly sums: { readonly s1: number; readonly s2: number; readonly s3: number; readonly s4: number };
  /** Rows by histogram bin number. */
  readonly bins: ReadonlyMap<number, number>;
  readonly iqrOutliers: number;
  readonly madOutliers: number;
}

/** Builds the profile of one column of one group from its query results. */
export function columnProfile(
  c: ProfiledColumn,
  results: GroupResults,
  thresholds: { readonly iqrK: number; readonly madZ: number },
): ColumnProfile {
  const s = results.summary;
  const rows = count(s, 'n_rows');
  const present = count(s, `n${c.index}`);
  const top = results.top.get(c.index);
  const base: BaseColumnProfile = {
    name: c.name,
    type: c.type,
    count: rows,
    missing: rows - present,
    missingShare: rows === 0 ? null : (rows - present) / rows,
    distinct: top?.distinct ?? results.numericDistinct.get(c.index) ?? count(s, `distinct${c.index}`),
  };
  switch (c.kind) {
    case 'numeric':
      return numericProfile(c, base, results, thresholds);
    case 'text':
      return {
        ...base,
        kind: 'text',
        top: top?.values ?? [],
        length: {
          min: num(s, `length_min${c.index}`),
          mean: num(s, `length_mean${c.index}`),
          max: num(s, `length_max${c.index}`),
        },
        empty: count(s, `empty${c.index}`),
        numericLike: top?.numericLike ?? 0,
        dateLike: top?.dateLike ?? 0,
      };
    case 'date':
    case 'timestamp':
      return dateProfile(c, base, results);
    default:
      return { ...base, kind: c.kind, top: top?.values ?? [] };
  }
}

function numericProfile(
  c: ProfiledColumn,
  base: BaseColumnProfile,
  results: GroupResults,
  thresholds: { readonly iqrK: number; readonly madZ: number },
): NumericColumnProfile {
  const s = results.summary;
  const i = c.index;
  const n = count(s, `finite${i}`);
  const figures = results.numeric.get(i);
  const plan = figures?.plan;
  const moments = momentsFromShiftedSums({ n, ...(figures?.sums ?? { s1: 0, s2: 0, s3: 0, s4: 0 }) });
  const quantiles = plan?.quantiles ?? QUANTILE_PROBS.map(() => null);
  const exact = (key: string): number | string | null => {
    const value = s[key];
    return typeof value === 'number' || typeof value === 'string' ? value : null;
  };
  const sum = c.decimal !== null ? decimalSumFromParts(s, `sum${i}`, c.decimal.scale) : exact(`sum${i}`);
  let outliers: Outliers | null = null;
  if (plan?.iqr && plan.mad) {
    outliers = {
      iqr: { k: thresholds.iqrK, ...plan.iqr, count: figures?.iqrOutliers ?? 0 },
      mad: { z: thresholds.madZ, ...plan.mad, count: figures?.madOutliers ?? 0 },
    };
  }
  const histogram = plan?.bins ? histogramFromCounts(plan.bins, figures?.bins ?? new Map()) : null;
  return {
    ...base,
    kind: 'numeric',
    nonFinite: count(s, `n${i}`) - n,
    zeros: count(s, `zeros${i}`),
    negatives: count(s, `negatives${i}`),
    min: n === 0 ? null : exact(`min${i}`),
    max: n === 0 ? null : exact(`max${i}`),
    sum: n === 0 ? null : sum,
    mean: n === 0 ? null : num(s, `mean${i}`),
    sd: moments.sd,
    median: quantiles[QUANTILE_PROBS.indexOf(0.5)] ?? null,
    quantiles: QUANTILE_PROBS.map((p, k) => ({ p, value: quantiles[k] ?? null })),
    skewness: moments.skewness,
    kurtosis: moments.kurtosis,
    histogram,
    outliers,
  };
}

function dateProfile(c: ProfiledColumn, base: BaseColumnProfile, results: GroupResults): DateColumnProfile {
  const s = results.summary;
  const i = c.index;
  const days = num(s, `days${i}`);
  const daysPresent = days === null ? null : count(s, `days_present${i}`);
  const gap = results.gaps.get(i);
  const text = (key: string): string | null => (typeof s[key] === 'string' ? (s[key] as string) : null);
  return {
    ...base,
    kind: c.kind === 'timestamp' ? 'timestamp' : 'date',
    min: text(`min${i}`),
    max: text(`max${i}`),
    days,
    daysPresent,
    coverage: days === null || daysPresent === null ? null : daysPresent / days,
    missingDays: days === null || daysPresent === null ? null : days - daysPresent,
    longestGap:
      gap === undefined
        ? null
        : { from: String(gap.gap_from), to: String(gap.gap_to), days: Number(gap.gap_days) },
  };
}
