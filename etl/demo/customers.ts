/**
 * Demo customers. Customers are numbered in signup order, so "customers signed up by day d" is
 * a prefix `[0, signedUpBy(d))`. Their attributes are drawn from a stream of their own
 * (`rngFor(seed, 'customer', index)`), so a row can be rebuilt at any time without keeping
 * customers in memory: that is how a customer is re-sent after moving.
 */
import { csvField } from './csv-writer.ts';
import { COUNTRIES, type CountrySeed } from './geography.ts';
import { allocate } from './period.ts';
import { type Rng, rngFor, WeightedSampler } from './random.ts';
import type { TimestampFormatter } from './timestamps.ts';

/** Days before the period in which the customers who were already there signed up. */
const HISTORY_DAYS = 730;
/** Share of all customers who signed up before the period. */
const EXISTING_SHARE = 0.45;

/** When customers sign up, as cumulative counts by day. */
export interface CustomerPlan {
  readonly total: number;
  /** The first day on which a customer signs up. */
  readonly firstDay: number;
  /** `cumulative[i]` = customers who signed up on or before day `firstDay + i`. */
  readonly cumulative: Int32Array;
}

/** How many customers a shop with `orders` orders has: about one per three orders. */
export function customerCount(orders: number): number {
  return Math.max(5, Math.round(orders / 3));
}

/**
 * Plans signups: 45 % of the customers spread evenly over the two years before the period, the
 * rest over the period, following the daily demand `weights` (one per period day).
 */
export function planCustomers(orders: number, startDay: number, weights: Float64Array): CustomerPlan {
  const total = customerCount(orders);
  const existing = Math.max(1, Math.round(total * EXISTING_SHARE));
  const before = allocate(existing, new Float64Array(HISTORY_DAYS).fill(1));
  const during = allocate(total - existing, weights);
  const cumulative = new Int32Array(HISTORY_DAYS + weights.length);
  let sum = 0;
  for (let i = 0; i < cumulative.length; i++) {
    sum += (i < HISTORY_DAYS ? before[i] : during[i - HISTORY_DAYS]) as number;
    cumulative[i] = sum;
  }
  return { total, firstDay: startDay - HISTORY_DAYS, cumulative };
}

/** Customers who signed up on or before `day`. */
export function signedUpBy(plan: CustomerPlan, day: number): number {
  const i = day - plan.firstDay;
  if (i < 0) return 0;
  return plan.cumulative[Math.min(i, plan.cumulative.length - 1)] as number;
}

/** Customer id of an index: `C` and eight digits. */
export function customerId(index: number): string {
  return `C${String(index + 1).padStart(8, '0')}`;
}

/** Visitor id (events) of a visitor number: `V` and eight digits; customers browse as their own number. */
export function visitorId(index: number): string {
  return `V${String(index + 1).padStart(8, '0')}`;
}

const countrySampler = new WeightedSampler(COUNTRIES.map((c) => c.share));

function pickPlace(rng: Rng, country: CountrySeed): readonly [string, string] {
  const [region, cities] = rng.pick(country.regions);
  const city = rng.pick(cities);
  return [rng.chance(0.04) ? '' : region, rng.chance(0.02) ? '' : city];
}

/** What is unusual about one written customer row. */
export interface CustomerRowOptions {
  /** The customer moved: a new region and city in the same country (a re-sent row). */
  readonly moved: boolean;
  /** A birth_date text that is not a date, replacing the real one (a kept, nulled value). */
  readonly badBirthDate: string | null;
}

/**
 * The customer row `customer_id,gender,birth_date,country,region,city,signup_date` of customer
 * `index`, who signed up on `signupDay`.
 */
export function customerRow(
  seed: number,
  index: number,
  signupDay: number,
  periodStart: number,
  format: TimestampFormatter,
  options: CustomerRowOptions,
): string {
  const rng = rngFor(seed, 'customer', index);
  const g = rng.next();
  const gender = g < 0.49 ? 'female' : g < 0.92 ? 'male' : g < 0.94 ? 'other' : '';
  const age = 18 + ((rng.next() + rng.next()) / 2) * 62;
  const birthDay = periodStart - Math.round(age * 365.25) + rng.int(365);
  const birthKnown = !rng.chance(0.08);
  const country = COUNTRIES[countrySampler.sample(rng)] as CountrySeed;
  let [region, city] = pickPlace(rng, country);
  if (options.moved) {
    const moves = rngFor(seed, 'customer-moved', index);
    const before = city;
    for (let tries = 0; tries < 8 && city === before; tries++) [region, city] = pickPlace(moves, country);
  }
  const birth = options.badBirthDate ?? (birthKnown ? format.date(birthDay) : '');
  const signup = format.date(signupDay);
  return `${customerId(index)},${gender},${csvField(birth)},${country.code},${csvField(region)},${csvField(city)},${signup}`;
}

/** The signup day of customer `index` (binary search in the plan). */
export function signupDayOf(plan: CustomerPlan, index: number): number {
  let lo = 0;
  let hi = plan.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((plan.cumulative[mid] as number) > index) hi = mid;
    else lo = mid + 1;
  }
  return plan.firstDay + lo;
}
