import { describe, expect, it } from 'vitest';
import { factorShapley, type Levels } from '../../src/decompose/factors.ts';
import { twoFactorLmdi } from '../../src/decompose/lmdi.ts';
import { Rational } from '../../src/decompose/rational.ts';
import { shapleyProduct } from '../../src/decompose/shapley.ts';

const I = (n: number): Rational => Rational.fromInt(n);
const R = (t: string): Rational => Rational.fromDecimal(t);

/** Half a unit in the last digit a published number is printed with ('50.3588119' -> 5e-8). */
const halfUlp = (printed: string): number => 0.5 * 10 ** -(printed.split('.')[1] ?? '').length;

/**
 * A published additive LMDI-I example: the R package LMDIR (Matthew Heun, "Log Mean Divisia Index
 * Decomposition in R", based on Ang (2005), "The LMDI approach to decomposition analysis: a
 * practical guide", Energy Policy 33:867-871). Its test file, github.com/MatthewHeun/LMDIR,
 * tests/testthat/test_lmdi.R (commit d32a331a99bb65f52a1e3ffb96e3130581a4353a), test "additive
 * LMDI-I works as expected", says "Values tested below come from data-raw/LMDI_testing.xslx" (a
 * spreadsheet, computed independently of the R code). The data are `create_simple_LMDI()` in
 * R/util.R of the same commit; its rendered help page, docs/reference/create_simple_LMDI.html,
 * prints the 1971 matrix as
 *
 *               factor 1 factor 2 factor 3
 *   subsubcat 1        1       10        2
 *   subsubcat 2        4        5        3
 *
 * and the four years (the matrix read column by column) as 1971 "1, 4, 10, 5, 2, 3", 1972
 * "4, 5, 5, 6, 3, 4", 1973 "8, 5, 2, 7, 4, 5", 1974 "10, 6, 1, 8, 5, 6". So, with V = x1 x2 x3 per
 * subcategory:
 *
 * | year | subcat 1 (x1, x2, x3) | V  | subcat 2 (x1, x2, x3) | V   | total |
 * | 1971 | 1, 10, 2              | 20 | 4, 5, 3               | 60  | 80    |
 * | 1972 | 4, 5, 3               | 60 | 5, 6, 4               | 120 | 180   |
 * | 1973 | 8, 2, 4               | 64 | 5, 7, 5               | 175 | 239   |
 * | 1974 | 10, 1, 5              | 50 | 6, 8, 6               | 288 | 338   |
 *
 * The published changes (`dV_agg`) are 100, 59, 99 and the published additive LMDI-I effects
 * (`dV`, factor 1, 2, 3) are
 *
 *   1971 -> 1972: 69.79006598, -9.455125793, 39.66505981
 *   1972 -> 1973: 42.96021467, -34.31902656, 50.3588119
 *   1973 -> 1974: 54.01064234, -9.021284671, 54.01064234
 *
 * Hand check of factor 1, 1971 -> 1972 (Ang 2005, eq. 5: effect_k = sum_i L(V_i^T, V_i^0)
 * ln(x_ki^T / x_ki^0), L(a, b) = (a - b) / (ln a - ln b)):
 *   subcat 1: L(60, 20) ln(4 / 1) = (40 / ln 3) ln 4 = 36.4096 x 1.3863 = 50.474
 *   subcat 2: L(120, 60) ln(5 / 4) = (60 / ln 2) ln 1.25 = 86.5617 x 0.22314 = 19.316
 *   sum 69.790, as published.
 *
 * How it is fed to shopstat: shopstat has only the two-factor LMDI, revenue = count x average
 * (`twoFactorLmdi`), whose volume effect is L(R1, R0) ln(N1 / N0). A subcategory's V is a product
 * of three factors, so taking factor k as the count and the product of the other two as the
 * average, volume is exactly that subcategory's factor-k term and AOV the other two factors'
 * terms together (ln of a product is the sum of the lns). The test calls `twoFactorLmdi` once per
 * subcategory and factor and only adds the two subcategories' outputs (LMDI-I is a plain sum over
 * subcategories); no LMDI formula is re-implemented here.
 */
const years: Record<string, readonly (readonly [number, number, number])[]> = {
  '1971': [
    [1, 10, 2],
    [4, 5, 3],
  ],
  '1972': [
    [4, 5, 3],
    [5, 6, 4],
  ],
  '1973': [
    [8, 2, 4],
    [5, 7, 5],
  ],
  '1974': [
    [10, 1, 5],
    [6, 8, 6],
  ],
};

const published = [
  { from: '1971', to: '1972', change: 100, effects: ['69.79006598', '-9.455125793', '39.66505981'] },
  { from: '1972', to: '1973', change: 59, effects: ['42.96021467', '-34.31902656', '50.3588119'] },
  { from: '1973', to: '1974', change: 99, effects: ['54.01064234', '-9.021284671', '54.01064234'] },
] as const;

/** shopstat's LMDI of one year pair with factor k as the count: [volume, aov], summed over subcategories. */
function lmdiWithCount(from: string, to: string, k: number): [number, number] {
  let volume = 0;
  let aov = 0;
  for (const i of [0, 1]) {
    const x0 = years[from]?.[i] ?? [1, 1, 1];
    const x1 = years[to]?.[i] ?? [1, 1, 1];
    const r = twoFactorLmdi(
      { count: I(x0[k] ?? 1), revenue: I(x0[0] * x0[1] * x0[2]) },
      { count: I(x1[k] ?? 1), revenue: I(x1[0] * x1[1] * x1[2]) },
    );
    if (r === null) throw new Error('LMDI not computable for positive data');
    volume += r.volume;
    aov += r.aov;
  }
  return [volume, aov];
}

describe('a published LMDI-I example (LMDIR, test_lmdi.R)', () => {
  for (const { from, to, change, effects } of published) {
    it(`${from} -> ${to}: each factor's effect within half a unit of its last published digit`, () => {
      for (const k of [0, 1, 2]) {
        const [volume] = lmdiWithCount(from, to, k);
        const expected = effects[k] ?? '';
        expect(Math.abs(volume - Number(expected))).toBeLessThanOrEqual(halfUlp(expected));
      }
    });

    it(`${from} -> ${to}: the rest of each split is the other two factors, and the split adds up to ${change}`, () => {
      for (const k of [0, 1, 2]) {
        const [volume, aov] = lmdiWithCount(from, to, k);
        const others = effects.filter((_, j) => j !== k);
        const expectedRest = others.reduce((sum, e) => sum + Number(e), 0);
        const tolerance = others.reduce((sum, e) => sum + halfUlp(e), 0);
        expect(Math.abs(aov - expectedRest)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(volume + aov - change)).toBeLessThanOrEqual(1e-12 * change);
      }
    });
  }
});

/**
 * A published four-factor Shapley example: the Python package shapley_decomposition (Can Itez,
 * PyPI "shapley-decomposition"), README.md of github.com/canitez01/shapley_decomposition (commit
 * 37a5e408219a64efe4e7bfd6abfcd3c52f934b61), "Examples" 1: the change in value added per capita of
 * Turkey from 2000 to 2018 by the identity "x1*x2*x3*x4", x1 value added per worker, x2
 * employment rate, x3 participation rate, x4 share of the 15-64 population in the total. The
 * README's output table, `shapley_change(df, "x1*x2*x3*x4")`:
 *
 * |             | 2000         | 2018         | dif          | shapley     | contribution |
 * | val_ad_pc   | 8237.599210  | 15026.707520 | 6789.108310  | 6789.108310 | 1.000000     |
 * | val_ad_pw   | 27017.637990 | 43770.525560 | 16752.887570 | 5431.365538 | 0.800012     |
 * | emp_rate    | 0.935050     | 0.891050     | -0.044000    | -556.985657 | -0.082041    |
 * | part_rate   | 0.515090     | 0.576190     | 0.061100     | 1285.200011 | 0.189303     |
 * | working_age | 0.633046     | 0.668674     | 0.035628     | 629.528410  | 0.092726     |
 *
 * The package's code (shapley_decomposition/shapley_change.py) computes the textbook Shapley
 * value from the x's alone: for each factor, over all 2^3 start/end settings of the others,
 * weight s! (3 - s)! / 4! (s of them at their 2018 value) times the change of x1 x2 x3 x4 when
 * the factor moves from 2000 to 2018, the same definition as `shapleyProduct`.
 *
 * The printed numbers cannot be matched to their last digit: they were computed from inputs
 * with more digits than printed. Any residual-free split of the printed x's must add up to the
 * change in their product, 15026.712918 - 8237.598114 = 6789.114803, but the printed effects add
 * up to 6789.108302 (the printed change in y, 6789.108310, up to output rounding). So the test
 * uses the printed rounding of the inputs instead: each rate is printed to 6 decimals, so its
 * true value is within 5e-7 of it (the same bound for x1 is far below what matters). Every effect
 * is multilinear in the eight inputs, so over that box of inputs it ranges between its values
 * at the 256 corners; the test computes those with `shapleyProduct` and asserts that each
 * printed effect lies in its range (widened by the 5e-7 output rounding). The ranges are about
 * 0.02 to 0.05 wide, far narrower than the gap to an order-dependent split (x1 moved first, at
 * 2000 values of the others: 16752.887570 x 0.935050 x 0.515090 x 0.633046 = 5107.9, not 5431.4).
 * The printed y's lie in the ranges of the products over the same box as well (checked below),
 * which supports this reading.
 */
const start = ['27017.637990', '0.935050', '0.515090', '0.633046'];
const end = ['43770.525560', '0.891050', '0.576190', '0.668674'];
const printedShapley = ['5431.365538', '-556.985657', '1285.200011', '629.528410'];
const inputHalfUlp = R('0.0000005');

/** The range of each Shapley effect (and of the two products) over every input within 5e-7 of its printed value. */
function rangesOverInputBox() {
  const lo = [Infinity, Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity, -Infinity];
  const products = { lo: [Infinity, Infinity], hi: [-Infinity, -Infinity] };
  for (let corner = 0; corner < 256; corner++) {
    const shift = (bit: number) => ((corner >> bit) & 1 ? inputHalfUlp : inputHalfUlp.neg());
    const s = start.map((v, k) => R(v).add(shift(k)));
    const e = end.map((v, k) => R(v).add(shift(k + 4)));
    shapleyProduct(s, e).forEach((effect, k) => {
      lo[k] = Math.min(lo[k] ?? Infinity, effect.toNumber());
      hi[k] = Math.max(hi[k] ?? -Infinity, effect.toNumber());
    });
    [s, e].forEach((values, t) => {
      const p = values.reduce((a, b) => a.mul(b), Rational.ONE).toNumber();
      products.lo[t] = Math.min(products.lo[t] ?? Infinity, p);
      products.hi[t] = Math.max(products.hi[t] ?? -Infinity, p);
    });
  }
  return { lo, hi, products };
}

describe('a published Shapley example (shapley_decomposition README, Turkey 2000-2018)', () => {
  const { lo, hi, products } = rangesOverInputBox();

  it('each printed effect is what shapleyProduct gives for inputs that round to the printed ones', () => {
    printedShapley.forEach((printed, k) => {
      expect(Number(printed)).toBeGreaterThanOrEqual((lo[k] ?? Infinity) - 5e-7);
      expect(Number(printed)).toBeLessThanOrEqual((hi[k] ?? -Infinity) + 5e-7);
      expect((hi[k] ?? 0) - (lo[k] ?? 0)).toBeLessThan(0.05);
    });
  });

  it('the printed y values are products of inputs that round to the printed x values', () => {
    expect(8237.59921).toBeGreaterThanOrEqual(products.lo[0] ?? Infinity);
    expect(8237.59921).toBeLessThanOrEqual(products.hi[0] ?? -Infinity);
    expect(15026.70752).toBeGreaterThanOrEqual(products.lo[1] ?? Infinity);
    expect(15026.70752).toBeLessThanOrEqual(products.hi[1] ?? -Infinity);
  });

  it('on the printed inputs the split is exact and factorShapley gives the same numbers as shapleyProduct', () => {
    const s = start.map(R);
    const e = end.map(R);
    const effects = shapleyProduct(s, e);
    const product = (values: Rational[]) => values.reduce((a, b) => a.mul(b), Rational.ONE);
    expect(Rational.sum(effects).equals(product(e).sub(product(s)))).toBe(true);
    // The same identity as a chain from a population of 1: working-age share (customers),
    // participation (frequency), employment rate (basket), value added per worker (price).
    const levels = (x: Rational[]): Levels => {
      const [vaPerWorker, employment, participation, workingAge] = x as [
        Rational,
        Rational,
        Rational,
        Rational,
      ];
      const labourForce = workingAge.mul(participation);
      const employed = labourForce.mul(employment);
      return {
        customers: workingAge,
        orders: labourForce,
        units: employed,
        revenue: employed.mul(vaPerWorker),
      };
    };
    const terms = factorShapley(['customers', 'frequency', 'basket', 'price'], levels(s), levels(e));
    expect(terms.map((t) => t.effect.toString())).toEqual(
      [effects[3], effects[2], effects[1], effects[0]].map((x) => x?.toString()),
    );
  });
});
