import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { buildReportModel } from '../../src/reports/build-model.ts';
import type {
  BridgeSection,
  CancellationsSection,
  ChannelsSection,
  GeographySection,
  HeadlineSection,
  QualitySection,
  ReportModel,
  TrendSection,
} from '../../src/reports/model.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { BASE_DIMENSIONS, EtlFixture, tempDir } from '../support/fixtures.ts';
import { TWO_MONTHS_ITEMS, TWO_MONTHS_ORDERS } from '../support/two-months.ts';

/**
 * A small warehouse whose review is worked out by hand: the two months of
 * test/support/two-months.ts (worked out in test/decompose/warehouse.test.ts), plus a September
 * 2024 order for the year-over-year figures and an October 2025 order that leaves October
 * incomplete.
 *
 * Valid revenue by month: 2024-09 150 (1 order); 2025-08 220 (4 orders, AOV 55; plus a cancelled
 * web order of 500 and a returned one); 2025-09 300 (5 orders, AOV 60); 2025-10 10 (1 order).
 * September 2025 against August: +80 = +36.36 %; against September 2024: +150 = +100 %.
 * Customers: u1 (DE) bought s1 90 + s3 70 + s5 30 = 190 in September, u2 (AT) s2 50 + s4 60 = 110:
 * revenue shares 190/300 and 110/300, HHI = (190² + 110²) / 300² = 48,200 / 90,000 = 0.535556;
 * one customer each, so the customer HHI is 0.5² + 0.5² = 0.5.
 */
const ORDERS = [
  ...TWO_MONTHS_ORDERS,
  'y1,u1,2024-09-10 10:00:00,web,card,delivered,EUR',
  'z1,u2,2025-10-02 10:00:00,web,card,delivered,EUR',
].join('\n');
const ITEMS = [...TWO_MONTHS_ITEMS, 'y1,1,p1,1,150.00,', 'z1,1,p1,1,10.00,'].join('\n');

let fx: EtlFixture;
let wh: Warehouse;
let model: ReportModel;
const GENERATED_AT = '2025-10-03T08:00:00.000Z';

function section<T>(m: ReportModel, id: string): T {
  const s = m.sections.find((x) => x.id === id);
  if (s === undefined) throw new Error(`no section ${id}`);
  return s as T;
}

beforeAll(async () => {
  fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS, 'order_items.csv': ITEMS });
  expect((await fx.run()).exitCode).toBe(0);
  wh = await Warehouse.open(fx.warehouse, { readOnly: true });
  model = await buildReportModel(wh, { generatedAt: GENERATED_AT });
});
afterAll(() => {
  wh?.close();
  fx?.cleanup();
});

describe('buildReportModel on a hand-worked warehouse', () => {
  it('reviews the last complete month by default (October has orders only up to the 2nd)', () => {
    expect(model.kind).toBe('monthly-business-review');
    expect(model.month).toBe('2025-09');
    expect(model.monthLabel).toBe('September 2025');
    expect(model.currency).toBe('EUR');
    expect(model.warnings).toEqual([]);
    // Results are data: the model survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it('headline figures with deltas against the month before and the year before', () => {
    const h = section<HeadlineSection>(model, 'headline');
    expect([h.previousMonth, h.previousYear]).toEqual(['2025-08', '2024-09']);
    const k = Object.fromEntries(h.kpis.map((x) => [x.id, x]));
    expect(k.revenue).toMatchObject({
      value: 300,
      previousMonth: 220,
      previousYear: 150,
      deltaMonth: 80,
      deltaYear: 150,
    });
    expect(k.revenue?.deltaMonthRatio).toBeCloseTo(80 / 220, 12);
    expect(k.revenue?.deltaYearRatio).toBe(1);
    expect(k.orders).toMatchObject({ value: 5, previousMonth: 4, previousYear: 1 });
    expect(k.aov).toMatchObject({ value: 60, previousMonth: 55, deltaMonth: 5 });
    // August: 1 cancelled of 6 orders of any status; September: none of 5. A rate has point changes only.
    expect(k.cancellation_rate?.value).toBe(0);
    expect(k.cancellation_rate?.deltaMonth).toBeCloseTo(-1 / 6, 12);
    expect(k.cancellation_rate?.deltaMonthRatio).toBeNull();
    expect(k.lost_revenue).toMatchObject({ value: 0, previousMonth: 500 });
  });

  it('the trend runs from the first month with months without orders as zeros', () => {
    const t = section<TrendSection>(model, 'trend');
    expect(t.points.map((p) => p.month)).toEqual([
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
    ]);
    expect(t.points.map((p) => p.revenue)).toEqual([150, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 220, 300]);
    // The three months before July to September (April to June) have no revenue: no ratio.
    expect(t.threeMonthChangeRatio).toBeNull();
  });

  it('the bridge is the decomposition of September against August by channel', () => {
    const b = section<BridgeSection>(model, 'bridge');
    expect(b).toMatchObject({
      from: '2025-08',
      to: '2025-09',
      startRevenue: 220,
      endRevenue: 300,
      change: 80,
    });
    expect([b.volumeEffect, b.aovEffect]).toEqual([57.5, 22.5]);
    expect(b.dimension).toBe('channel');
    expect(b.bars.at(0)).toMatchObject({ kind: 'total', value: 220 });
    expect(b.bars.at(-1)).toMatchObject({ kind: 'total', value: 300 });
    // The effects between the totals add up to the change.
    expect(b.bars.filter((x) => x.kind === 'effect').reduce((s, x) => s + x.value, 0)).toBeCloseTo(80, 9);
    const seg = Object.fromEntries(b.segments.map((s) => [s.segment, s]));
    expect(seg.store?.status).toBe('lost');
    expect(seg.app?.status).toBe('new');
    expect(seg.web).toMatchObject({ change: -70, volume: 29, aov: 15.75, mix: -114.75 });
  });

  it('channels: figures per channel, and groups of one order are too little data to test', () => {
    const c = section<ChannelsSection>(model, 'channels');
    const m = Object.fromEntries(c.members.map((x) => [x.member, x]));
    expect(m.mobile).toMatchObject({
      orders: 3,
      revenue: 180,
      customers: 2,
      aov: 60,
      revenuePerCustomer: 90,
    });
    expect(m.web).toMatchObject({ orders: 1, revenue: 90, customers: 1 });
    expect(m.app).toMatchObject({ orders: 1, revenue: 30 });
    const f = model.findings.find((x) => x.id === 'channels-value');
    expect(f?.strength).toBe('insufficient-data');
    expect(f?.headline).toContain('too little data');
    expect(f?.headline).not.toMatch(/significant/i);
  });

  it('geography: shares, top country and the Herfindahl index by revenue and by customers', () => {
    const g = section<GeographySection>(model, 'geography');
    expect(g.countries).toBe(2);
    expect(g.topMember).toBe('DE');
    expect(g.topShare).toBeCloseTo(190 / 300, 12);
    expect(g.hhi).toBeCloseTo(48_200 / 90_000, 12);
    expect(g.customerHhi).toBeCloseTo(0.5, 12);
    expect(g.others).toBeNull();
  });

  it('cancellations: the warehouse has some, September none', () => {
    const c = section<CancellationsSection>(model, 'cancellations');
    expect(c.dimension).toBe('payment_method');
    expect(c.cancelledOrders).toBe(0);
    expect(model.findings.find((x) => x.section === 'cancellations')?.headline).toBe(
      'No orders were cancelled this month.',
    );
  });

  it('seasonal spending needs two quarters: one quarter of data is left out with the reason', () => {
    const s = model.sections.find((x) => x.id === 'seasonal');
    expect(s?.status).toBe('omitted');
    expect(s?.status === 'omitted' && s.reason).toContain('at least two quarters');
  });

  it('data quality: row accounting from the ledger to the valid orders', async () => {
    const q = section<QualitySection>(model, 'quality');
    const ledger = await wh.one<{ r: number; a: number }>(
      "select sum(rows_read)::bigint as r, sum(rows_accepted)::bigint as a from meta.file_ledger where status = 'loaded'",
    );
    expect(q.funnel.map((f) => f.rows)).toEqual([Number(ledger?.r), Number(ledger?.a), 0, 13, 11]);
    expect(q.quarantine).toEqual([]);
    expect(q.drift.map((d) => d.column)).toEqual([
      'revenue',
      'units',
      'channel',
      'payment_method',
      'country',
    ]);
    expect(q.lastRun?.status).toBe('ok');
  });

  it('the manifest names every loaded file with its hash, the rows per layer and the options', async () => {
    const files = await wh.all<{ f: string; h: string }>(
      "select file_name as f, content_sha256 as h from meta.file_ledger where status = 'loaded' order by file_id",
    );
    expect(model.manifest.inputFiles.map((f) => [f.file, f.sha256])).toEqual(files.map((f) => [f.f, f.h]));
    expect(model.manifest.generatedAt).toBe(GENERATED_AT);
    expect(model.manifest.timeZone).toBe('UTC');
    expect(model.manifest.options).toEqual({ month: '2025-09' });
    expect(model.manifest.rowsPerLayer.silver).toBeGreaterThan(0);
    expect(model.manifest.warehouse.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('findings are ranked and the bridge verdict is stated as a decomposition, not a test', () => {
    const ranks = model.findings.map((f) => f.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    const bridge = model.findings.find((f) => f.id === 'bridge-verdict');
    expect(bridge?.strength).toBe('descriptive');
    expect(bridge?.detail).toContain('not a statistical test');
    expect(model.findings.every((f) => f.strength === 'tested' || !/significant/i.test(f.headline))).toBe(
      true,
    );
  });

  it('an incomplete month asked for explicitly is reviewed with a warning', async () => {
    const m = await buildReportModel(wh, { month: '2025-10', generatedAt: GENERATED_AT });
    expect(m.warnings.map((w) => w.code)).toEqual(['incomplete_month']);
  });
});

describe('buildReportModel refuses what it cannot review', () => {
  it.each([
    ['2025-13', /--month must be YYYY-MM, got "2025-13"/],
    ['Sept', /--month must be YYYY-MM/],
    ['2026-01', /2026-01 is outside the warehouse, whose orders run from 2024-09 to 2025-10/],
    ['2024-08', /outside the warehouse/],
    ['2025-03', /2025-03 has no valid orders/],
  ])('month %s', async (month, message) => {
    await expect(buildReportModel(wh, { month })).rejects.toThrow(message);
    await expect(buildReportModel(wh, { month })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('a warehouse without gold', async () => {
    const dir = tempDir();
    try {
      const file = join(dir.dir, 'empty.duckdb');
      (await Warehouse.open(file)).close();
      const empty = await Warehouse.open(file, { readOnly: true });
      try {
        await expect(buildReportModel(empty)).rejects.toThrow(
          /report: the warehouse has no gold.monthly_kpis, gold.monthly_by, gold.daily_sales, gold.customer_monthly_spend; build it with `shopstat etl/,
        );
      } finally {
        empty.close();
      }
    } finally {
      dir.cleanup();
    }
  });
});
