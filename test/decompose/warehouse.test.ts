import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decomposeRevenueChange } from '../../src/decompose/index.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { shopstat } from '../support/cli.ts';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';
import { TWO_MONTHS_ITEMS, TWO_MONTHS_ORDERS } from '../support/two-months.ts';

/**
 * Two months through the whole pipeline, every figure worked out by hand.
 *
 * August 2025 (valid orders): web 2 orders 100 + 60 = 160; mobile 1 order 40; store 1 order 20.
 *   N0 = 4, R0 = 220, AOV0 = 55. Also a cancelled web order (500) and a returned mobile order
 *   (300), which are not valid and count nowhere.
 * September 2025: web 1 order 90; mobile 3 orders 50 + 70 + 60 = 180; app 1 order 30.
 *   N1 = 5, R1 = 300, AOV1 = 60. Change +80.
 *
 * Shapley (midpoint): volume = dN (A0 + A1) / 2 = 1 x 115 / 2 = 57.50;
 *                     AOV    = dA (N0 + N1) / 2 = 5 x 9 / 2   = 22.50.
 * Sequential, volume first: volume = dN A0 = 55, AOV = dA N1 = 25; AOV first: AOV = dA N0 = 20,
 * volume = dN A1 = 60.
 * Segment mix (w = share of orders, a = segment AOV, N-bar = 4.5, dN = 1):
 *   web    w 0.5 -> 0.2, a 80 -> 90: volume (40 + 18) / 2 = 29; AOV 4.5 x 0.35 x 10 = 15.75;
 *          mix 4.5 x 85 x -0.3 = -114.75 (sum -70 = 90 - 160)
 *   mobile w 0.25 -> 0.6, a 40 -> 60: volume (10 + 36) / 2 = 23; AOV 4.5 x 0.425 x 20 = 38.25;
 *          mix 4.5 x 50 x 0.35 = 78.75 (sum 140)
 *   store  lost: volume 5 / 2 = 2.5; lost -4.5 x 5 = -22.5 (sum -20)
 *   app    new: volume 6 / 2 = 3; new 4.5 x 6 = 27 (sum 30)
 *   totals: volume 57.5 (= the top-level one); AOV 54 + mix -36 + new 27 + lost -22.5 = 22.5
 *   (= the top-level AOV effect).
 */
const ORDERS = TWO_MONTHS_ORDERS.join('\n');
const ITEMS = TWO_MONTHS_ITEMS.join('\n');

let fx: EtlFixture;
let wh: Warehouse;
beforeAll(async () => {
  fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS, 'order_items.csv': ITEMS });
  expect((await fx.run()).exitCode).toBe(0);
  wh = await Warehouse.open(fx.warehouse, { readOnly: true });
});
afterAll(() => {
  wh?.close();
  fx?.cleanup();
});

describe('decomposeRevenueChange on a warehouse', () => {
  it('splits August to September into volume and AOV effects that add up to the change', async () => {
    const r = await decomposeRevenueChange(wh, { from: '2025-08', to: '2025-09' });
    expect(r.kind).toBe('revenue-decomposition');
    expect([r.start, r.end, r.change]).toEqual(['220.00', '300.00', '80.00']);
    expect(r.currency).toBe('EUR');
    expect(r.figures.start).toMatchObject({ orders: 4, revenue: '220.00', aov: 55, customers: 2, units: 4 });
    expect(r.figures.end).toMatchObject({ orders: 5, revenue: '300.00', aov: 60, customers: 2, units: 5 });
    expect(r.method).toBe('shapley');
    expect(r.effects).toEqual({ volume: '57.50', aov: '22.50' });
    expect(r.methods.sequentialVolumeFirst).toEqual({ volume: '55.00', aov: '25.00' });
    expect(r.methods.sequentialAovFirst).toEqual({ volume: '60.00', aov: '20.00' });
    expect(r.segments).toBeNull();
  });

  it('splits by channel with per-segment volume, AOV and mix effects and explicit new and lost segments', async () => {
    const r = await decomposeRevenueChange(wh, { from: '2025-08', to: '2025-09', by: ['channel'] });
    const s = r.segments;
    expect(s?.basis).toBe('orders');
    expect(s?.effects).toEqual({
      volume: '57.50',
      aov: '54.00',
      mix: '-36.00',
      newSegments: '27.00',
      lostSegments: '-22.50',
    });
    const byLabel = Object.fromEntries((s?.segments ?? []).map((l) => [l.key[0], l]));
    expect(byLabel.web).toMatchObject({
      status: 'continuing',
      volume: '29.00',
      aov: '15.75',
      mix: '-114.75',
      change: '-70.00',
    });
    expect(byLabel.mobile).toMatchObject({
      status: 'continuing',
      volume: '23.00',
      aov: '38.25',
      mix: '78.75',
      change: '140.00',
    });
    expect(byLabel.store).toMatchObject({ status: 'lost', volume: '2.50', lost: '-22.50', change: '-20.00' });
    expect(byLabel.app).toMatchObject({ status: 'new', volume: '3.00', new: '27.00', change: '30.00' });
  });

  it('splits by two dimensions at once (channel x payment method)', async () => {
    const r = await decomposeRevenueChange(wh, {
      from: '2025-08',
      to: '2025-09',
      by: ['channel', 'payment_method'],
    });
    // August: web|card 160 (2), mobile|paypal 40, store|card 20. September: web|card 90,
    // mobile|paypal 50 + 70 (2), mobile|card 60 (new), app|card 30 (new).
    const keys = (r.segments?.segments ?? []).map((l) => `${l.key.join('|')}:${l.status}`).sort();
    expect(keys).toEqual([
      'app|card:new',
      'mobile|card:new',
      'mobile|paypal:continuing',
      'store|card:lost',
      'web|card:continuing',
    ]);
    const total = (r.segments?.segments ?? []).reduce((s, l) => s + Math.round(Number(l.change) * 100), 0);
    expect(total).toBe(8000);
    expect(r.segments?.effects.volume).toBe('57.50');
  });

  it('splits by a line-level dimension as units x revenue per unit, and says so', async () => {
    const r = await decomposeRevenueChange(wh, { from: '2025-08', to: '2025-09', by: ['category'] });
    expect(r.segments?.basis).toBe('units');
    expect(r.segments?.note).toMatch(/units/);
    // c1: August a1, a2, a4 = 3 units, 180; September s1, s5 = 2 units, 120. c2: 1 unit 40 -> 3 units 180.
    const byKey = Object.fromEntries((r.segments?.segments ?? []).map((l) => [l.key[0], l]));
    expect(byKey.c1).toMatchObject({
      start: { count: 3, revenue: '180.00' },
      end: { count: 2, revenue: '120.00' },
    });
    expect(byKey.c2).toMatchObject({
      start: { count: 1, revenue: '40.00' },
      end: { count: 3, revenue: '180.00' },
    });
    expect(r.warnings.map((w) => w.code)).toContain('units_basis');
  });

  it('reads quarters, years and date ranges (both ends included) in the warehouse zone', async () => {
    const q = await decomposeRevenueChange(wh, {
      from: '2025-08-01..2025-08-15',
      to: '2025-09-01..2025-09-30',
    });
    // 1-15 August: a1, a2 = 160; all of September: 300 (s4 at 23:00 UTC on the 30th included).
    expect([q.start, q.end]).toEqual(['160.00', '300.00']);
    const y = await decomposeRevenueChange(wh, { from: '2024', to: '2025-Q3' });
    expect([y.start, y.end, y.change]).toEqual(['0.00', '520.00', '520.00']);
    expect(y.warnings.map((w) => w.code)).toContain('empty_period');
  });

  it('compares the last complete month with the one before when no period is given', async () => {
    // The last order day is 30 September, the last day of its month: September against August.
    const r = await decomposeRevenueChange(wh, {});
    expect([r.from.label, r.to.label, r.change]).toEqual(['August 2025', 'September 2025', '80.00']);
    const q = await decomposeRevenueChange(wh, { to: '2025-Q3' });
    expect(q.from.label).toBe('Q2 2025');
  });

  it('rejects an unknown dimension, a period it cannot read and a from that is not before to', async () => {
    await expect(
      decomposeRevenueChange(wh, { from: '2025-08', to: '2025-09', by: ['colour'] }),
    ).rejects.toThrow(/decompose: unknown dimension "colour"; use one or two of channel, country/);
    await expect(
      decomposeRevenueChange(wh, { from: '2025-08', to: '2025-09', by: ['channel', 'country', 'gender'] }),
    ).rejects.toThrow(/at most two dimensions/);
    await expect(decomposeRevenueChange(wh, { from: '2025-13', to: '2025-09' })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(decomposeRevenueChange(wh, { from: '2025-09', to: '2025-08' })).rejects.toThrow(
      InvalidArgumentError,
    );
  });
});

describe('shopstat decompose', () => {
  it('prints the bridge readably, and the whole result with --json', () => {
    const text = shopstat(
      'decompose',
      '--warehouse',
      fx.warehouse,
      '--from',
      '2025-08',
      '--to',
      '2025-09',
      '--by',
      'channel',
    );
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('57.50');
    expect(text.stdout).toContain('-114.75');
    const json = shopstat(
      'decompose',
      '--warehouse',
      fx.warehouse,
      '--from',
      '2025-08',
      '--to',
      '2025-09',
      '--json',
    );
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as { change: string; effects: { volume: string; aov: string } };
    expect(r.change).toBe('80.00');
    expect(r.effects).toEqual({ volume: '57.50', aov: '22.50' });
  });

  it('compares the last complete month with the one before when neither --from nor --to is given', () => {
    const r = shopstat('decompose', '--warehouse', fx.warehouse, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { from: { label: string }; to: { label: string }; change: string };
    expect([json.from.label, json.to.label, json.change]).toEqual(['August 2025', 'September 2025', '80.00']);
  });

  it('exits 2 with one clear line for bad input', () => {
    for (const [args, message] of [
      [['--from', '2025-09', '--to', '2025-08'], /decompose|period/],
      [['--from', '2025-08', '--to', '2025-09', '--by', 'colour'], /unknown dimension "colour"/],
      [['--from', 'August', '--to', '2025-09'], /August/],
      [['--from', '2025-08', '--to', '2025-09', '--share', '1.5'], /--share/],
      [['--from', '2025-08', '--to', '2025-09', '--factors', 'customers,luck'], /luck/],
    ] as const) {
      const r = shopstat('decompose', '--warehouse', fx.warehouse, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = shopstat(
      'decompose',
      '--warehouse',
      `${fx.warehouse}.nope`,
      '--from',
      '2025-08',
      '--to',
      '2025-09',
    );
    expect(missing.code).toBe(2);
  });
});
