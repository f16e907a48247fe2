/** The monthly business review: its model, findings, workbook with pivot tables, HTML page and e-mail. */
export { buildReportModel, type ReportModelOptions } from './build-model.ts';
export { type Chart, type ChartId, chartToPng, renderCharts } from './charts/index.ts';
export {
  EmailError,
  parseRecipients,
  type SendResult,
  type SmtpSettings,
  sendReport,
  smtpSettingsFromEnv,
} from './email/index.ts';
export {
  type EmailReportOptions,
  type EmailReportResult,
  emailReport,
  reportFingerprint,
} from './email-report.ts';
export { type HtmlReportOptions, renderHtmlReport } from './html/index.ts';
export { testVerdict } from './insight-rules.ts';
export { deriveFindings } from './insights.ts';
export type {
  BridgeSection,
  CancellationsSection,
  ChannelsSection,
  Finding,
  GeographySection,
  HeadlineSection,
  Kpi,
  OmittedSection,
  QualitySection,
  ReportManifest,
  ReportModel,
  ReportSection,
  ReportSectionId,
  SeasonalSection,
  TestSummary,
  TrendSection,
} from './model.ts';
export { REPORT_SECTIONS } from './model.ts';
export { type ReportPivots, reportPivots } from './report-pivots.ts';
export {
  type RenderedReport,
  renderReport,
  type WriteReportOptions,
  type WriteReportResult,
  writeReport,
} from './write-report.ts';
export { buildReportWorkbook, type ReportWorkbookOptions, type WorkbookChartImage } from './xlsx/index.ts';
export {
  type PivotAggregate,
  type PivotSource,
  type PivotSpec,
  type PivotValueField,
  writeWorkbookWithPivots,
} from './xlsx/pivot/index.ts';
