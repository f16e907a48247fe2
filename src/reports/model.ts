/**
 * The monthly business review as data: what `buildReportModel` reads from a warehouse and what
 * the writers (workbook, HTML page, e-mail) render. Plain JSON-serialisable values only: money is
 * a number in the warehouse's currency rounded to the cent (display only; the exact figures stay
 * in DuckDB), shares and rates are fractions (0.25 = 25 %), months are `YYYY-MM`. A figure that
 * cannot be computed is `null`, never `NaN`.
 */

/** The sections of the review, in reading order. */
export const REPORT_SECTIONS = [
  'headline',
  'trend',
  'bridge',
  'channels',
  'geography',
  'cancellations',
  'seasonal',
  'quality',
] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];

/** A section whose data is absent: left out of the report with one line saying why. */
export interface OmittedSection {
  readonly id: ReportSectionId;
  readonly title: string;
  readonly status: 'omitted';
  readonly reason: string;
}

/** One figure of a month with its comparisons; `null` where the comparison month has no data. */
export interface Kpi {
  readonly id:
    | 'revenue'
    | 'orders'
    | 'aov'
    | 'units'
    | 'active_customers'
    | 'new_customers'
    | 'cancellation_rate'
    | 'lost_revenue';
  readonly label: string;
  readonly unit: 'money' | 'count' | 'rate';
  readonly value: number | null;
  readonly previousMonth: number | null;
  readonly previousYear: number | null;
  /** value - previousMonth (for rates: in fraction points). */
  readonly deltaMonth: number | null;
  /** (value - previousMonth) / previousMonth; `null` for rates and zero bases. */
  readonly deltaMonthRatio: number | null;
  readonly deltaYear: number | null;
  readonly deltaYearRatio: number | null;
}

export interface HeadlineSection {
  readonly id: 'headline';
  readonly title: string;
  readonly status: 'present';
  /** The month before and the same month a year earlier, `YYYY-MM`. */
  readonly previousMonth: string;
  readonly previousYear: string;
  readonly kpis: readonly Kpi[];
}

/** One month of the trend (from gold.monthly_kpis). */
export interface TrendPoint {
  readonly month: string;
  readonly revenue: number;
  readonly orders: number;
  readonly aov: number | null;
  readonly activeCustomers: number;
  readonly newCustomers: number;
  readonly cancelledOrders: number;
  readonly lostRevenue: number;
}

export interface TrendSection {
  readonly id: 'trend';
  readonly title: string;
  readonly status: 'present';
  /** Up to 24 months ending with the report month, in order. */
  readonly points: readonly TrendPoint[];
  /** Revenue over the last 3 months vs the 3 before, as a ratio of change; `null` without 6 months. */
  readonly threeMonthChangeRatio: number | null;
}

/** One bar of the volume / AOV bridge (waterfall), in order: start total, effects, end total. */
export interface BridgeBar {
  readonly name: string;
  readonly label: string;
  readonly kind: 'total' | 'effect';
  readonly value: number;
}

/** One segment's line of the decomposition by segment. */
export interface BridgeSegment {
  readonly segment: string;
  readonly startRevenue: number;
  readonly endRevenue: number;
  readonly change: number;
  readonly volume: number;
  readonly aov: number;
  readonly mix: number;
  readonly status: 'continuing' | 'new' | 'lost';
  readonly driver: boolean;
}

export interface BridgeSection {
  readonly id: 'bridge';
  readonly title: string;
  readonly status: 'present';
  readonly from: string;
  readonly to: string;
  readonly startRevenue: number;
  readonly endRevenue: number;
  readonly change: number;
  readonly changeRatio: number | null;
  readonly volumeEffect: number;
  readonly aovEffect: number;
  readonly verdict: 'volume-driven' | 'aov-driven' | 'mix-driven' | 'mixed' | 'flat';
  /** The segment dimension of `segments` (e.g. `channel`), `null` when none applies. */
  readonly dimension: string | null;
  readonly bars: readonly BridgeBar[];
  readonly segments: readonly BridgeSegment[];
  readonly sentence: string;
  readonly method: string;
}

/** A member of a dimension in the report month (from gold.monthly_by). */
export interface MemberFigures {
  readonly member: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: number;
  readonly customers: number;
  readonly aov: number | null;
  readonly revenuePerCustomer: number | null;
  /** The member's share of the month's revenue. */
  readonly revenueShare: number | null;
  readonly cancelledOrders: number;
  readonly lostRevenue: number;
}

/** A group comparison reduced to what a reader needs (from `compareGroups` with `auto`). */
export interface TestSummary {
  /** e.g. 'Welch ANOVA', 'Kruskal-Wallis test'. */
  readonly test: string;
  readonly statistic: number | null;
  readonly statisticName: string;
  readonly df: readonly number[];
  readonly pValue: number | null;
  /** Effect size with its name (eta², omega², epsilon²) and a word for its size. */
  readonly effectSize: number | null;
  readonly effectSizeName: string;
  readonly effectSizeWord: 'negligible' | 'small' | 'medium' | 'large' | null;
  readonly n: number;
  /** The sentence from `compareGroups`' conclusion, or why no test was run. */
  readonly conclusion: string;
  /** Why this test was chosen. */
  readonly reasons: readonly string[];
}

export interface ChannelsSection {
  readonly id: 'channels';
  readonly title: string;
  readonly status: 'present';
  readonly members: readonly MemberFigures[];
  /** Order value compared across channels in the report month; `null` when under two channels. */
  readonly test: TestSummary | null;
}

export interface GeographySection {
  readonly id: 'geography';
  readonly title: string;
  readonly status: 'present';
  /** Top countries by revenue (at most 15), the rest summed into `others`. */
  readonly members: readonly MemberFigures[];
  readonly others: {
    readonly count: number;
    readonly revenue: number;
    readonly revenueShare: number | null;
  } | null;
  readonly countries: number;
  readonly topMember: string | null;
  readonly topShare: number | null;
  readonly top3Share: number | null;
  /** Herfindahl-Hirschman index of revenue shares (sum of squared shares, 0..1). */
  readonly hhi: number | null;
  /** The same index over customers. */
  readonly customerTopMember: string | null;
  readonly customerTopShare: number | null;
  readonly customerHhi: number | null;
}

export interface CancellationsSection {
  readonly id: 'cancellations';
  readonly title: string;
  readonly status: 'present';
  /** The dimension cancellations are broken down by (`payment_method`, else `channel`). */
  readonly dimension: string;
  readonly members: readonly {
    readonly member: string;
    readonly orders: number;
    readonly cancelledOrders: number;
    /** cancelled / (valid + cancelled) orders of the member. */
    readonly cancellationRate: number | null;
    readonly lostRevenue: number;
    readonly lostShare: number | null;
  }[];
  readonly cancelledOrders: number;
  readonly lostRevenue: number;
  readonly cancellationRate: number | null;
}

export interface SeasonalGroup {
  readonly group: string;
  readonly n: number;
  readonly mean: number | null;
  readonly median: number | null;
  /** 95 % confidence interval of the mean (t), `null` below two observations. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

export interface SeasonalSection {
  readonly id: 'seasonal';
  readonly title: string;
  readonly status: 'present';
  /** What was compared, e.g. 'customer spending per month by quarter'. */
  readonly question: string;
  readonly groups: readonly SeasonalGroup[];
  readonly test: TestSummary;
}

export interface QualitySection {
  readonly id: 'quality';
  readonly title: string;
  readonly status: 'present';
  /** Row accounting, in order: raw rows read, bronze, quarantine, silver orders, valid orders. */
  readonly funnel: readonly { readonly stage: string; readonly rows: number }[];
  readonly quarantine: readonly { readonly entity: string; readonly reason: string; readonly rows: number }[];
  readonly alerts: readonly {
    readonly column: string | null;
    readonly code: string;
    readonly message: string;
  }[];
  /** Drift of the report month's orders against the month before (population stability). */
  readonly drift: readonly { readonly column: string; readonly psi: number | null; readonly level: string }[];
  readonly lastRun: {
    readonly runId: string;
    readonly status: string;
    readonly finishedAt: string | null;
  } | null;
}

export type ReportSection =
  | HeadlineSection
  | TrendSection
  | BridgeSection
  | ChannelsSection
  | GeographySection
  | CancellationsSection
  | SeasonalSection
  | QualitySection
  | OmittedSection;

/** One plain-language conclusion with the evidence behind it. */
export interface Finding {
  readonly id: string;
  readonly section: ReportSectionId;
  /** Higher first; findings are sorted by it. */
  readonly rank: number;
  /** One sentence a manager reads, e.g. 'Revenue fell 7.5 % vs September: the drop is volume-driven.' */
  readonly headline: string;
  /** The figures that support it, in words. */
  readonly detail: string;
  /** How far the evidence goes: a test's verdict, or descriptive only. */
  readonly strength: 'tested' | 'descriptive' | 'insufficient-data';
  /** The evidence as data: figures by name, and the test when there is one. */
  readonly evidence: {
    readonly figures: Readonly<Record<string, number | string | null>>;
    readonly test?: TestSummary;
  };
}

/** What the report was made from: enough to reproduce it. */
export interface ReportManifest {
  readonly shopstatVersion: string;
  readonly warehouse: { readonly path: string; readonly bytes: number; readonly sha256: string | null };
  /** The landing files the warehouse loaded (from its ledger), with their content hashes. */
  readonly inputFiles: readonly { readonly file: string; readonly sha256: string; readonly rows: number }[];
  readonly rowsPerLayer: Readonly<Record<string, number>>;
  readonly timeZone: string;
  readonly currency: string;
  readonly options: Readonly<Record<string, string | number | boolean | null>>;
  readonly generatedAt: string;
}

/** The whole review of one month. */
export interface ReportModel {
  readonly kind: 'monthly-business-review';
  /** `YYYY-MM`. */
  readonly month: string;
  /** e.g. 'October 2025'. */
  readonly monthLabel: string;
  readonly title: string;
  readonly currency: string;
  readonly sections: readonly ReportSection[];
  /** Ranked, most important first. */
  readonly findings: readonly Finding[];
  readonly manifest: ReportManifest;
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}
