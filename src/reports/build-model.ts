import type { Warehouse } from '../warehouse/index.ts';
import { bridgeSection, qualitySection, seasonalSection } from './analysis-sections.ts';
import { monthLabel } from './format.ts';
import { deriveFindings } from './insights.ts';
import { buildManifest } from './manifest.ts';
import type { ReportModel, ReportSection } from './model.ts';
import { count, headlineSection, readMonthlyKpis, recordedMembers, trendSection } from './monthly-figures.ts';
import { resolveReportMonth, shiftMonth, warehouseMonths } from './report-month.ts';
import { cancellationsSection, channelsSection, geographySection } from './segment-sections.ts';

/** What to review. */
export interface ReportModelOptions {
  /** `YYYY-MM`; default the last complete month in the warehouse. */
  readonly month?: string;
  /** The generation time written into the manifest (ISO 8601); default now. Tests fix it. */
  readonly generatedAt?: string;
  /** Options to record in the manifest (the CLI's flags). */
  readonly recordOptions?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * The monthly business review of one month, as data: every section read from the warehouse's
 * gold tables and the analysis modules (decomposition, ANOVA, profile and drift), the findings
 * drawn from them, and the manifest. Sections whose data the warehouse lacks are `omitted` with
 * the reason.
 *
 * @throws InvalidArgumentError for a warehouse without gold, an unreadable month, a month outside
 *   the warehouse or without valid orders.
 * @example await buildReportModel(wh, { month: '2025-10' })
 */
export async function buildReportModel(
  wh: Warehouse,
  options: ReportModelOptions = {},
): Promise<ReportModel> {
  const span = await warehouseMonths(wh);
  const month = await resolveReportMonth(wh, options.month, span);
  const recorded = await recordedMembers(wh);
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const currency = String(
    (await wh.scalar('select min(currency) from silver.fact_orders where currency is not null')) ?? '',
  );
  const kpis = await readMonthlyKpis(wh, month);
  const sections: ReportSection[] = [
    headlineSection(kpis, month),
    trendSection(kpis, month, span.first),
    await bridgeSection(wh, month, span.first, recorded),
    await channelsSection(wh, month, recorded),
    await geographySection(wh, month, recorded),
    await cancellationsSection(wh, month, recorded),
    await seasonalSection(wh, month, span.first),
    await qualitySection(wh, month, span.first),
  ];
  const warnings: { code: string; message: string }[] = [];
  if (span.lastComplete !== null && month > span.lastComplete) {
    warnings.push({
      code: 'incomplete_month',
      message: `${month} is not complete in the warehouse (its last day with orders is before the month's end): its figures will grow.`,
    });
  }
  const thin = thinMonth(kpis, month);
  if (thin !== null) warnings.push(thin);
  return {
    kind: 'monthly-business-review',
    month,
    monthLabel: monthLabel(month),
    title: `Monthly business review: ${monthLabel(month)}`,
    currency,
    sections,
    findings: deriveFindings(sections, currency),
    manifest: await buildManifest(wh, { month, ...(options.recordOptions ?? {}) }, generatedAt, currency),
    warnings,
  };
}

/** A month with fewer valid orders than this share of the median of the months before it is "thin". */
export const THIN_MONTH_SHARE = 0.25;

/**
 * A warning when the month has under {@link THIN_MONTH_SHARE} of the median valid orders of the
 * (up to) 12 months before it, at least 3 of them with orders: an export that stops part-way
 * through a month, or a lost file, looks like a collapse of the business.
 */
export function thinMonth(
  kpis: ReadonlyMap<string, { orders: number | string }>,
  month: string,
): { code: string; message: string } | null {
  const before: number[] = [];
  for (let i = 1; i <= 12; i++) {
    const row = kpis.get(shiftMonth(month, -i));
    const orders = count(row?.orders) ?? 0;
    if (orders > 0) before.push(orders);
  }
  if (before.length < 3) return null;
  before.sort((a, b) => a - b);
  const mid = before.length >> 1;
  const median =
    before.length % 2 === 1 ? (before[mid] ?? 0) : ((before[mid - 1] ?? 0) + (before[mid] ?? 0)) / 2;
  const orders = count(kpis.get(month)?.orders) ?? 0;
  if (orders >= THIN_MONTH_SHARE * median) return null;
  return {
    code: 'thin_month',
    message: `${monthLabel(month)} has ${orders.toLocaleString('en-US')} valid order${orders === 1 ? '' : 's'} against a median of ${median.toLocaleString('en-US')} in the ${before.length} months before it: the export may stop part-way through the month or miss a file; read its changes with care.`,
  };
}
