import { noncentralFLambdaInterval } from '../stats/index.ts';

/** A two-sided interval. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** Effect sizes of a one-way ANOVA with confidence intervals; `null` where not computable. */
export interface OneWayEffectSizes {
  /** SSB / SST (= R^2 of the one-way model). */
  readonly etaSquared: number | null;
  /** (SSB - df1 * MSW) / (SST + MSW), Hays (1963); may be negative, reported as computed. */
  readonly omegaSquared: number | null;
  readonly confidenceLevel: number;
  /** Interval for the noncentrality lambda of the observed F. */
  readonly lambdaInterval: Interval | null;
  readonly etaSquaredInterval: Interval | null;
  readonly omegaSquaredInterval: Interval | null;
  /** Names the interval method, for reports. */
  readonly intervalMethod: 'noncentral-f-inversion';
}

/**
 * Eta squared and omega squared of a one-way ANOVA, with confidence intervals.
 *
 * Method: the interval for the noncentrality lambda of F(df1, df2, lambda) is found by
 * inversion (lambda with P(F <= f | lambda) = (1 + level) / 2 and (1 - level) / 2, lower clipped
 * at 0), and each end is mapped by lambda / (lambda + N) to the population proportion of
 * variance explained (Steiger, J. H. 2004, "Beyond the F test: effect size confidence intervals
 * and tests of close fit in the analysis of variance and contrast analysis", Psychological
 * Methods 9(2), 164-182). Omega squared estimates the same population quantity; written in F,
 * omega^2 = df1 (F - 1) / (df1 (F - 1) + N), and at the F whose excess over 1 carries the
 * noncentrality, df1 (F - 1) = lambda, it is again lambda / (lambda + N): so both intervals are
 * the same interval, given under both names.
 *
 * Returns `null` intervals when F is not computable (no within-group variation or df2 = 0).
 *
 * @example oneWayEffectSizes({ ssBetween: 3.76634, ssWithin: 10.49209, dfBetween: 2, dfWithin: 27 }, 0.95)
 * // etaSquared 0.2641483, interval [0.009904, 0.463896] (R: reference.R, PlantGrowth)
 */
export function oneWayEffectSizes(
  table: {
    readonly ssBetween: number;
    readonly ssWithin: number;
    readonly dfBetween: number;
    readonly dfWithin: number;
  },
  confidenceLevel: number,
): OneWayEffectSizes {
  const { ssBetween, ssWithin, dfBetween, dfWithin } = table;
  const n = dfBetween + dfWithin + 1;
  const ssTotal = ssBetween + ssWithin;
  const msWithin = dfWithin > 0 ? ssWithin / dfWithin : Number.NaN;
  const etaSquared = ssTotal > 0 ? ssBetween / ssTotal : null;
  const omegaSquared =
    ssTotal > 0 && Number.isFinite(msWithin)
      ? (ssBetween - dfBetween * msWithin) / (ssTotal + msWithin)
      : null;
  const f = dfWithin > 0 && ssWithin > 0 ? ssBetween / dfBetween / msWithin : null;
  let lambdaInterval: Interval | null = null;
  if (f !== null && Number.isFinite(f)) {
    const { lower, upper } = noncentralFLambdaInterval(f, dfBetween, dfWithin, confidenceLevel);
    lambdaInterval = { lower, upper };
  }
  const toProportion = (i: Interval | null): Interval | null =>
    i === null ? null : { lower: i.lower / (i.lower + n), upper: i.upper / (i.upper + n) };
  const proportion = toProportion(lambdaInterval);
  return {
    etaSquared,
    omegaSquared,
    confidenceLevel,
    lambdaInterval,
    etaSquaredInterval: proportion,
    omegaSquaredInterval: proportion,
    intervalMethod: 'noncentral-f-inversion',
  };
}
