import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decomposeTotals } from '../../src/decompose/core.ts';
import { factorShapley, type Levels } from '../../src/decompose/factors.ts';
import { logMean, twoFactorLmdi } from '../../src/decompose/lmdi.ts';
import { Rational } from '../../src/decompose/rational.ts';
import { shapleyProduct } from '../../src/decompose/shapley.ts';
import { twoFactorSequential, twoFactorShapley } from '../../src/decompose/two-factor.ts';
import { monthsInput } from './fixtures.ts';

/** Numbers from test/decompose/reference/reference.py (Python fractions, brute force over orderings). */
const reference = JSON.parse(readFileSync(new URL('./reference/reference.json', import.meta.url), 'utf8'));

const R = (t: string): Rational => Rational.fromDecimal(t);
const I = (n: number): Rational => Rational.fromInt(n);
const cr = (count: number, revenue: string) => ({ count: I(count), revenue: R(revenue) });
const close = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));

describe('two-factor split, hand-computed (fixtures.ts)', () => {
  it('August to September: volume -2125, AOV -875 (Shapley); -2250/-750 and -2000/-1000 (sequential)', () => {
    // N 200 -> 150 (ΔN = -50), AOV 45 -> 40 (ΔA = -5), R 9000 -> 6000.
    // Shapley: volume = ΔN (A0 + A1) / 2 = -50 x 85 / 2 = -2125; AOV = ΔA (N0 + N1) / 2 = -5 x 175 = -875.
    // Volume first: -50 x 45 = -2250, then -5 x 150 = -750. AOV first: -5 x 200 = -1000, then -50 x 40 = -2000.
    const s = cr(200, '9000');
    const e = cr(150, '6000');
    const sh = twoFactorShapley(s, e);
    expect([sh.volume.toString(), sh.aov.toString()]).toEqual(['-2125', '-875']);
    const vf = twoFactorSequential(s, e, 'volume');
    expect([vf.volume.toString(), vf.aov.toString()]).toEqual(['-2250', '-750']);
    const af = twoFactorSequential(s, e, 'aov');
    expect([af.volume.toString(), af.aov.toString()]).toEqual(['-2000', '-1000']);
    expect(reference.augToSep.shapley).toEqual({ volume: '-2125', aov: '-875' });
    expect(reference.augToSep.volumeFirst).toEqual({ volume: '-2250', aov: '-750' });
    expect(reference.augToSep.aovFirst).toEqual({ volume: '-2000', aov: '-1000' });
  });

  it('the result carries every method, the headline chosen by `method`', () => {
    const r = decomposeTotals(monthsInput('Aug', 'Sep', false));
    expect([r.start, r.end, r.change]).toEqual(['9000.00', '6000.00', '-3000.00']);
    expect(r.effects).toEqual({ volume: '-2125.00', aov: '-875.00' });
    expect(r.methods.sequentialVolumeFirst).toEqual({ volume: '-2250.00', aov: '-750.00' });
    expect(r.methods.sequentialAovFirst).toEqual({ volume: '-2000.00', aov: '-1000.00' });
    // LMDI-I: L(6000, 9000) = -3000 / ln(2/3) = 7398.8; x ln(150/200) = -2128.53, x ln(40/45) = -871.47
    expect(r.methods.lmdi).toMatchObject({ volume: '-2128.53', aov: '-871.47' });
    expect(decomposeTotals(monthsInput('Aug', 'Sep', false), { method: 'lmdi' }).effects).toEqual({
      volume: '-2128.53',
      aov: '-871.47',
    });
    expect(decomposeTotals(monthsInput('Aug', 'Sep', false), { method: 'sequential' }).effects).toEqual({
      volume: '-2250.00',
      aov: '-750.00',
    });
    expect(r.verdict.verdict).toBe('volume-driven'); // 2125 / 3000 = 70.8 % >= 60 %
    expect(r.sentence).toBe(
      'September 2025 revenue fell 33.3 % (-3.0k EUR) vs August 2025: fewer orders explain -2.1k, lower AOV -875; the drop is volume-driven.',
    );
  });

  it('July to August: same orders, so all AOV (+1000), every method agreeing', () => {
    const r = decomposeTotals(monthsInput('Jul', 'Aug', false));
    expect(r.effects).toEqual({ volume: '0.00', aov: '1000.00' });
    expect(r.methods.lmdi).toMatchObject({ volume: '0.00', aov: '1000.00' });
    expect(r.verdict.verdict).toBe('aov-driven');
    expect(reference.julToAug.shapley).toEqual({ volume: '0', aov: '1000' });
  });
});

describe('LMDI-I (Ang 2005, Table 1, additive) against the Python reference', () => {
  it('matches the textbook formula to 1e-12 relative', () => {
    const l = twoFactorLmdi(cr(200, '9000'), cr(150, '6000'));
    close(l?.volume ?? 0, reference.augToSep.lmdi.volume, 1e-12);
    close(l?.aov ?? 0, reference.augToSep.lmdi.aov, 1e-12);
  });

  it('keeps precision for large, close totals (the reference itself is good to ~1e-7 there)', () => {
    const l = twoFactorLmdi(cr(1_000_003, '12345678901.2345'), cr(1_000_001, '12345679011.5000'));
    close(l?.volume ?? 0, reference.lmdiClose.volume, 1e-6);
    close(l?.aov ?? 0, reference.lmdiClose.aov, 1e-6);
    close((l?.volume ?? 0) + (l?.aov ?? 0), 110.2655, 1e-9);
  });

  it('logarithmic mean: L(a, a) = a, L(2, 1) = 1 / ln 2, L(a, 0) = 0', () => {
    expect(logMean(I(5), I(5))).toBe(5);
    close(logMean(I(2), I(1)), 1 / Math.LN2, 1e-15);
    expect(logMean(I(2), Rational.ZERO)).toBe(0);
  });

  it('zero values take the analytical limits of Ang & Liu (2007)', () => {
    expect(twoFactorLmdi(cr(0, '0'), cr(10, '500'))).toEqual({ volume: 500, aov: 0 }); // no orders: all volume
    expect(twoFactorLmdi(cr(10, '500'), cr(0, '0'))).toEqual({ volume: -500, aov: 0 });
    expect(twoFactorLmdi(cr(10, '0'), cr(12, '300'))).toEqual({ volume: 0, aov: 300 }); // AOV 0 -> all AOV
    expect(twoFactorLmdi(cr(10, '0'), cr(12, '0'))).toEqual({ volume: 0, aov: 0 });
    expect(twoFactorLmdi(cr(10, '-5'), cr(12, '300'))).toBeNull();
  });
});

describe('factor bridge (Shapley over customers x frequency x basket x price)', () => {
  const levels = (customers: number, orders: number, units: number, revenue: string): Levels => ({
    customers: I(customers),
    orders: I(orders),
    units: I(units),
    revenue: R(revenue),
  });
  const start = levels(80, 120, 300, '9000.50');
  const end = levels(70, 100, 280, '8123.25');

  it('four factors: exact effects equal the brute-force average over all 24 orderings', () => {
    const terms = factorShapley(['customers', 'frequency', 'basket', 'price'], start, end);
    expect(terms.map((t) => t.effect.toString())).toEqual(reference.fourFactors);
    expect(Rational.sum(terms.map((t) => t.effect)).equals(R('8123.25').sub(R('9000.50')))).toBe(true);
    expect(terms.map((t) => `${t.numerator}/${t.denominator}`)).toEqual([
      'customers/null',
      'orders/customers',
      'units/orders',
      'revenue/units',
    ]);
  });

  it('a subset merges omitted factors into the next kept one: customers, price = customers x revenue per customer', () => {
    const terms = factorShapley(['price', 'customers'], start, end);
    expect(terms.map((t) => t.name)).toEqual(['customers', 'price']);
    expect(terms[1]?.denominator).toBe('customers');
    expect(terms.map((t) => t.effect.toString())).toEqual(reference.customersPrice);
  });

  it('frequency, price is orders x AOV, the two-factor Shapley split', () => {
    const terms = factorShapley(['frequency', 'price'], start, end);
    const two = twoFactorShapley(cr(120, '9000.50'), cr(100, '8123.25'));
    expect(terms[0]?.effect.equals(two.volume)).toBe(true);
    expect(terms[1]?.effect.equals(two.aov)).toBe(true);
  });

  it('Shapley of a product of two: 2x3 -> 4x5 gives 8 and 6 (each change times the midpoint of the other)', () => {
    // x: 2 -> 4 (Δ2) times y's midpoint (3 + 5) / 2 = 4 gives 8; y: 3 -> 5 (Δ2) times x's midpoint 3 gives 6; 8 + 6 = 20 - 6
    expect(shapleyProduct([I(2), I(3)], [I(4), I(5)]).map(String)).toEqual(['8', '6']);
  });

  it('a period without customers puts the whole change on customers', () => {
    const terms = factorShapley(['customers', 'frequency', 'basket', 'price'], levels(0, 0, 0, '0'), end);
    expect(terms.map((t) => t.effect.toString())).toEqual(['32493/4', '0', '0', '0']);
    expect(terms[1]?.start).toBeNull();
  });
});
