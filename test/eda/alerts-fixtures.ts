import type {
  CorrelationMatrix,
  DateColumnProfile,
  NumericColumnProfile,
  OtherColumnProfile,
  TableProfile,
  TextColumnProfile,
} from '../../src/eda/types.ts';

/** Hand-built column profiles: every figure is written out in the test that uses it. */
export function numeric(
  name: string,
  over: Partial<Omit<NumericColumnProfile, 'kind' | 'name'>> = {},
): NumericColumnProfile {
  const count = over.count ?? 100;
  const missing = over.missing ?? 0;
  return {
    kind: 'numeric',
    name,
    type: 'DOUBLE',
    count,
    missing,
    missingShare: count === 0 ? null : missing / count,
    distinct: 10,
    zeros: 0,
    negatives: 0,
    min: 0,
    max: 1,
    sum: 50,
    mean: 0.5,
    sd: 0.3,
    median: 0.5,
    quantiles: [],
    skewness: 0,
    kurtosis: 0,
    histogram: null,
    outliers: null,
    ...over,
  };
}

export function text(
  name: string,
  over: Partial<Omit<TextColumnProfile, 'kind' | 'name'>> = {},
): TextColumnProfile {
  const count = over.count ?? 100;
  const missing = over.missing ?? 0;
  return {
    kind: 'text',
    name,
    type: 'VARCHAR',
    count,
    missing,
    missingShare: count === 0 ? null : missing / count,
    distinct: 5,
    top: [],
    length: { min: 1, mean: 3, max: 5 },
    empty: 0,
    numericLike: 0,
    dateLike: 0,
    ...over,
  };
}

export function date(
  name: string,
  over: Partial<Omit<DateColumnProfile, 'kind' | 'name'>> = {},
): DateColumnProfile {
  return {
    kind: 'date',
    name,
    type: 'DATE',
    count: 100,
    missing: 0,
    missingShare: 0,
    distinct: 30,
    min: '2025-09-01',
    max: '2025-09-30',
    days: 30,
    daysPresent: 30,
    coverage: 1,
    missingDays: 0,
    longestGap: null,
    ...over,
  };
}

export function flag(
  name: string,
  over: Partial<Omit<OtherColumnProfile, 'kind' | 'name'>> = {},
): OtherColumnProfile {
  return {
    kind: 'boolean',
    name,
    type: 'BOOLEAN',
    count: 100,
    missing: 0,
    missingShare: 0,
    distinct: 2,
    top: [],
    ...over,
  };
}

export function matrix(
  method: 'pearson' | 'spearman',
  columns: readonly string[],
  values: readonly (readonly (number | null)[])[],
): CorrelationMatrix {
  return { method, columns, values };
}

export function tableWith(pearson: CorrelationMatrix, spearman: CorrelationMatrix): TableProfile {
  return { rows: 100, duplicateRows: 0, pearson, spearman, missingTogether: [] };
}
