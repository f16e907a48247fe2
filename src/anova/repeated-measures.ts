import { InvalidArgumentError } from '../errors.ts';
import { fUpperTail } from '../stats/index.ts';
import { completeSubjects, type RepeatedMeasuresRow } from './rm-complete-subjects.ts';
import { covarianceFromMoments, covarianceFromValues, type LevelCovariance } from './rm-covariance.ts';
import { sphericity } from './rm-sphericity.ts';
import type {
  CorrectedTest,
  RepeatedMeasuresInput,
  RepeatedMeasuresOptions,
  RepeatedMeasuresResult,
  SphericityCorrection,
} from './rm-types.ts';
import { checkLevelsAndSubjects } from './rm-validate.ts';
import type { AnovaWarning } from './types.ts';

/** Girden's threshold: below it Huynh-Feldt is too liberal and Greenhouse-Geisser is preferred. */
const GIRDEN_THRESHOLD = 0.75;
const CORRECTIONS: readonly string[] = ['auto', 'none', 'greenhouse-geisser', 'huynh-feldt'];

/**
 * One-factor repeated-measures analysis of variance (e.g. the same customers over seasons), with
 * Mauchly's test of sphericity and the Greenhouse-Geisser and Huynh-Feldt corrections, as R
 * `aov(value ~ level + Error(subject / level))` and `car::Anova(..., idesign = ~level)`.
 *
 * Method: subjects missing a level are dropped (counted), several rows of a subject at one level
 * are averaged; level means and covariance Sigma by two passes. SS levels = n sum (mean_l - grand)^2,
 * SS subjects = (n - 1) 1^T Sigma 1 / k (= sum_i T_i^2 / k - G^2 / (nk)), SS error = (n - 1) tr(H Sigma H);
 * F on (k - 1, (n - 1)(k - 1)) df. Sphericity and epsilons: see `sphericity` (Box 1954; Greenhouse &
 * Geisser 1959; Huynh & Feldt 1976, equal to Lecoutre 1991 for one group). Recommended correction
 * (Girden, E. R. 1992, "ANOVA: Repeated Measures", Sage QASS 84): GG when its epsilon < 0.75, else
 * HF, whatever Mauchly's p (its power is poor in small samples and too high in large ones).
 * Effect sizes: generalized eta squared (Olejnik & Algina 2003, Psych. Methods 8, 434-447;
 * Bakeman 2005) and partial eta squared.
 *
 * Returns `f`, p-values, epsilons and effect sizes `null`, with a warning, when there is no error
 * variance (every subject's profile is the mean profile plus a constant).
 *
 * @throws InvalidArgumentError for a malformed row, a non-finite value or an unknown correction.
 * @throws InsufficientDataError with fewer than two levels or two complete subjects.
 * @example repeatedMeasuresAnova(co2Rows).f // 57.6763 on 6 and 66 df; GG epsilon 0.2382, HF 0.2639 (R aov, car::Anova)
 */
export function repeatedMeasuresAnova(
  data: readonly RepeatedMeasuresRow[],
  options: RepeatedMeasuresOptions = {},
): RepeatedMeasuresResult {
  const correction = checkCorrection('repeatedMeasuresAnova', options);
  const table = completeSubjects('repeatedMeasuresAnova', data);
  const result = rmCore(table.levels, covarianceFromValues(table.values), 0, correction);
  return { ...result, droppedSubjects: table.droppedSubjects, averagedCells: table.averagedCells };
}

/**
 * The same analysis from sufficient statistics over the complete subjects, e.g. from a DuckDB
 * query: per level `sum(x)` and per pair `sum(x_l * x_m)`, of values minus `shift`.
 *
 * @throws InvalidArgumentError for non-finite numbers, wrong shapes, an asymmetric or
 *   inconsistent crossProducts matrix, or an unknown correction.
 * @throws InsufficientDataError with fewer than two levels or two subjects.
 * @example repeatedMeasuresAnovaFromMoments({ levels: ['a', 'b'], subjects: 3, sums: [6, 10],
 *   crossProducts: [[14, 22], [22, 36]] }).f // 16: a = 1, 2, 3 and b = 2, 4, 4, paired t = 4 (by hand; a test)
 */
export function repeatedMeasuresAnovaFromMoments(
  input: RepeatedMeasuresInput,
  options: RepeatedMeasuresOptions = {},
): RepeatedMeasuresResult {
  const fn = 'repeatedMeasuresAnovaFromMoments';
  const correction = checkCorrection(fn, options);
  checkLevelsAndSubjects(fn, input.levels, input.subjects);
  if (!Array.isArray(input.sums) || input.sums.length !== input.levels.length)
    throw new InvalidArgumentError(
      `${fn}: expected ${input.levels.length} sums (one per level), got ${String(input.sums?.length)}`,
    );
  const shift = input.shift ?? 0;
  if (typeof shift !== 'number' || !Number.isFinite(shift))
    throw new InvalidArgumentError(`${fn}: shift must be a finite number, got ${String(shift)}`);
  const cov = covarianceFromMoments(fn, input.subjects, input.sums, input.crossProducts);
  return rmCore(input.levels, cov, shift, correction);
}

function checkCorrection(fn: string, options: RepeatedMeasuresOptions): 'auto' | SphericityCorrection {
  const c = options.correction ?? 'auto';
  if (!CORRECTIONS.includes(c))
    throw new InvalidArgumentError(
      `${fn}: correction must be one of ${CORRECTIONS.join(', ')}, got ${String(c)}`,
    );
  return c;
}

function rmCore(
  levels: readonly string[],
  cov: LevelCovariance,
  shift: number,
  correction: 'auto' | SphericityCorrection,
): RepeatedMeasuresResult {
  const { n, means, covariance } = cov;
  const k = levels.length;
  const grand = means.reduce((s, m) => s + m, 0) / k;
  const ssLevels = n * means.reduce((s, m) => s + (m - grand) ** 2, 0);
  const sumAll = covariance.reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);
  const ssSubjects = Math.max(0, ((n - 1) * sumAll) / k);
  const sph = sphericity(covariance, n);
  const traceAll = covariance.reduce((s, row, l) => s + (row[l] ?? 0), 0);
  const noError = !(sph.traceCentred > 1e-12 * traceAll);
  const ssError = noError ? 0 : (n - 1) * sph.traceCentred;
  const df1 = k - 1;
  const df2 = (n - 1) * (k - 1);
  const warnings: AnovaWarning[] = [];
  let f: number | null = null;
  if (noError) {
    warnings.push({
      code: 'zero-error-variance',
      message:
        ssLevels === 0
          ? 'every subject has the same profile across levels and the level means are equal: F is undefined'
          : 'every subject has the same profile across levels (no subject-by-level variation): F is infinite and reported as null',
    });
  } else {
    f = (ssLevels * df2) / (ssError * df1);
  }
  const corrected = (epsilon: number): CorrectedTest => ({
    epsilon,
    df1: epsilon * df1,
    df2: epsilon * df2,
    pValue: f === null ? null : fUpperTail(f, epsilon * df1, epsilon * df2),
  });
  const gg = noError || sph.greenhouseGeisser === null ? null : corrected(sph.greenhouseGeisser);
  const hfRaw = noError ? null : sph.huynhFeldtUncapped;
  const hf = hfRaw === null ? null : { ...corrected(Math.min(1, hfRaw)), epsilonUncapped: hfRaw };
  if (!noError && k > 2 && hf === null)
    warnings.push({
      code: 'huynh-feldt-undefined',
      message: `the Huynh-Feldt epsilon is undefined with ${n} subjects and ${k} levels (n - 1 <= (k - 1) epsilon)`,
    });
  if (!noError && k > 2 && sph.mauchly?.chiSquared === null)
    warnings.push({
      code: 'mauchly-singular',
      message: `the contrast covariance is singular (${n} subjects for ${k} levels?): Mauchly's W is 0 and its test is undefined`,
    });
  const chosen = chooseCorrection(correction, k, gg, hf);
  const ssTotal = ssLevels + ssSubjects + ssError;
  const ms = (ss: number, df: number) => (df > 0 ? ss / df : null);
  return {
    kind: 'repeated-measures-anova',
    options: { correction },
    levels: levels.map((level, l) => ({ level, mean: (means[l] ?? 0) + shift })),
    subjects: n,
    droppedSubjects: 0,
    averagedCells: 0,
    table: {
      levels: { df: df1, sumSq: ssLevels, meanSq: ms(ssLevels, df1) },
      subjects: { df: n - 1, sumSq: ssSubjects, meanSq: ms(ssSubjects, n - 1) },
      error: { df: df2, sumSq: ssError, meanSq: ms(ssError, df2) },
      total: { df: n * k - 1, sumSq: ssTotal },
    },
    f,
    pValue: f === null ? null : fUpperTail(f, df1, df2),
    sphericity: { mauchly: noError ? null : sph.mauchly, greenhouseGeisser: gg, huynhFeldt: hf },
    correction:
      chosen.test === null
        ? {
            method: chosen.method,
            rule: chosen.rule,
            df1,
            df2,
            // a requested correction whose epsilon is undefined gives no p rather than an uncorrected one
            pValue: f === null || chosen.method !== 'none' ? null : fUpperTail(f, df1, df2),
          }
        : {
            method: chosen.method,
            rule: chosen.rule,
            df1: chosen.test.df1,
            df2: chosen.test.df2,
            pValue: chosen.test.pValue,
          },
    effectSize: {
      generalizedEtaSquared: noError || ssTotal === 0 ? null : ssLevels / ssTotal,
      partialEtaSquared: noError ? null : ssLevels / (ssLevels + ssError),
    },
    warnings,
  };
}

function chooseCorrection(
  requested: 'auto' | SphericityCorrection,
  k: number,
  gg: CorrectedTest | null,
  hf: CorrectedTest | null,
): { method: SphericityCorrection; rule: string; test: CorrectedTest | null } {
  if (requested === 'none') return { method: 'none', rule: 'requested', test: null };
  if (requested === 'greenhouse-geisser') return { method: requested, rule: 'requested', test: gg };
  if (requested === 'huynh-feldt') return { method: requested, rule: 'requested', test: hf };
  if (k === 2) return { method: 'none', rule: 'two levels: one contrast, sphericity holds', test: null };
  if (gg === null) return { method: 'none', rule: 'no error variance: epsilon is undefined', test: null };
  if (gg.epsilon < GIRDEN_THRESHOLD || hf === null)
    return {
      method: 'greenhouse-geisser',
      rule: 'Greenhouse-Geisser epsilon < 0.75 (Girden 1992)',
      test: gg,
    };
  return {
    method: 'huynh-feldt',
    rule: 'Greenhouse-Geisser epsilon >= 0.75: Huynh-Feldt (Girden 1992)',
    test: hf,
  };
}
