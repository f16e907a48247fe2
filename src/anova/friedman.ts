import { Rational } from '../decompose/rational.ts';
import { InvalidArgumentError } from '../errors.ts';
import { chiSquaredUpperTail } from '../stats/index.ts';
import { completeSubjects, type RepeatedMeasuresRow } from './rm-complete-subjects.ts';
import { checkLevelsAndSubjects } from './rm-validate.ts';
import type { AnovaWarning } from './types.ts';

/** Rank sums of a repeated-measures design, ranks taken within each subject (midranks for ties). */
export interface FriedmanRanksInput {
  /** The k >= 2 levels, distinct. */
  readonly levels: readonly string[];
  /** n >= 2 complete subjects. */
  readonly subjects: number;
  /** Per level: the sum over subjects of the level's within-subject rank (integers or halves). */
  readonly rankSums: readonly number[];
  /** Sum over subjects of the sum over their tie groups of (t^3 - t); 0 without ties. */
  readonly tieTerm: number;
}

/** Result of `friedmanTest` / `friedmanFromRanks`. */
export interface FriedmanResult {
  readonly kind: 'friedman';
  readonly levels: readonly { readonly level: string; readonly rankSum: number; readonly meanRank: number }[];
  /** Complete subjects used. */
  readonly subjects: number;
  /** Subjects dropped for missing a level (raw door only; 0 from rank sums). */
  readonly droppedSubjects: number;
  /** Subject-level cells with several rows, averaged before ranking (raw door only). */
  readonly averagedCells: number;
  readonly tieTerm: number;
  /** Friedman's chi-squared, tie-corrected; `null` (with a warning) when every subject is all tied. */
  readonly chiSquared: number | null;
  readonly df: number;
  /** Upper tail of chi-squared(k - 1) at `chiSquared` (large-sample approximation). */
  readonly pValue: number | null;
  /** Kendall's coefficient of concordance W = chiSquared / (n (k - 1)), in [0, 1]; `null` with it. */
  readonly kendallW: number | null;
  readonly warnings: readonly AnovaWarning[];
}

/**
 * The Friedman rank test that k related levels (e.g. seasons, measured on the same customers)
 * have one distribution (Friedman, M. 1937, "The use of ranks to avoid the assumption of normality
 * implicit in the analysis of variance", JASA 32, 675-701), as R `friedman.test`.
 *
 * Method: subjects missing a level are dropped (counted in `droppedSubjects`), several rows of a
 * subject at one level are averaged; values are ranked within each subject (midranks);
 * chi^2 = 12 sum_j (R_j - n (k + 1) / 2)^2 / (n k (k + 1) - sum (t^3 - t) / (k - 1)), formed exactly
 * and rounded once; p from the chi-squared(k - 1) upper tail. Effect size Kendall's W =
 * chi^2 / (n (k - 1)) (Kendall, M. G. & Babington Smith, B. 1939, Ann. Math. Stat. 10, 275-287).
 *
 * @throws InvalidArgumentError for a malformed row or non-finite value.
 * @throws InsufficientDataError with fewer than two levels or two complete subjects.
 * @example friedmanTest(roundingTimes) // chiSquared 11.14286, df 2, p 0.003805 (R friedman.test example)
 */
export function friedmanTest(data: readonly RepeatedMeasuresRow[]): FriedmanResult {
  const table = completeSubjects('friedmanTest', data);
  const k = table.levels.length;
  const rankSums = table.levels.map(() => 0);
  let tieTerm = 0;
  for (const row of table.values) {
    const order = row.map((v, l) => ({ v, l })).sort((a, b) => a.v - b.v);
    for (let i = 0; i < k; ) {
      let j = i;
      while (j + 1 < k && order[j + 1]?.v === order[i]?.v) j++;
      const t = j - i + 1;
      for (let r = i; r <= j; r++) {
        const l = order[r]?.l ?? 0;
        rankSums[l] = (rankSums[l] ?? 0) + (i + j + 2) / 2;
      }
      tieTerm += t * t * t - t;
      i = j + 1;
    }
  }
  const result = friedmanCore('friedmanTest', {
    levels: table.levels,
    subjects: table.subjects.length,
    rankSums,
    tieTerm,
  });
  return { ...result, droppedSubjects: table.droppedSubjects, averagedCells: table.averagedCells };
}

/**
 * The same test from within-subject rank sums, e.g. computed in SQL with
 * `rank() over (partition by subject order by v)` plus half the tie size minus one, and the tie
 * term `sum(t * t * t - t)` over the (subject, value) counts t.
 *
 * @throws InsufficientDataError with fewer than two levels or two subjects.
 * @throws InvalidArgumentError for repeated levels, rank sums that are not halves, outside
 *   [n, n k] or not adding up to n k (k + 1) / 2, or a tie term outside [0, n (k^3 - k)].
 * @example friedmanFromRanks({ levels: ['a', 'b'], subjects: 3, rankSums: [3, 6], tieTerm: 0 }).chiSquared // 3 (by hand)
 */
export function friedmanFromRanks(input: FriedmanRanksInput): FriedmanResult {
  return friedmanCore('friedmanFromRanks', input);
}

function friedmanCore(fn: string, input: FriedmanRanksInput): FriedmanResult {
  const { levels, subjects: n, rankSums, tieTerm } = input;
  checkLevelsAndSubjects(fn, levels, n);
  const k = levels.length;
  if (!Array.isArray(rankSums) || rankSums.length !== k) {
    throw new InvalidArgumentError(
      `${fn}: expected ${k} rank sums (one per level), got ${String(rankSums?.length)}`,
    );
  }
  const centre = Rational.fromInt(n * (k + 1)).div(Rational.fromInt(2));
  let total = Rational.ZERO;
  let squares = Rational.ZERO;
  rankSums.forEach((r, j) => {
    if (!Number.isFinite(r) || !Number.isInteger(2 * r) || r < n || r > n * k) {
      throw new InvalidArgumentError(
        `${fn}: rank sum of level "${levels[j]}" must be a multiple of 1/2 in [${n}, ${n * k}], got ${String(r)}`,
      );
    }
    const rr = Rational.fromNumber(r);
    total = total.add(rr);
    const d = rr.sub(centre);
    squares = squares.add(d.mul(d));
  });
  const expected = centre.mul(Rational.fromInt(k));
  if (!total.equals(expected)) {
    throw new InvalidArgumentError(
      `${fn}: rank sums add up to ${total.toNumber()}, but ${n} subjects ranking 1..${k} add up to ${expected.toNumber()}`,
    );
  }
  if (!Number.isSafeInteger(tieTerm) || tieTerm < 0 || tieTerm > n * (k * k * k - k)) {
    throw new InvalidArgumentError(
      `${fn}: tieTerm must be an integer in [0, n (k^3 - k)] = [0, ${n * (k * k * k - k)}], got ${String(tieTerm)}`,
    );
  }
  const denominator = Rational.fromInt(n * k * (k + 1)).sub(
    Rational.fromInt(tieTerm).div(Rational.fromInt(k - 1)),
  );
  const warnings: AnovaWarning[] = [];
  let chiSquared: number | null = null;
  if (denominator.sign() <= 0) {
    warnings.push({
      code: 'all-tied',
      message:
        'every subject has the same value at every level, so ranks carry no information: chi-squared is undefined',
    });
  } else {
    chiSquared = Rational.fromInt(12).mul(squares).div(denominator).toNumber();
  }
  const df = k - 1;
  return {
    kind: 'friedman',
    levels: levels.map((level, j) => ({
      level,
      rankSum: rankSums[j] ?? 0,
      meanRank: (rankSums[j] ?? 0) / n,
    })),
    subjects: n,
    droppedSubjects: 0,
    averagedCells: 0,
    tieTerm,
    chiSquared,
    df,
    pValue: chiSquared === null ? null : chiSquaredUpperTail(chiSquared, df),
    kendallW: chiSquared === null ? null : chiSquared / (n * df),
    warnings,
  };
}
