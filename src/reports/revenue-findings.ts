/** Findings about revenue: the headline figures, the trend and the volume / AOV bridge (descriptive: no test). */
import {
  formatChangeRatio,
  formatMoney,
  formatMoneyCompact,
  formatNumber,
  formatPercent,
  monthLabel,
} from './format.ts';
import type { BridgeSection, Finding, HeadlineSection, TrendSection } from './model.ts';

export function headlineFindings(s: HeadlineSection, currency: string): Finding[] {
  const revenue = s.kpis.find((k) => k.id === 'revenue');
  if (revenue === undefined || revenue.value === null) return [];
  const parts: string[] = [];
  if (revenue.deltaMonthRatio !== null)
    parts.push(`${formatChangeRatio(revenue.deltaMonthRatio)} vs ${monthLabel(s.previousMonth)}`);
  if (revenue.deltaYearRatio !== null)
    parts.push(`${formatChangeRatio(revenue.deltaYearRatio)} vs ${monthLabel(s.previousYear)}`);
  const orders = s.kpis.find((k) => k.id === 'orders');
  const aov = s.kpis.find((k) => k.id === 'aov');
  return [
    {
      id: 'headline-revenue',
      section: 'headline',
      rank: 90 + Math.min(9, Math.abs(revenue.deltaYearRatio ?? revenue.deltaMonthRatio ?? 0) * 20),
      headline: `Revenue was ${formatMoney(revenue.value, currency)}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}.`,
      detail: `${formatNumber(orders?.value ?? null)} valid orders at an average of ${formatMoney(aov?.value ?? null, currency)}${
        revenue.previousYear === null
          ? `; no orders in ${monthLabel(s.previousYear)} to compare with a year earlier`
          : ''
      }.`,
      strength: 'descriptive',
      evidence: {
        figures: {
          revenue: revenue.value,
          previousMonth: revenue.previousMonth,
          previousYear: revenue.previousYear,
          deltaMonthRatio: revenue.deltaMonthRatio,
          deltaYearRatio: revenue.deltaYearRatio,
        },
      },
    },
  ];
}

export function bridgeFindings(s: BridgeSection, currency: string): Finding[] {
  if (s.verdict === 'flat') {
    return [
      {
        id: 'bridge-verdict',
        section: 'bridge',
        rank: 50,
        headline: `Revenue was flat against ${monthLabel(s.from)}.`,
        detail: s.sentence,
        strength: 'descriptive',
        evidence: { figures: { change: s.change, volumeEffect: s.volumeEffect, aovEffect: s.aovEffect } },
      },
    ];
  }
  const direction = s.change < 0 ? 'decline' : 'growth';
  const verb = s.change < 0 ? 'fell' : 'rose';
  const verdictText: Record<Exclude<BridgeSection['verdict'], 'flat'>, string> = {
    'volume-driven': `the ${direction} is volume-driven (orders), not AOV-driven`,
    'aov-driven': `the ${direction} is AOV-driven (order value), not volume-driven`,
    'mix-driven': `the ${direction} is mix-driven: the channels' shares moved`,
    mixed: `volume and AOV both contribute to the ${direction}`,
  };
  return [
    {
      id: 'bridge-verdict',
      section: 'bridge',
      rank: 80 + Math.min(15, Math.abs(s.changeRatio ?? 0) * 50),
      headline: `Revenue ${verb} ${s.changeRatio === null ? formatMoneyCompact(s.change, currency) : formatPercent(Math.abs(s.changeRatio))} vs ${monthLabel(s.from)}: ${verdictText[s.verdict]}.`,
      detail: `Orders explain ${formatMoneyCompact(s.volumeEffect, currency)} and order value ${formatMoneyCompact(s.aovEffect, currency)} of the ${formatMoneyCompact(s.change, currency)} change (exact decomposition, ${s.method}; a split of figures, not a statistical test).`,
      strength: 'descriptive',
      evidence: {
        figures: {
          change: s.change,
          changeRatio: s.changeRatio,
          volumeEffect: s.volumeEffect,
          aovEffect: s.aovEffect,
          verdict: s.verdict,
        },
      },
    },
  ];
}

export function trendFindings(s: TrendSection): Finding[] {
  if (s.threeMonthChangeRatio === null) return [];
  const r = s.threeMonthChangeRatio;
  const small = Math.abs(r) < 0.02;
  const last = s.points.at(-1)?.month ?? '';
  return [
    {
      id: 'trend-quarter',
      section: 'trend',
      rank: 40 + Math.min(20, Math.abs(r) * 100),
      headline: small
        ? `Revenue over the last three months is about level with the three before (${formatChangeRatio(r)}).`
        : `Revenue over the three months to ${monthLabel(last)} is ${r > 0 ? 'up' : 'down'} ${formatPercent(Math.abs(r))} on the three before.`,
      detail:
        'Sums of monthly revenue; seasonality is not removed, so compare with the same months a year earlier.',
      strength: 'descriptive',
      evidence: { figures: { threeMonthChangeRatio: r } },
    },
  ];
}
