/** Findings about segments: channels (tested), geography's concentration and cancellations (descriptive). */
import { formatMoney, formatNumber, formatPercent, formatPointChange, formatPValue } from './format.ts';
import { HHI_CONCENTRATED, HHI_MODERATE, MIN_GROUP_N, testVerdict } from './insight-rules.ts';
import type { CancellationsSection, ChannelsSection, Finding, GeographySection } from './model.ts';

export function channelFindings(s: ChannelsSection, currency: string): Finding[] {
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

export function geographyFindings(s: GeographySection): Finding[] {
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

export function cancellationFindings(s: CancellationsSection, currency: string): Finding[] {
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
