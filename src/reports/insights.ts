/**
 * The review's conclusions: ranked, plain-language findings drawn from the sections, each with
 * its evidence. The rules keep the words within what the evidence supports:
 * - "significant" or "differs" only after a test, with its p-value and effect size; a
 *   significant but negligible effect is called negligible, a non-significant one "no evidence";
 * - descriptive figures (shares, the decomposition, which is exact arithmetic, not a test) are
 *   stated as figures, never as significant;
 * - groups under {@link MIN_GROUP_N} observations are "too little data to tell".
 */
import {
  formatChangeRatio,
  formatMoney,
  formatMoneyCompact,
  formatNumber,
  formatPercent,
  formatPointChange,
  formatPValue,
  monthLabel,
} from './format.ts';
import type {
  BridgeSection,
  CancellationsSection,
  ChannelsSection,
  Finding,
  GeographySection,
  HeadlineSection,
  QualitySection,
  ReportSection,
  SeasonalSection,
  TestSummary,
  TrendSection,
} from './model.ts';

/** Below this many observations in a group, a comparison is "too little data". */
export const MIN_GROUP_N = 30;
/** Significance level of every test the review reports. */
export const ALPHA = 0.05;
/** HHI (0..1) at or above which revenue is "concentrated" (0.25: the US merger guidelines' 2,500). */
export const HHI_CONCENTRATED = 0.25;
/** HHI from which revenue is "moderately concentrated" (0.15: 1,500). */
export const HHI_MODERATE = 0.15;

/** An effect size with three decimals, or two significant digits below 0.001 so it never reads 0.000. */
function effectText(x: number | null): string {
  if (x === null) return 'not computable';
  return Math.abs(x) > 0 && Math.abs(x) < 0.001 ? x.toExponential(1) : x.toFixed(3);
}

/** What a test allows us to say: 'differs', 'negligible', 'no-evidence' or 'untestable'. */
export function testVerdict(
  test: TestSummary | null,
): 'differs' | 'negligible' | 'no-evidence' | 'untestable' {
  if (test === null || test.pValue === null) return 'untestable';
  if (test.pValue >= ALPHA) return 'no-evidence';
  return test.effectSizeWord === 'negligible' || test.effectSizeWord === null ? 'negligible' : 'differs';
}

function headlineFindings(s: HeadlineSection, currency: string): Finding[] {
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

function bridgeFindings(s: BridgeSection, currency: string): Finding[] {
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

function trendFindings(s: TrendSection): Finding[] {
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

function channelFindings(s: ChannelsSection, currency: string): Finding[] {
  const active = s.members.filter((m) => m.customers > 0);
  if (active.length < 2) return [];
  const byValue = [...active].sort((a, b) => (b.revenuePerCustomer ?? 0) - (a.revenuePerCustomer ?? 0));
  const best = byValue[0];
  const worst = byValue.at(-1);
  if (best === undefined || worst === undefined) return [];
  const test = s.test;
  const verdict = testVerdict(test);
  const tooSmall = active.some((m) => m.orders < MIN_GROUP_N);
  const valueWords = `${formatMoney(best.revenuePerCustomer, currency)} vs ${formatMoney(worst.revenuePerCustomer, currency)} per customer`;
  let headline: string;
  let strength: Finding['strength'] = 'tested';
  if (tooSmall || test === null) {
    headline = `${best.member} brings the most revenue per customer (${valueWords}); too little data to test the order values.`;
    strength = 'insufficient-data';
  } else if (verdict === 'differs') {
    headline = `${best.member} outperforms ${worst.member} in customer value (${valueWords}), and order value differs by channel (${formatPValue(test.pValue)}, a ${test.effectSizeWord} effect).`;
  } else if (verdict === 'negligible') {
    headline = `${best.member} outperforms ${worst.member} in customer value (${valueWords}); order values differ detectably but negligibly.`;
  } else {
    headline = `${best.member} brings more revenue per customer than ${worst.member} (${valueWords}), but there is no evidence that order value differs by channel (${formatPValue(test.pValue)}).`;
  }
  return [
    {
      id: 'channels-value',
      section: 'channels',
      rank: 55 + (verdict === 'differs' ? 10 : 0),
      headline,
      detail: test === null ? 'No test: fewer than two channels with orders.' : test.conclusion,
      strength,
      evidence: {
        figures: Object.fromEntries(active.map((m) => [m.member, m.revenuePerCustomer])),
        ...(test === null ? {} : { test }),
      },
    },
  ];
}

function geographyFindings(s: GeographySection): Finding[] {
  if (s.hhi === null || s.topMember === null || s.topShare === null) return [];
  const level =
    s.hhi >= HHI_CONCENTRATED
      ? 'concentrated'
      : s.hhi >= HHI_MODERATE
        ? 'moderately concentrated'
        : 'spread out';
  const headline =
    level === 'spread out'
      ? `Revenue is spread across ${s.countries} countries: the largest, ${s.topMember}, has ${formatPercent(s.topShare, 0)} (HHI ${s.hhi.toFixed(2)}).`
      : `Customers are ${level} in ${s.topMember}: top country ${formatPercent(s.topShare, 0)} of revenue, HHI ${s.hhi.toFixed(2)}.`;
  return [
    {
      id: 'geography-concentration',
      section: 'geography',
      rank: 45 + (level === 'concentrated' ? 15 : level === 'moderately concentrated' ? 5 : 0),
      headline,
      detail: `The top three countries bring ${formatPercent(s.top3Share, 0)} of revenue; by customers the largest is ${s.customerTopMember ?? '–'} with ${formatPercent(s.customerTopShare, 0)} (HHI ${s.customerHhi === null ? '–' : s.customerHhi.toFixed(2)}). HHI is the sum of squared shares: 1 is one country, 0.25 and above is concentrated.`,
      strength: 'descriptive',
      evidence: {
        figures: {
          countries: s.countries,
          topShare: s.topShare,
          top3Share: s.top3Share,
          hhi: s.hhi,
          customerHhi: s.customerHhi,
        },
      },
    },
  ];
}

function cancellationFindings(s: CancellationsSection, currency: string): Finding[] {
  if (s.cancelledOrders === 0) {
    return [
      {
        id: 'cancellations-none',
        section: 'cancellations',
        rank: 20,
        headline: 'No orders were cancelled this month.',
        detail: '',
        strength: 'descriptive',
        evidence: { figures: { cancelledOrders: 0 } },
      },
    ];
  }
  const word = s.dimension === 'payment_method' ? 'payment method' : s.dimension;
  const comparable = s.members.filter(
    (m) => m.orders + m.cancelledOrders >= MIN_GROUP_N && m.cancellationRate !== null,
  );
  const worst = [...comparable].sort((a, b) => (b.cancellationRate ?? 0) - (a.cancellationRate ?? 0))[0];
  const top = s.members[0];
  const parts = [
    `${formatNumber(s.cancelledOrders)} cancelled orders lost ${formatMoney(s.lostRevenue, currency)} (${formatPercent(s.cancellationRate)} of orders)`,
  ];
  if (top !== undefined && top.lostShare !== null)
    parts.push(`${top.member} accounts for ${formatPercent(top.lostShare, 0)} of the lost revenue`);
  return [
    {
      id: 'cancellations-lost',
      section: 'cancellations',
      rank: 35 + Math.min(15, (s.cancellationRate ?? 0) * 100),
      headline: `${parts.join('; ')}.`,
      detail:
        worst === undefined
          ? `Too few orders per ${word} to compare cancellation rates.`
          : `The highest cancellation rate by ${word} is ${worst.member}'s, ${formatPercent(worst.cancellationRate)} (${formatPointChange((worst.cancellationRate ?? 0) - (s.cancellationRate ?? 0))} against all orders); a description, not a test.`,
      strength: worst === undefined ? 'insufficient-data' : 'descriptive',
      evidence: {
        figures: {
          cancelledOrders: s.cancelledOrders,
          lostRevenue: s.lostRevenue,
          cancellationRate: s.cancellationRate,
        },
      },
    },
  ];
}

function seasonalFindings(s: SeasonalSection, currency: string): Finding[] {
  const verdict = testVerdict(s.test);
  const withMean = s.groups.filter((g) => g.mean !== null);
  const top = [...withMean].sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0))[0];
  const tooSmall = s.groups.some((g) => g.n < MIN_GROUP_N);
  let headline: string;
  if (tooSmall) headline = `Too little data to tell whether ${s.question.split(',')[0]} differs by quarter.`;
  else if (verdict === 'differs')
    headline = `Seasonal spending differs: ${top?.group ?? '–'} customers spend most (${formatMoney(top?.mean ?? null, currency)} a month on average); a ${s.test.effectSizeWord} effect.`;
  else if (verdict === 'negligible')
    headline = `Spending per customer differs by quarter only negligibly (${formatPValue(s.test.pValue)}, ${s.test.effectSizeName} ${effectText(s.test.effectSize)}).`;
  else if (verdict === 'no-evidence')
    headline = `No evidence that customers' monthly spending differs by quarter (${formatPValue(s.test.pValue)}).`;
  else headline = 'Spending by quarter could not be tested.';
  return [
    {
      id: 'seasonal-spending',
      section: 'seasonal',
      rank: 30 + (verdict === 'differs' ? 15 : 0),
      headline,
      detail: s.test.conclusion,
      strength: tooSmall ? 'insufficient-data' : 'tested',
      evidence: { figures: Object.fromEntries(s.groups.map((g) => [g.group, g.mean])), test: s.test },
    },
  ];
}

function qualityFindings(s: QualitySection): Finding[] {
  const read = s.funnel[0]?.rows ?? 0;
  const quarantined = s.funnel.find((f) => f.stage.includes('quarantine'))?.rows ?? 0;
  const share = read > 0 ? quarantined / read : 0;
  const shifted = s.drift.filter((d) => d.psi !== null && d.psi >= 0.25);
  const findings: Finding[] = [
    {
      id: 'quality-quarantine',
      section: 'quality',
      rank: 15 + Math.min(40, share * 400),
      headline:
        quarantined === 0
          ? `Every one of the ${formatNumber(read)} rows read passed validation.`
          : `${formatNumber(quarantined)} of ${formatNumber(read)} rows read (${share < 0.0001 ? 'under 0.01 %' : formatPercent(share, 2)}) were quarantined${s.quarantine[0] === undefined ? '' : `, most for ${s.quarantine[0].reason} in ${s.quarantine[0].entity}`}.`,
      detail: 'Quarantined rows are kept with their reason and left out of every figure.',
      strength: 'descriptive',
      evidence: { figures: { rowsRead: read, quarantined, share } },
    },
  ];
  if (shifted.length > 0) {
    findings.push({
      id: 'quality-drift',
      section: 'quality',
      rank: 50,
      headline: `The orders' ${shifted.map((d) => d.column).join(', ')} shifted markedly against the month before (PSI ≥ 0.25).`,
      detail:
        'A population stability index of 0.25 or more usually means the data changed, not only the business: check the source before reading trends.',
      strength: 'descriptive',
      evidence: { figures: Object.fromEntries(shifted.map((d) => [d.column, d.psi])) },
    });
  }
  return findings;
}

/**
 * The findings of the sections present, most important first (rank descending, then section
 * order). Omitted sections give none.
 */
export function deriveFindings(sections: readonly ReportSection[], currency: string): Finding[] {
  const out: Finding[] = [];
  for (const s of sections) {
    if (s.status === 'omitted') continue;
    switch (s.id) {
      case 'headline':
        out.push(...headlineFindings(s, currency));
        break;
      case 'trend':
        out.push(...trendFindings(s));
        break;
      case 'bridge':
        out.push(...bridgeFindings(s, currency));
        break;
      case 'channels':
        out.push(...channelFindings(s, currency));
        break;
      case 'geography':
        out.push(...geographyFindings(s));
        break;
      case 'cancellations':
        out.push(...cancellationFindings(s, currency));
        break;
      case 'seasonal':
        out.push(...seasonalFindings(s, currency));
        break;
      case 'quality':
        out.push(...qualityFindings(s));
        break;
    }
  }
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => b.f.rank - a.f.rank || a.i - b.i)
    .map(({ f }) => ({ ...f, headline: capitalise(f.headline), rank: Math.round(f.rank * 10) / 10 }));
}

/** A sentence starts with a capital, also when it starts with a member's name (`web outperforms ...`). */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
