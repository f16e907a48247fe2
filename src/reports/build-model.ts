import type { Warehouse } from '../warehouse/index.ts';
import { bridgeSection, qualitySection, seasonalSection } from './analysis-sections.ts';
import { monthLabel } from './format.ts';
import { deriveFindings } from './insights.ts';
import { buildManifest } from './manifest.ts';
import type { ReportModel, ReportSection } from './model.ts';
import { headlineSection, readMonthlyKpis, trendSection } from './monthly-figures.ts';
import { resolveReportMonth, warehouseMonths } from './report-month.ts';
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
  const month = await resolveReportMonth(wh, options.month);
  const span = await warehouseMonths(wh);
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const currency = String(
    (await wh.scalar('select min(currency) from silver.fact_orders where currency is not null')) ?? '',
  );
  const kpis = await readMonthlyKpis(wh, month);
  const sections: ReportSection[] = [
    headlineSection(kpis, month),
    trendSection(kpis, month, span.first),
    await bridgeSection(wh, month, span.first),
    await channelsSection(wh, month),
    await geographySection(wh, month),
    await cancellationsSection(wh, month),
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
