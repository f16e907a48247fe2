import { InvalidArgumentError } from '../errors.ts';
import { allocateCents, formatCents, roundToCents } from './cents.ts';
import { checkFactors, FACTOR_RULE, type Factor, factorShapley, type Levels } from './factors.ts';
import { type DecomposeInput, readLevels, readSegments } from './input.ts';
import { twoFactorLmdi } from './lmdi.ts';
import { periodDays } from './periods.ts';
import { Rational } from './rational.ts';
import type {
  DecomposeMethod,
  DecompositionResult,
  DecompositionWarning,
  FactorBridge,
  PeriodSummary,
  TwoFactorBridge,
} from './result.ts';
import { buildSegmentBridge } from './segment-bridge.ts';
import { describeChange } from './sentence.ts';
import { type CountRevenue, twoFactorSequential, twoFactorShapley } from './two-factor.ts';
import { VERDICT_RULE, verdictOf } from './verdict.ts';

export type { Factor } from './factors.ts';
export type { DecomposeInput, PeriodFigures, SegmentFigures } from './input.ts';
export type { DecomposeMethod, DecompositionResult } from './result.ts';

/**
 * Options of {@link decomposeTotals}. Defaults: `method` `'shapley'`, no factor bridge,
 * `driverShare` 0.8. All are recorded in the result.
 */
export interface DecomposeOptions {
  readonly method?: DecomposeMethod;
  readonly factors?: readonly Factor[];
  readonly driverShare?: number;
}

const METHODS: readonly DecomposeMethod[] = ['shapley', 'lmdi', 'sequential'];

/** The rounding rule as recorded in results. */
export const ROUNDING_RULE =
  'Effects are exact rationals. Start and end are rounded to cents half away from zero and change = end - start in cents; every list of effects (each method, the factor bridge, the segment bridge, each segment column) is rounded to cents by the largest-remainder method so that it adds up exactly to its total: each effect is rounded half away from zero, then the residue goes one cent at a time to the effects rounded down the most (up the most for a negative residue), ties to the larger absolute effect, then the earlier one. Segment rows are then made to add up to their own change (segment end - start, themselves allocated to the totals) by moving single cents within a column. LMDI effects are computed in doubles and reconciled the same way to the exact change.';

function checkOptions(options: DecomposeOptions): {
  method: DecomposeMethod;
  factors: Factor[] | null;
  share: number;
} {
  const method = options.method ?? 'shapley';
  if (!METHODS.includes(method)) {
    throw new InvalidArgumentError(
      `decomposeTotals: unknown method ${JSON.stringify(method)}; choose from ${METHODS.join(', ')}`,
    );
  }
  const share = options.driverShare ?? 0.8;
  if (typeof share !== 'number' || !(share > 0 && share <= 1)) {
    throw new InvalidArgumentError(`decomposeTotals: driverShare must be in (0, 1], got ${share}`);
  }
  const factors = options.factors === undefined ? null : checkFactors(options.factors);
  return { method, factors, share };
}

function summary(levels: Levels, days: number): PeriodSummary {
  return {
    revenue: formatCents(roundToCents(levels.revenue)),
    orders: Number(levels.orders.num),
    customers: Number(levels.customers.num),
    units: Number(levels.units.num),
    aov: levels.orders.isZero() ? null : levels.revenue.div(levels.orders).toNumber(),
    days,
  };
}

function twoCents(effects: { volume: Rational; aov: Rational }, change: bigint): TwoFactorBridge {
  const [volume = 0n, aov = 0n] = allocateCents([effects.volume, effects.aov], change);
  return { volume: formatCents(volume), aov: formatCents(aov) };
}

function factorBridge(factors: readonly Factor[], start: Levels, end: Levels, change: bigint): FactorBridge {
  const terms = factorShapley(factors, start, end);
  const cents = allocateCents(
    terms.map((t) => t.effect),
    change,
  );
  return {
    method: 'shapley',
    rule: FACTOR_RULE,
    factors: terms.map((t, i) => ({
      name: t.name,
      definition: t.denominator === null ? t.numerator : `${t.numerator} / ${t.denominator}`,
      start: t.start?.toNumber() ?? null,
      end: t.end?.toNumber() ?? null,
      effect: formatCents(cents[i] ?? 0n),
    })),
  };
}

/**
 * Explains a revenue change between two periods from their totals (and optional segment totals):
 * the pure core of `shopstat decompose`, which the warehouse verb calls with rows from SQL.
 *
 * - Two factors, revenue = valid orders x AOV, split with no residual by the chosen `method`
 *   (Shapley/midpoint by default, LMDI-I, or sequential volume-first), with every method's split in
 *   `methods` for comparison (sequential in both orders).
 * - With `factors`, a Shapley bridge over customers x frequency x basket x price or a subset
 *   (see `FACTOR_RULE` in `factors.ts`).
 * - With segments, the segment-mix bridge (volume, within-segment AOV, mix, new and lost segment
 *   lines), drivers and a verdict; line-level dimensions use basis `'units'`
 *   (revenue = units x revenue per unit) and say so.
 *
 * Effects are exact rationals rounded once to cents that add up exactly (see {@link ROUNDING_RULE}).
 * A period with no valid orders has AOV `null` and the whole change is volume (warning
 * `empty_period`); with no orders in either period everything is zero and the verdict is `flat`.
 *
 * @throws InvalidArgumentError for an unknown method or factor, a share outside (0, 1], figures
 *   that cannot belong together, or segments that do not add up to the totals.
 * @example decomposeTotals(input).sentence // 'September 2025 revenue fell 7.5 % (-46.8k EUR) vs August 2025: ...'
 */
export function decomposeTotals(input: DecomposeInput, options: DecomposeOptions = {}): DecompositionResult {
  const { method, factors, share } = checkOptions(options);
  if (typeof input.currency !== 'string' || input.currency === '') {
    throw new InvalidArgumentError(
      `decomposeTotals: currency must be a code such as 'EUR', got ${JSON.stringify(input.currency)}`,
    );
  }
  const start = readLevels(input.start, 'start');
  const end = readLevels(input.end, 'end');
  const segments = readSegments(input, start, end);
  const warnings: DecompositionWarning[] = [];
  const [days0, days1] = [periodDays(input.from), periodDays(input.to)];
  if (days0 !== days1) {
    warnings.push({
      code: 'unequal_period_length',
      message: `${input.from.label} has ${days0} days and ${input.to.label} ${days1}; part of the volume effect is the difference in length`,
    });
  }
  for (const [label, levels] of [
    [input.from.label, start],
    [input.to.label, end],
  ] as const) {
    if (levels.orders.isZero()) {
      warnings.push({
        code: 'empty_period',
        message: `${label} has no valid orders: its AOV is null and the whole change is attributed to volume (and to new or lost segments)`,
      });
    }
  }

  const startCents = roundToCents(start.revenue);
  const endCents = roundToCents(end.revenue);
  const change = endCents - startCents;
  const s: CountRevenue = { count: start.orders, revenue: start.revenue };
  const e: CountRevenue = { count: end.orders, revenue: end.revenue };
  const shapley = twoFactorShapley(s, e);
  const lmdi = twoFactorLmdi(s, e);
  const exactChange = end.revenue.sub(start.revenue);
  const methods = {
    shapley: twoCents(shapley, change),
    lmdi:
      lmdi === null
        ? null
        : {
            ...twoCents(
              { volume: Rational.fromNumber(lmdi.volume), aov: Rational.fromNumber(lmdi.aov) },
              change,
            ),
            floatResidual: exactChange.toNumber() - (lmdi.volume + lmdi.aov),
          },
    sequentialVolumeFirst: twoCents(twoFactorSequential(s, e, 'volume'), change),
    sequentialAovFirst: twoCents(twoFactorSequential(s, e, 'aov'), change),
  };
  if (lmdi === null) {
    warnings.push({
      code: 'lmdi_not_computable',
      message: 'LMDI needs non-negative revenue in both periods (it takes logarithms); its split is null',
    });
  }
  const used: DecomposeMethod = method === 'lmdi' && lmdi === null ? 'shapley' : method;
  if (used !== method) {
    warnings.push({
      code: 'lmdi_headline_fallback',
      message: 'LMDI was asked for but is not computable; the headline split is Shapley',
    });
  }
  const effects =
    used === 'shapley'
      ? methods.shapley
      : used === 'lmdi' && methods.lmdi !== null
        ? { volume: methods.lmdi.volume, aov: methods.lmdi.aov }
        : methods.sequentialVolumeFirst;

  const segmentPart =
    input.basis === null
      ? null
      : buildSegmentBridge(input.by, input.basis, segments, startCents, endCents, share);
  if (input.basis === 'units') {
    warnings.push({
      code: 'units_basis',
      message: `${input.by.join(', ')} is a line-level dimension, which does not split orders: the segment bridge decomposes revenue = units x revenue per unit, not orders x AOV`,
    });
  }
  const ordersMix = input.basis === 'orders' ? (segmentPart?.familyMix ?? null) : null;
  const verdictAov = input.basis === 'orders' && segmentPart !== null ? segmentPart.familyAov : shapley.aov;
  const verdict = verdictOf(shapley.volume, verdictAov, ordersMix);

  const segmentBridge = segmentPart?.bridge ?? null;
  const bridgeEffects: [string, string, string][] =
    used === 'shapley' && input.basis === 'orders' && segmentBridge !== null
      ? [
          ['volume', 'Volume (orders)', segmentBridge.effects.volume],
          ['aov', 'AOV within segments', segmentBridge.effects.aov],
          ['mix', 'Mix', segmentBridge.effects.mix],
          ['newSegments', 'New segments', segmentBridge.effects.newSegments],
          ['lostSegments', 'Lost segments', segmentBridge.effects.lostSegments],
        ]
      : [
          ['volume', 'Volume (orders)', effects.volume],
          ['aov', 'AOV', effects.aov],
        ];
  const partial = {
    kind: 'revenue-decomposition' as const,
    currency: input.currency,
    from: input.from,
    to: input.to,
    options: { method, factors, driverShare: share, by: [...input.by], basis: input.basis },
    start: formatCents(startCents),
    end: formatCents(endCents),
    change: formatCents(change),
    changeRatio: start.revenue.isZero() ? null : exactChange.div(start.revenue).toNumber(),
    figures: { start: summary(start, days0), end: summary(end, days1) },
    method: used,
    effects,
    methods,
    factors: factors === null ? null : factorBridge(factors, start, end, change),
    segments: segmentBridge,
    drivers: segmentPart?.drivers ?? null,
    verdict: { verdict: verdict.verdict, rule: VERDICT_RULE, shares: verdict.shares },
    bridge: [
      { name: 'start', label: input.from.label, kind: 'total' as const, value: formatCents(startCents) },
      ...bridgeEffects.map(([name, label, value]) => ({ name, label, kind: 'effect' as const, value })),
      { name: 'end', label: input.to.label, kind: 'total' as const, value: formatCents(endCents) },
    ],
    rounding: ROUNDING_RULE,
    warnings,
  };
  return { ...partial, sentence: describeChange(partial) };
}
