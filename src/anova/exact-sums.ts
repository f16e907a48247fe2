import { Rational } from '../decompose/rational.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { GroupDescription, GroupSample, GroupSummary, SumsMethod } from './types.ts';
import { checkGroups, checkValues } from './validate.ts';

/** Per-group moments every test of the family starts from (internal, not a result). */
export interface GroupMoments extends GroupDescription {
  /** Sum of squared deviations from the group mean. */
  readonly sumSqDev: number;
}

/** Moments of all groups plus the one-way sums of squares, each a double formed once. */
export interface MomentSet {
  readonly method: SumsMethod;
  readonly groups: readonly GroupMoments[];
  readonly n: number;
  readonly ssBetween: number;
  readonly ssWithin: number;
}

function decimal(fn: string, group: string, field: string, text: string): Rational {
  try {
    return Rational.fromDecimal(text);
  } catch {
    throw new InvalidArgumentError(
      `${fn}: group "${group}" ${field} must be exact decimal text such as '1234.5000', got ${JSON.stringify(text)}`,
    );
  }
}

/**
 * Moments from exact decimal sums (`n`, `sum`, `sumSquares` per group).
 *
 * Method: with S_i and Q_i the exact group sums, the within sum of squares is
 * sum_i (Q_i - S_i^2 / n_i) and the between one sum_i S_i^2 / n_i - S^2 / N, both evaluated as
 * bigint rationals (`Rational`), so they are exact; each is converted to a double once, which is
 * where the only rounding happens (a relative error of a few 1e-16). Means and variances are
 * exact rationals rounded once as well.
 *
 * @throws InsufficientDataError with fewer than two groups or a group with n = 0.
 * @throws InvalidArgumentError for a bad count, non-decimal text, or sums that no real data can
 *   give (sumSquares < sum^2 / n).
 */
export function momentsFromSummaries(fn: string, summaries: readonly GroupSummary[]): MomentSet {
  checkGroups(fn, summaries);
  let total = Rational.ZERO;
  let n = 0;
  let ssWithin = Rational.ZERO;
  let sumOfSquaredTotalsOverN = Rational.ZERO;
  const groups: GroupMoments[] = [];
  for (const s of summaries) {
    if (!Number.isSafeInteger(s.n) || s.n < 0) {
      throw new InvalidArgumentError(
        `${fn}: group "${s.group}" n must be a non-negative integer, got ${String(s.n)}`,
      );
    }
    if (s.n === 0) checkValues(fn, s.group, []);
    const sum = decimal(fn, s.group, 'sum', s.sum);
    const sumSquares = decimal(fn, s.group, 'sumSquares', s.sumSquares);
    const count = Rational.fromInt(s.n);
    const squaredTotalOverN = sum.mul(sum).div(count);
    let sumSqDev = sumSquares.sub(squaredTotalOverN);
    // Floating-point sums of a constant group can land an ulp below sum^2 / n.
    if (
      sumSqDev.sign() < 0 &&
      s.approximate === true &&
      sumSqDev.abs().toNumber() <= 1e-8 * Math.max(Math.abs(sumSquares.toNumber()), Number.MIN_VALUE)
    ) {
      sumSqDev = Rational.ZERO;
    }
    if (sumSqDev.sign() < 0) {
      throw new InvalidArgumentError(
        `${fn}: group "${s.group}" sumSquares ${s.sumSquares} is below sum^2 / n = ${squaredTotalOverN.toNumber()}; the sums do not come from one set of values`,
      );
    }
    total = total.add(sum);
    n += s.n;
    ssWithin = ssWithin.add(sumSqDev);
    sumOfSquaredTotalsOverN = sumOfSquaredTotalsOverN.add(squaredTotalOverN);
    groups.push({
      group: s.group,
      n: s.n,
      mean: (s.shift === undefined
        ? sum.div(count)
        : sum.div(count).add(decimal(fn, s.group, 'shift', s.shift))
      ).toNumber(),
      variance: s.n > 1 ? sumSqDev.div(Rational.fromInt(s.n - 1)).toNumber() : null,
      sumSqDev: sumSqDev.toNumber(),
    });
  }
  const ssBetween = sumOfSquaredTotalsOverN.sub(total.mul(total).div(Rational.fromInt(n)));
  return {
    method: 'exact-decimal',
    groups,
    n,
    ssBetween: ssBetween.toNumber(),
    ssWithin: ssWithin.toNumber(),
  };
}

/**
 * Moments from doubles, for `oneWayAnova(groups)` and friends.
 *
 * Method: shifted, corrected two-pass (Chan, Golub & LeVeque 1983, "Algorithms for computing the
 * sample variance", The American Statistician 37(3)). Every value is first shifted by the first
 * value of the first group, so that a large common offset (1e12 + small) cancels before any
 * sum; then per group the mean of the shifted values, and the squared deviations from it with the
 * correction term (sum of deviations)^2 / n; the between sum of squares is formed from the
 * shifted group means. Sums of squares are invariant to the shift.
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value or a repeated group name.
 */
export function momentsFromSamples(fn: string, samples: readonly GroupSample[]): MomentSet {
  checkGroups(fn, samples);
  for (const s of samples) checkValues(fn, s.group, s.values);
  const shift = samples[0]?.values[0] ?? 0;
  let n = 0;
  let shiftedTotal = 0;
  let ssWithin = 0;
  const shiftedMeans: number[] = [];
  const groups: GroupMoments[] = [];
  for (const s of samples) {
    let sum = 0;
    for (const v of s.values) sum += v - shift;
    const shiftedMean = sum / s.values.length;
    let squares = 0;
    let deviations = 0;
    for (const v of s.values) {
      const d = v - shift - shiftedMean;
      squares += d * d;
      deviations += d;
    }
    const sumSqDev = Math.max(0, squares - (deviations * deviations) / s.values.length);
    n += s.values.length;
    shiftedTotal += sum;
    ssWithin += sumSqDev;
    shiftedMeans.push(shiftedMean);
    groups.push({
      group: s.group,
      n: s.values.length,
      mean: shift + shiftedMean,
      variance: s.values.length > 1 ? sumSqDev / (s.values.length - 1) : null,
      sumSqDev,
    });
  }
  const grand = shiftedTotal / n;
  let ssBetween = 0;
  groups.forEach((g, i) => {
    const d = (shiftedMeans[i] ?? 0) - grand;
    ssBetween += g.n * d * d;
  });
  return { method: 'shifted-two-pass', groups, n, ssBetween, ssWithin };
}

/** The public part of a group's moments. */
export function describeGroup(g: GroupMoments): GroupDescription {
  return { group: g.group, n: g.n, mean: g.mean, variance: g.variance };
}
