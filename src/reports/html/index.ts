/** The review as a self-contained HTML page. */
export type { HtmlReportOptions } from './render-html-report.ts';
export { renderHtmlReport } from './render-html-report.ts';
