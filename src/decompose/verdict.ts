import { Rational } from './rational.ts';

/** What drove the change: one family of effects holding most of it, several, or none (flat). */
export type Verdict = 'volume-driven' | 'aov-driven' | 'mix-driven' | 'mixed' | 'flat';

/** The share of the sum of absolute effects that a dominant family must hold. */
export const DOMINANCE = 0.6;

/** The verdict rule as recorded in results. */
export const VERDICT_RULE =
  'Effects are grouped into families: volume (the order-count effect), aov (the AOV effect; within segments when a by-orders segment bridge exists) and mix (mix + new + lost segment lines, only with a by-orders segment bridge). A family holding at least 60 % of the sum of the families’ absolute effects gives its verdict (volume-driven, aov-driven, mix-driven); otherwise the change is mixed. When every effect is zero the verdict is flat.';

/** Each family's share of the sum of absolute effects (null when they are all zero). */
export interface VerdictResult {
  readonly verdict: Verdict;
  readonly shares: {
    readonly volume: number | null;
    readonly aov: number | null;
    readonly mix: number | null;
  };
}

/**
 * The verdict from exact family effects (`mix` is `null` when there is no segment bridge by
 * orders), by {@link VERDICT_RULE}; shares are computed exactly and given as doubles.
 *
 * @example verdictOf(R(-50), R(3), null) // { verdict: 'volume-driven', shares: { volume: 0.943..., aov: 0.056..., mix: null } }
 */
export function verdictOf(volume: Rational, aov: Rational, mix: Rational | null): VerdictResult {
  const families = [volume, aov, mix ?? Rational.ZERO];
  const total = Rational.sum(families.map((f) => f.abs()));
  if (total.isZero()) {
    return { verdict: 'flat', shares: { volume: null, aov: null, mix: null } };
  }
  const share = (f: Rational): Rational => f.abs().div(total);
  const threshold = Rational.fromNumberAsWritten(DOMINANCE);
  const names: Verdict[] = ['volume-driven', 'aov-driven', 'mix-driven'];
  const dominant = families.findIndex((f) => share(f).compare(threshold) >= 0);
  return {
    verdict: dominant < 0 ? 'mixed' : (names[dominant] ?? 'mixed'),
    shares: {
      volume: share(volume).toNumber(),
      aov: share(aov).toNumber(),
      mix: mix === null ? null : share(mix).toNumber(),
    },
  };
}
