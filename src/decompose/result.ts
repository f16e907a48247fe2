import type { Factor } from './factors.ts';
import type { Period } from './periods.ts';
import type { SegmentStatus } from './segment-mix.ts';
import type { Verdict } from './verdict.ts';

/** How the two-factor effects are computed: see `two-factor.ts` and `lmdi.ts`. */
export type DecomposeMethod = 'shapley' | 'lmdi' | 'sequential';

/** Something the reader of a decomposition should know, e.g. `empty_period`. */
export interface DecompositionWarning {
  readonly code:
    | 'empty_period'
    | 'lmdi_not_computable'
    | 'lmdi_headline_fallback'
    | 'unequal_period_length'
    | 'units_basis';
  readonly message: string;
}

/** A period's figures as used: counts, exact revenue rounded to cents, AOV (`null` with no orders). */
export interface PeriodSummary {
  readonly revenue: string;
  readonly orders: number;
  readonly customers: number;
  readonly units: number;
  /** revenue / orders as a double, `null` when there are no valid orders. */
  readonly aov: number | null;
  readonly days: number;
}

/** Volume and AOV effects in cents as decimal text; they add up to `change` exactly. */
export interface TwoFactorBridge {
  readonly volume: string;
  readonly aov: string;
}

/** Every method's two-factor split, for comparison. */
export interface MethodComparison {
  readonly shapley: TwoFactorBridge;
  /** `null` when a period has negative revenue (logarithms undefined). */
  readonly lmdi: (TwoFactorBridge & { readonly floatResidual: number }) | null;
  readonly sequentialVolumeFirst: TwoFactorBridge;
  readonly sequentialAovFirst: TwoFactorBridge;
}

/** One factor of the factor bridge. */
export interface FactorLine {
  readonly name: Factor;
  /** e.g. `'orders / customers'`; `'customers'` for a first factor. */
  readonly definition: string;
  /** The ratio as a double, `null` when its denominator is zero in that period. */
  readonly start: number | null;
  readonly end: number | null;
  readonly effect: string;
}

/** The Shapley decomposition over the chosen factors. */
export interface FactorBridge {
  readonly method: 'shapley';
  readonly rule: string;
  readonly factors: readonly FactorLine[];
}

/** One segment of the segment bridge; its effects add up to `change`. */
export interface SegmentLine {
  readonly key: readonly (string | null)[];
  readonly label: string;
  readonly status: SegmentStatus;
  /** 1 = the largest contribution in the direction of the change. */
  readonly rank: number;
  readonly driver: boolean;
  readonly start: { readonly count: number; readonly revenue: string };
  readonly end: { readonly count: number; readonly revenue: string };
  readonly change: string;
  readonly volume: string;
  readonly aov: string;
  readonly mix: string;
  readonly new: string;
  readonly lost: string;
}

/** The segment-mix bridge: its effects add up to `change`, its segments to its effects. */
export interface SegmentBridge {
  readonly by: readonly string[];
  readonly basis: 'orders' | 'units';
  /** What the count is and how this bridge reconciles with the two-factor one. */
  readonly note: string;
  readonly rule: string;
  readonly effects: {
    readonly volume: string;
    readonly aov: string;
    readonly mix: string;
    readonly newSegments: string;
    readonly lostSegments: string;
  };
  readonly segments: readonly SegmentLine[];
}

/** The smallest set of segments explaining the stated share of the change. */
export interface Drivers {
  readonly share: number;
  readonly rule: string;
  /** The drivers' changes / the total change (exact ratio as a double), `null` when flat. */
  readonly explained: number | null;
  readonly segments: readonly {
    readonly key: readonly (string | null)[];
    readonly label: string;
    readonly change: string;
  }[];
}

/** A bar of the bridge (waterfall) chart: start, then each effect, then end. */
export interface BridgeStep {
  readonly name: string;
  readonly label: string;
  readonly kind: 'total' | 'effect';
  readonly value: string;
}

/** The result of `decomposeTotals`: plain JSON-serialisable data. Amounts are cents as decimal text. */
export interface DecompositionResult {
  readonly kind: 'revenue-decomposition';
  readonly currency: string;
  readonly from: Period;
  readonly to: Period;
  readonly options: {
    readonly method: DecomposeMethod;
    readonly factors: readonly Factor[] | null;
    readonly driverShare: number;
    readonly by: readonly string[];
    readonly basis: 'orders' | 'units' | null;
  };
  readonly start: string;
  readonly end: string;
  readonly change: string;
  /** change / start as a double, `null` when start is zero. */
  readonly changeRatio: number | null;
  readonly figures: { readonly start: PeriodSummary; readonly end: PeriodSummary };
  /** The method of `effects` (shapley when lmdi was asked for but is not computable). */
  readonly method: DecomposeMethod;
  /** The headline two-factor effects (sequential: volume first). */
  readonly effects: TwoFactorBridge;
  readonly methods: MethodComparison;
  readonly factors: FactorBridge | null;
  readonly segments: SegmentBridge | null;
  readonly drivers: Drivers | null;
  readonly verdict: {
    readonly verdict: Verdict;
    readonly rule: string;
    readonly shares: Readonly<Record<'volume' | 'aov' | 'mix', number | null>>;
  };
  readonly sentence: string;
  readonly bridge: readonly BridgeStep[];
  /** How exact effects became cents. */
  readonly rounding: string;
  readonly warnings: readonly DecompositionWarning[];
}
