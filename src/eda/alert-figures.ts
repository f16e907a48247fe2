/**
 * How figures read in alert and drift messages: counts with thousands separators, shares as
 * percentages, statistics to a few significant digits. Fixed `en-US` forms, never the machine's
 * locale, so messages are the same everywhere.
 */

/** A count with thousands separators: `formatCount(10000)` is `'10,000'`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A share in [0, 1] as a percentage with one decimal: `formatPercent(0.1234)` is `'12.3 %'`. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** A threshold share as a percentage without trailing zeros: `0.2` is `'20 %'`, `0.015` is `'1.5 %'`. */
export function formatThresholdPercent(share: number): string {
  return `${Number((share * 100).toPrecision(10))} %`;
}

/** A statistic to four significant digits, without trailing zeros: `formatFigure(2.34567)` is `'2.346'`. */
export function formatFigure(x: number): string {
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e15) return String(Number(x.toPrecision(4)));
  return x.toPrecision(4);
}
