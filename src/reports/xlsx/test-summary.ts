/** The block that reports a group comparison on a section sheet: test, statistic, df, p, effect size. */
import { formatNumber } from '../format.ts';
import type { TestSummary } from '../model.ts';
import type { SheetWriter } from './sheet-writer.ts';

/** Degrees of freedom as written in a report: whole numbers bare, others to one decimal (`1, 5,210.4`). */
export function formatDf(df: readonly number[]): string {
  return df.length === 0
    ? formatNumber(null)
    : df.map((d) => formatNumber(d, Number.isInteger(d) ? 0 : 1)).join(', ');
}

/** Writes the test as label/value facts, then its conclusion and the reasons it was chosen. */
export function writeTestSummary(writer: SheetWriter, heading: string, test: TestSummary): void {
  writer.heading(heading);
  writer.facts([
    ['Test', test.test],
    [`Statistic (${test.statisticName})`, { value: test.statistic, kind: 'decimal' }],
    ['Degrees of freedom', formatDf(test.df)],
    ['p-value', { value: test.pValue, kind: 'pValue' }],
    [`Effect size (${test.effectSizeName})`, { value: test.effectSize, kind: 'index' }],
    ['Effect size is', test.effectSizeWord ?? formatNumber(null)],
    ['Observations (n)', { value: test.n, kind: 'count' }],
    ['Conclusion', test.conclusion],
  ]);
  for (const reason of test.reasons) writer.note(reason);
}
