import { describe, expect, it } from 'vitest';
import { decomposeTotals } from '../../src/decompose/core.ts';
import { parsePeriod } from '../../src/decompose/periods.ts';

/**
 * A published price-volume-mix example: "How to do Price Volume Mix Analysis in Accounting",
 * accountancyindex.com/price-volume-mix-analysis (read 2026-11-30). Three products:
 *
 * | product | year 1 price | year 1 volume | year 2 price | year 2 volume |
 * | A       | 10           | 1,000         | 11           | 1,000         |
 * | B       | 15           | 800           | 15           | 700           |
 * | C       | 20           | 500           | 23           | 800           |
 *
 * Revenue 32,000 -> 39,900 (+7,900). The page's formulas: price effect = (new price - old price) x
 * old volume, summed: 1 x 1,000 + 0 + 3 x 500 = 2,500 (Laspeyres); volume effect = (new volume - old
 * volume) x old price: 0 - 100 x 15 + 300 x 20 = 4,500; mix = the rest, 900.
 *
 * shopstat splits a product (line-level) dimension as units x revenue per unit, by a nested
 * midpoint (Shapley) rule: units N against revenue per unit first (so the volume effect is the
 * top-level one), then within it each product's share w of units against its price a. A product's
 * price effect is therefore N-bar x w-bar x (change in price), with N-bar = (2,300 + 2,500) / 2 =
 * 2,400 and w-bar the mean of its two shares (not the mean of its two volumes):
 *   A: w = 1,000/2,300 = 10/23 and 1,000/2,500 = 2/5, mean 48/115; 2,400 x 48/115 x 1 = 1,001.7391
 *   B: price unchanged: 0
 *   C: w = 5/23 and 8/25, mean 309/1,150; 2,400 x 309/1,150 x 3 = 1,934.6087
 *   total 2,936.3478 -> 2,936.35, between the page's price effect at old volumes (2,500, Laspeyres)
 *   and at new volumes (1 x 1,000 + 0 + 3 x 800 = 3,400, Paasche).
 * Volume, mix, new and lost together are the rest, 7,900 - 2,936.35 = 4,963.65, likewise between the
 * page's volume effect at old prices (4,500) and at new prices (0 - 100 x 15 + 300 x 23 = 5,400).
 */
const segments = [
  ['A', 1000, '10000.0000', 1000, '11000.0000'],
  ['B', 800, '12000.0000', 700, '10500.0000'],
  ['C', 500, '10000.0000', 800, '18400.0000'],
] as const;

describe('a published price-volume-mix example', () => {
  const result = decomposeTotals({
    currency: 'GBP',
    from: parsePeriod('2024'),
    to: parsePeriod('2025'),
    // One unit per order here: only the units x revenue-per-unit segment bridge is compared.
    start: { orders: 2300, revenue: '32000.0000', customers: 2300, units: 2300 },
    end: { orders: 2500, revenue: '39900.0000', customers: 2500, units: 2500 },
    by: ['product'],
    basis: 'units',
    segments: segments.map(([p, q0, r0, q1, r1]) => ({
      key: [p],
      start: { count: q0, revenue: r0 },
      end: { count: q1, revenue: r1 },
    })),
  });

  it('has the page’s revenue change', () => {
    expect([result.start, result.end, result.change]).toEqual(['32000.00', '39900.00', '7900.00']);
  });

  it('puts the price effect between the page’s Laspeyres (old volumes) and Paasche (new volumes) effects, as computed above', () => {
    expect(result.segments?.effects.aov).toBe('2936.35');
    const byProduct = Object.fromEntries((result.segments?.segments ?? []).map((s) => [s.key[0], s.aov]));
    expect(byProduct).toEqual({ A: '1001.74', B: '0.00', C: '1934.61' });
  });

  it('leaves the rest to volume and mix, between the page’s volume effects at old and new prices', () => {
    const e = result.segments?.effects;
    const rest = [e?.volume, e?.mix, e?.newSegments, e?.lostSegments].reduce(
      (sum, v) => sum + BigInt((v ?? '0').replace('.', '')),
      0n,
    );
    expect(rest).toBe(496365n); // 4,963.65 in cents, exactly
    expect(rest > 450000n && rest < 540000n).toBe(true);
  });
});
