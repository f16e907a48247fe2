import { formatCount, formatNumber, formatPValue } from '../format.ts';
import type { TestSummary } from '../model.ts';
import type { FactView } from './view.ts';

/** Degrees of freedom as written in a result: whole numbers bare, Welch's fractional df to 0.1. */
function formatDf(df: number): string {
  return formatNumber(df, Number.isInteger(df) ? 0 : 1);
}

/** A group comparison as facts: the test, its statistic with df, the p-value, the effect size and n. */
export function testFacts(test: TestSummary): FactView[] {
  const df = test.df.length === 0 ? '' : `(${test.df.map(formatDf).join(', ')})`;
  const effect =
    test.effectSize === null
      ? formatNumber(null)
      : `${test.effectSizeName} = ${formatNumber(test.effectSize, 3)}${test.effectSizeWord === null ? '' : ` (${test.effectSizeWord})`}`;
  return [
    { term: 'Test', value: test.test },
    { term: 'Statistic', value: `${test.statisticName}${df} = ${formatNumber(test.statistic, 2)}` },
    { term: 'p-value', value: formatPValue(test.pValue) },
    { term: 'Effect size', value: effect },
    { term: 'Observations', value: formatCount(test.n) },
  ];
}
