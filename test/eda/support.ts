import { afterEach, beforeEach, expect } from 'vitest';
import { Warehouse } from '../../src/warehouse/warehouse.ts';

/** A fresh in-memory warehouse per test, closed after it: `const db = useWarehouse(); db.wh`. */
export function useWarehouse(): { wh: Warehouse } {
  const holder = {} as { wh: Warehouse };
  beforeEach(async () => {
    holder.wh = await Warehouse.open(':memory:');
  });
  afterEach(() => holder.wh.close());
  return holder;
}

/** Every number in a value replaced by `expect.closeTo(n, digits)`, for whole-object comparisons. */
export function approx<T>(value: T, digits = 12): T {
  if (typeof value === 'number') return expectCloseTo(value, digits) as T;
  if (Array.isArray(value)) return value.map((v) => approx(v, digits)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approx(v, digits)])) as T;
  }
  return value;
}

function expectCloseTo(n: number, digits: number): unknown {
  return expect.closeTo(n, digits);
}

/** |actual - expected| <= rel * |expected| (or <= rel when expected is 0). */
export function expectRel(actual: number | null | undefined, expected: number, rel: number): void {
  expect(actual).not.toBeNull();
  const tolerance = rel * Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    expected === 0 ? rel : tolerance,
  );
}
