import { InvalidArgumentError } from '../errors.ts';
import type { Levels } from './factors.ts';
import type { Period } from './periods.ts';
import { Rational } from './rational.ts';
import type { SegmentTotals } from './segment-mix.ts';

/** A period's totals over valid orders; revenue is exact decimal text (`'1234.5000'`). */
export interface PeriodFigures {
  readonly orders: number;
  readonly revenue: string;
  readonly customers: number;
  readonly units: number;
}

/** A segment's count (orders or units, by basis) and revenue per period; `0` and `'0'` when absent. */
export interface SegmentFigures {
  readonly key: readonly (string | null)[];
  readonly start: { readonly count: number; readonly revenue: string };
  readonly end: { readonly count: number; readonly revenue: string };
}

/** What the warehouse verb hands to the pure core: the two periods' totals and optional segments. */
export interface DecomposeInput {
  readonly currency: string;
  readonly from: Period;
  readonly to: Period;
  readonly start: PeriodFigures;
  readonly end: PeriodFigures;
  /** Segment dimensions (`['channel', 'country']`), `[]` for none. */
  readonly by: readonly string[];
  /** `'orders'` for order-level dimensions, `'units'` for line-level ones, `null` without `by`. */
  readonly basis: 'orders' | 'units' | null;
  readonly segments: readonly SegmentFigures[];
}

const fail = (message: string): never => {
  throw new InvalidArgumentError(`decomposeTotals: ${message}`);
};

function count(value: number, what: string): Rational {
  if (!Number.isSafeInteger(value) || value < 0) fail(`${what} must be a non-negative integer, got ${value}`);
  return Rational.fromInt(value);
}

function money(text: string, what: string): Rational {
  if (typeof text !== 'string' || !/^-?\d+(\.\d+)?$/.test(text)) {
    fail(`${what} must be exact decimal text such as '1234.5000', got ${JSON.stringify(text)}`);
  }
  return Rational.fromDecimal(text);
}

/**
 * Reads a period's figures exactly and checks they can belong together: no customers exactly when
 * no orders, no more customers than orders, and no units or revenue without orders, no revenue
 * without units.
 * @throws InvalidArgumentError naming the period and the bad figure.
 */
export function readLevels(figures: PeriodFigures, which: 'start' | 'end'): Levels {
  const levels: Levels = {
    customers: count(figures.customers, `${which}.customers`),
    orders: count(figures.orders, `${which}.orders`),
    units: count(figures.units, `${which}.units`),
    revenue: money(figures.revenue, `${which}.revenue`),
  };
  const zero = (l: keyof Levels): boolean => levels[l].isZero();
  if (zero('customers') !== zero('orders') || figures.customers > figures.orders) {
    fail(`${which} has ${figures.customers} customers for ${figures.orders} orders`);
  }
  if (zero('orders') && !(zero('units') && zero('revenue'))) {
    fail(`${which} has no orders but ${figures.units} units and revenue ${figures.revenue}`);
  }
  if (zero('units') && !zero('revenue')) fail(`${which} has no units but revenue ${figures.revenue}`);
  return levels;
}

/**
 * Reads the segments exactly and checks them against the totals: one key part per `by`
 * dimension, no key twice, no revenue without a count, and segment counts and revenues that add
 * up to the period's orders (basis orders) or units (basis units) and revenue.
 * @throws InvalidArgumentError naming the segment or the totals that do not match.
 */
export function readSegments(input: DecomposeInput, start: Levels, end: Levels): SegmentTotals[] {
  const { by, basis } = input;
  if ((by.length === 0) !== (basis === null)) {
    fail(`basis must be null exactly when by is empty, got by ${JSON.stringify(by)} and basis ${basis}`);
  }
  if (basis === null) return [];
  const seen = new Set<string>();
  const segments = input.segments.map((s) => {
    const name = JSON.stringify(s.key);
    if (s.key.length !== by.length)
      fail(`segment ${name} has ${s.key.length} key parts for by ${JSON.stringify(by)}`);
    if (seen.has(name)) fail(`segment ${name} is listed twice`);
    seen.add(name);
    const side = (f: { count: number; revenue: string }, which: string) => {
      const c = count(f.count, `segment ${name} ${which}.count`);
      const revenue = money(f.revenue, `segment ${name} ${which}.revenue`);
      if (c.isZero() && !revenue.isZero())
        fail(`segment ${name} has revenue ${f.revenue} with count 0 at ${which}`);
      return { count: c, revenue };
    };
    return { key: [...s.key], start: side(s.start, 'start'), end: side(s.end, 'end') };
  });
  const level = basis === 'orders' ? 'orders' : 'units';
  for (const [which, levels] of [
    ['start', start],
    ['end', end],
  ] as const) {
    const c = Rational.sum(segments.map((s) => s[which].count));
    const r = Rational.sum(segments.map((s) => s[which].revenue));
    if (!c.equals(levels[level]) || !r.equals(levels.revenue)) {
      fail(
        `segments add up to ${c} ${level} and revenue ${r} at ${which}, but the totals are ${levels[level]} and ${levels.revenue}`,
      );
    }
  }
  return segments;
}
