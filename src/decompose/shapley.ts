import { Rational } from './rational.ts';

function factorial(n: number): bigint {
  let f = 1n;
  for (let k = 2; k <= n; k++) f *= BigInt(k);
  return f;
}

/**
 * The exact Shapley decomposition of the change of a product of factors, V = x1 x2 ... xn, from
 * the `start` values to the `end` values: factor k's effect is the average, over all n! orders in
 * which the factors switch from start to end, of the change in V when factor k switches. Computed
 * over subsets: effect_k = sum over S ⊆ others of |S|! (n - |S| - 1)! / n! x
 * (V(S ∪ {k} at end) - V(S at end)), all other factors at start. The effects add up to
 * V(end) - V(start) exactly, and swapping start and end negates each one.
 * Reference: Albrecht, François & Schoors (2002), "A Shapley decomposition of carbon emissions
 * without residuals", Energy Policy 30:727-736; Sun (1998) gives the same numbers for n <= 3.
 *
 * @example shapleyProduct([R(2), R(3)], [R(4), R(5)]).map(String) // ['8', '6']: 2 x (3+5)/2 and 2 x (2+4)/2
 */
export function shapleyProduct(start: readonly Rational[], end: readonly Rational[]): Rational[] {
  const n = start.length;
  const nFact = factorial(n);
  const value = (atEnd: number): Rational =>
    start.reduce((acc, s, k) => acc.mul((atEnd >> k) & 1 ? (end[k] ?? s) : s), Rational.ONE);
  const values = Array.from({ length: 1 << n }, (_, mask) => value(mask));
  return start.map((_, k) => {
    let effect = Rational.ZERO;
    for (let mask = 0; mask < 1 << n; mask++) {
      if ((mask >> k) & 1) continue;
      let size = 0;
      for (let b = mask; b > 0; b >>= 1) size += b & 1;
      const weight = Rational.of(factorial(size) * factorial(n - size - 1), nFact);
      const marginal = (values[mask | (1 << k)] ?? Rational.ZERO).sub(values[mask] ?? Rational.ZERO);
      effect = effect.add(weight.mul(marginal));
    }
    return effect;
  });
}
