import { describe, expect, it } from 'vitest';
import { thinMonth } from '../../src/reports/build-model.ts';
import { testVerdict } from '../../src/reports/insight-rules.ts';
import { deriveFindings } from '../../src/reports/insights.ts';
import type { ReportSection, SeasonalSection, TestSummary } from '../../src/reports/model.ts';
import { herfindahl } from '../../src/reports/segment-sections.ts';
import { FIXTURE_MODEL } from './fixtures/model.ts';

const test = (over: Partial<TestSummary>): TestSummary => ({
  test: 'one-way ANOVA',
  statistic: 5,
  statisticName: 'F',
  df: [3, 400],
  pValue: 0.01,
  effectSize: 0.08,
  effectSizeName: 'omega²',
  effectSizeWord: 'medium',
  n: 404,
  conclusion: 'conclusion',
  reasons: [],
  ...over,
});

const seasonal = (t: TestSummary, n = 100): SeasonalSection => ({
  id: 'seasonal',
  title: 'Seasonal spending',
  status: 'present',
  question: 'customer spending per month by quarter, 2024-11 to 2025-10',
  groups: ['Q1', 'Q2', 'Q3', 'Q4'].map((g, i) => ({
    group: g,
    n,
    mean: 70 + i,
    median: 60,
    ciLow: 69 + i,
    ciHigh: 71 + i,
  })),
  test: t,
});

describe('testVerdict: what a test lets the report say', () => {
  it.each([
    [test({ pValue: 0.2 }), 'no-evidence'],
    [test({ pValue: 0.05 }), 'no-evidence'], // p = alpha is not below it
    [test({ pValue: 0.0499, effectSizeWord: 'negligible' }), 'negligible'],
    [test({ pValue: 1e-30, effectSizeWord: 'small' }), 'differs'],
    [test({ pValue: null }), 'untestable'],
    [null, 'untestable'],
  ] as const)('%#', (t, verdict) => {
    expect(testVerdict(t)).toBe(verdict);
  });
});

describe('deriveFindings never claims more than its evidence', () => {
  const only = (s: ReportSection) => deriveFindings([s], 'EUR');

  it('a significant, non-negligible seasonal effect: "differs", with the top quarter and the effect word', () => {
    const [f] = only(seasonal(test({ pValue: 0.001, effectSizeWord: 'small' })));
    expect(f?.headline).toBe(
      'Seasonal spending differs: Q4 customers spend most (73.00 EUR a month on average); a small effect.',
    );
    expect(f?.strength).toBe('tested');
    expect(f?.evidence.test?.pValue).toBe(0.001);
  });

  it('significant but negligible: called negligible, never "differs"', () => {
    const [f] = only(seasonal(test({ pValue: 1e-9, effectSize: 0.002, effectSizeWord: 'negligible' })));
    expect(f?.headline).toContain('only negligibly');
    expect(f?.headline).not.toContain('Seasonal spending differs');
  });

  it('not significant: "no evidence", not "no difference"', () => {
    const [f] = only(seasonal(test({ pValue: 0.31 })));
    expect(f?.headline).toBe("No evidence that customers' monthly spending differs by quarter (p = 0.310).");
  });

  it('groups under 30 observations: too little data, whatever the p-value', () => {
    const [f] = only(seasonal(test({ pValue: 1e-6 }), 12));
    expect(f?.strength).toBe('insufficient-data');
    expect(f?.headline).toMatch(/^Too little data/);
  });

  it('the fixture model: bridge verdict and concentration from its figures', () => {
    const findings = deriveFindings(FIXTURE_MODEL.sections, 'EUR');
    const bridge = findings.find((f) => f.id === 'bridge-verdict');
    // change -42,666.43 on 655,012.10 = -6.51 %; volume effect -45.7k, AOV +3.0k.
    expect(bridge?.headline).toBe(
      'Revenue fell 6.5 % vs September 2025: the decline is volume-driven (orders), not AOV-driven.',
    );
    const geo = findings.find((f) => f.id === 'geography-concentration');
    expect(geo?.headline).toBe('Customers are concentrated in IN: top country 62 % of revenue, HHI 0.43.');
    // Ranked: the headline's revenue and the bridge come before the data-quality note.
    expect(findings[0]?.section).toMatch(/headline|bridge/);
    expect(findings.at(-1)?.section).toBe('quality');
  });

  it('omitted sections give no findings', () => {
    expect(
      deriveFindings([{ id: 'channels', title: 'Channels', status: 'omitted', reason: 'none' }], 'EUR'),
    ).toEqual([]);
  });
});

describe('herfindahl', () => {
  it('is the sum of squared shares (hand: 0.6² + 0.3² + 0.1² = 0.46)', () => {
    expect(herfindahl([0.6, 0.3, 0.1])).toBeCloseTo(0.46, 15);
    expect(herfindahl([1])).toBe(1);
    expect(herfindahl([])).toBeNull();
  });
});

describe('thinMonth', () => {
  const kpis = (orders: Record<string, number>) =>
    new Map(Object.entries(orders).map(([m, o]) => [m, { orders: o }]));
  it('warns when the month has under a quarter of the median orders of the months before', () => {
    // Months before: 100, 120, 80 -> median 100; 24 < 25 warns, 25 does not.
    const base = { '2025-06': 100, '2025-07': 120, '2025-08': 80 };
    expect(thinMonth(kpis({ ...base, '2025-09': 24 }), '2025-09')?.message).toBe(
      'September 2025 has 24 valid orders against a median of 100 in the 3 months before it: the export may stop part-way through the month or miss a file; read its changes with care.',
    );
    expect(thinMonth(kpis({ ...base, '2025-09': 25 }), '2025-09')).toBeNull();
  });
  it('needs three earlier months with orders', () => {
    expect(thinMonth(kpis({ '2025-07': 100, '2025-08': 100, '2025-09': 1 }), '2025-09')).toBeNull();
  });
});

describe('small numbers in findings', () => {
  it('a negligible effect below 0.001 is written with two significant digits, not 0.000', () => {
    const [f] = deriveFindings(
      [seasonal(test({ pValue: 1e-9, effectSize: 0.00029, effectSizeWord: 'negligible' }))],
      'EUR',
    );
    expect(f?.headline).toBe(
      'Spending per customer differs by quarter only negligibly (p < 0.001, omega² 2.9e-4).',
    );
  });
});

describe('the quarantine finding', () => {
  it('says "under 0.01 %" rather than 0.00 % for a tiny share (23 of 1,248,140 = 0.0018 %)', () => {
    const [f] = deriveFindings(
      [
        {
          id: 'quality',
          title: 'Data quality',
          status: 'present',
          funnel: [
            { stage: 'rows read from landing files', rows: 1_248_140 },
            { stage: 'rows sent to quarantine', rows: 23 },
          ],
          quarantine: [{ entity: 'events', reason: 'unknown_event_type', rows: 9 }],
          alerts: [],
          drift: [],
          lastRun: null,
        },
      ],
      'EUR',
    );
    expect(f?.headline).toBe(
      '23 of 1,248,140 rows read (under 0.01 %) were quarantined, most for unknown_event_type in events.',
    );
  });
});
