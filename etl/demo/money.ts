/**
 * Money in the demo generator is whole cents (integers), so sums and discounts stay exact; it
 * becomes text with two decimals only when written.
 */
import { TWO_DIGITS } from './calendar.ts';

/**
 * Cents as a contract money text with two decimals.
 *
 * @example formatCents(1999) // '19.99'
 * @example formatCents(5) // '0.05'
 */
export function formatCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole}.${TWO_DIGITS[cents - whole * 100]}`;
}

/**
 * A retail price near `cents`: mostly `x.99`, sometimes `x.49` or a whole amount.
 *
 * @example psychologicalPrice(2034, 0.1) // 1999
 */
export function psychologicalPrice(cents: number, u: number): number {
  const euros = Math.max(1, Math.round(cents / 100));
  if (u < 0.7) return euros * 100 - 1;
  if (u < 0.8) return euros * 100 - 51;
  return euros * 100;
}
