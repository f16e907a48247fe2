import { InvalidArgumentError } from '../errors.ts';

/**
 * How a family of p-values is adjusted for multiple comparisons: Holm's step-down
 * (family-wise error), Bonferroni (family-wise error) or Benjamini-Hochberg (false discovery rate).
 */
export type PAdjustMethod = 'holm' | 'bonferroni' | 'bh';

/** The methods of {@link adjustPValues}, for validating user input. */
export const P_ADJUST_METHODS: readonly PAdjustMethod[] = ['holm', 'bonferroni', 'bh'];

/**
 * Adjusts a family of p-values for multiple comparisons, as R `p.adjust(p, method)` with
 * `"holm"`, `"bonferroni"` and `"BH"`; the result is in the input order.
 *
 * Method, with m p-values: Bonferroni min(1, m p_i). Holm (1979, "A simple sequentially
 * rejective multiple test procedure", Scand. J. Statist. 6, 65-70): sort ascending,
 * p_(i) (m - i + 1), running maximum, capped at 1. Benjamini & Hochberg (1995, "Controlling the
 * false discovery rate", JRSS B 57, 289-300): sort descending, p_(i) m / i with i the ascending
 * rank, running minimum, capped at 1. Adjusted p-values are monotone in the raw ones.
 *
 * An empty family gives `[]`.
 *
 * @throws InvalidArgumentError for a p-value that is not a number in [0, 1] or an unknown method.
 *
 * @example adjustPValues([0.01, 0.02, 0.03, 0.04], 'holm') // [0.04, 0.06, 0.06, 0.06] (R p.adjust; a test)
 */
export function adjustPValues(p: readonly number[], method: PAdjustMethod): number[] {
  if (!P_ADJUST_METHODS.includes(method)) {
    throw new InvalidArgumentError(
      `adjustPValues: method must be one of ${P_ADJUST_METHODS.join(', ')}, got ${JSON.stringify(method)}`,
    );
  }
  p.forEach((x, i) => {
    if (typeof x !== 'number' || !(x >= 0 && x <= 1)) {
      throw new InvalidArgumentError(
        `adjustPValues: p-value ${i} must be a number in [0, 1], got ${String(x)}; drop missing p-values first`,
      );
    }
  });
  const m = p.length;
  if (method === 'bonferroni') return p.map((x) => Math.min(1, m * x));
  const ascending = p.map((_, i) => i).sort((a, b) => (p[a] ?? 0) - (p[b] ?? 0));
  const out = new Array<number>(m).fill(0);
  if (method === 'holm') {
    let running = 0;
    ascending.forEach((idx, r) => {
      running = Math.max(running, (m - r) * (p[idx] ?? 0));
      out[idx] = Math.min(1, running);
    });
    return out;
  }
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const idx = ascending[r] ?? 0;
    running = Math.min(running, ((p[idx] ?? 0) * m) / (r + 1));
    out[idx] = running;
  }
  return out;
}
