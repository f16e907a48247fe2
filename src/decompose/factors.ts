import { InvalidArgumentError } from '../errors.ts';
import { Rational } from './rational.ts';
import { shapleyProduct } from './shapley.ts';

/** A factor of revenue = customers x frequency x basket x price. */
export type Factor = 'customers' | 'frequency' | 'basket' | 'price';

/** The factors in chain order; each is a level divided by the level before it. */
export const FACTORS: readonly Factor[] = ['customers', 'frequency', 'basket', 'price'];

/** The level each factor ends at: customers, orders, units, revenue. */
const LEVELS = ['customers', 'orders', 'units', 'revenue'] as const;
type Level = (typeof LEVELS)[number];

/** The four levels of one period, exact. */
export type Levels = Readonly<Record<Level, Rational>>;

/** The rule that turns any subset of factors into an exact identity, as it is recorded in results. */
export const FACTOR_RULE =
  'Kept factors are taken in the order customers, frequency, basket, price. Each is its level (customers, orders, units, revenue) divided by the level of the kept factor before it (by 1 for the first), and the last kept factor always ends at revenue; so an omitted factor merges into the next kept one, and omitted factors after the last kept one merge into it. The kept factors multiply to revenue in both periods. A ratio whose denominator is zero in one period (e.g. frequency with no customers) takes the other period’s value, so it carries no effect; the factor that is zero carries the change.';

/** One kept factor: its name, what it divides, its values and exact effect. */
export interface FactorTerm {
  readonly name: Factor;
  readonly numerator: Level;
  readonly denominator: Level | null;
  readonly start: Rational | null;
  readonly end: Rational | null;
  readonly effect: Rational;
}

/**
 * Validates a list of factor names: known, no repeats, at least one. Returns them in chain order.
 * @throws InvalidArgumentError naming the bad value.
 */
export function checkFactors(factors: readonly string[]): Factor[] {
  if (factors.length === 0) {
    throw new InvalidArgumentError(
      `decomposeTotals: factors must name at least one of ${FACTORS.join(', ')}, got []`,
    );
  }
  for (const f of factors) {
    if (!(FACTORS as readonly string[]).includes(f)) {
      throw new InvalidArgumentError(
        `decomposeTotals: unknown factor ${JSON.stringify(f)}; choose from ${FACTORS.join(', ')}`,
      );
    }
  }
  if (new Set(factors).size !== factors.length) {
    throw new InvalidArgumentError(`decomposeTotals: factor listed twice in ${JSON.stringify(factors)}`);
  }
  return FACTORS.filter((f) => factors.includes(f));
}

function ratio(levels: Levels, numerator: Level, denominator: Level | null): Rational | null {
  if (denominator === null) return levels[numerator];
  const d = levels[denominator];
  return d.isZero() ? null : levels[numerator].div(d);
}

/**
 * Decomposes the revenue change over the chosen factors (see {@link FACTOR_RULE}) by the exact
 * Shapley method ({@link shapleyProduct}). The effects add up to revenue(end) - revenue(start).
 * With factors frequency, price this is orders x AOV, the two-factor Shapley split.
 *
 * @example factorShapley(['customers', 'price'], start, end) // customers x revenue per customer
 */
export function factorShapley(factors: readonly Factor[], start: Levels, end: Levels): FactorTerm[] {
  const kept = FACTORS.filter((f) => factors.includes(f));
  const spans = kept.map((name, i) => {
    const numerator: Level = i === kept.length - 1 ? 'revenue' : (LEVELS[FACTORS.indexOf(name)] ?? 'revenue');
    const previous = kept[i - 1];
    const denominator: Level | null =
      previous === undefined ? null : (LEVELS[FACTORS.indexOf(previous)] ?? null);
    return { name, numerator, denominator };
  });
  const s = spans.map((t) => ratio(start, t.numerator, t.denominator));
  const e = spans.map((t) => ratio(end, t.numerator, t.denominator));
  const startValues = s.map((v, i) => v ?? e[i] ?? Rational.ONE);
  const endValues = e.map((v, i) => v ?? s[i] ?? Rational.ONE);
  const effects = shapleyProduct(startValues, endValues);
  return spans.map((t, i) => ({
    ...t,
    start: s[i] ?? null,
    end: e[i] ?? null,
    effect: effects[i] ?? Rational.ZERO,
  }));
}
