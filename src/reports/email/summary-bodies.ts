/** What the e-mail body says: the report's title and month, its findings and key figures. */
export interface EmailSummary {
  readonly title: string;
  /** Shown as given, e.g. `October 2025` or `2025-10`. */
  readonly month: string;
  readonly findings: readonly { headline: string; detail: string }[];
  /** `change` is shown as given (e.g. `+4.2% vs September`), `null` when there is none. */
  readonly kpis: readonly { label: string; value: string; change: string | null }[];
  readonly footer: string;
}

/** The HTML body is kept to 80 KB, well under the 100 KB that `checkReportEmail` allows. */
export const SUMMARY_HTML_BUDGET_BYTES = 81_920;

/** Longest texts shown, in characters (Unicode code points); longer ones end in `…`. */
const LIMITS = { title: 200, month: 40, headline: 200, detail: 1_000, label: 100, value: 60, footer: 1_000 };
/** Key figures shown; the rest are in the attached report. */
const MAX_KPIS = 24;

const ATTACHED = 'The full report (HTML) and the workbook (Excel) are attached to this e-mail.';

const STYLE = {
  body: 'margin:0;padding:0;background:#f4f5f7;',
  page: 'max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#1f2328;',
  h1: 'margin:0 0 4px;font-size:20px;',
  month: 'margin:0 0 20px;color:#57606a;',
  h2: 'margin:20px 0 8px;font-size:16px;',
  list: 'margin:0;padding-left:20px;',
  item: 'margin:0 0 10px;',
  table: 'border-collapse:collapse;width:100%;',
  th: 'padding:6px 8px;border-bottom:2px solid #d0d7de;text-align:left;',
  thNumber: 'padding:6px 8px;border-bottom:2px solid #d0d7de;text-align:right;',
  td: 'padding:6px 8px;border-bottom:1px solid #eaeef2;',
  tdNumber: 'padding:6px 8px;border-bottom:1px solid #eaeef2;text-align:right;white-space:nowrap;',
  note: 'margin:16px 0 0;',
  footer: 'margin:24px 0 0;font-size:12px;color:#57606a;',
} as const;

/**
 * summaryBodies: the e-mail body of a report, as a small self-contained HTML page (inline CSS,
 * no images, scripts, links or other external requests) and its plain-text alternative; both
 * say that the full report and the workbook are attached.
 *
 * Every text is HTML-escaped (`&`, `<`, `>`, `"`, `'`), so a finding `<script>` shows as text;
 * line breaks and control characters inside a text become one space. Texts are cut to fixed
 * lengths (a headline to 200 characters, a detail to 1,000, ...) and at most 24 key figures are
 * shown; findings are shown in order while the HTML stays within 80 KB, and the rest are
 * counted in a sentence pointing to the report. So the HTML always passes `checkReportEmail`.
 *
 * @example
 * summaryBodies({ title: 'Monthly business review', month: '2025-10', findings: [], kpis: [], footer: '' }).text
 * // 'Monthly business review\n2025-10\n\nNo findings this month.\n\nThe full report (HTML) and ...'
 */
export function summaryBodies(summary: EmailSummary): { html: string; text: string } {
  const title = clip(summary.title, LIMITS.title);
  const month = clip(summary.month, LIMITS.month);
  const footer = clip(summary.footer, LIMITS.footer);
  const findings = summary.findings.map((finding) => ({
    headline: clip(finding.headline, LIMITS.headline),
    detail: clip(finding.detail, LIMITS.detail),
  }));
  const kpis = summary.kpis.slice(0, MAX_KPIS).map((kpi) => ({
    label: clip(kpi.label, LIMITS.label),
    value: clip(kpi.value, LIMITS.value),
    change: kpi.change === null ? null : clip(kpi.change, LIMITS.value),
  }));
  const moreKpis = summary.kpis.length - kpis.length;

  const findingItems = findings.map(
    (finding) =>
      `<li style="${STYLE.item}"><strong>${escapeHtml(finding.headline)}</strong><br>${escapeHtml(finding.detail)}</li>\n`,
  );
  const htmlWith = (shown: number): string =>
    [
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
      `<title>${escapeHtml(title)}</title>\n</head>\n<body style="${STYLE.body}">\n<div style="${STYLE.page}">\n`,
      `<h1 style="${STYLE.h1}">${escapeHtml(title)}</h1>\n<p style="${STYLE.month}">${escapeHtml(month)}</p>\n`,
      `<h2 style="${STYLE.h2}">Findings</h2>\n`,
      findings.length === 0
        ? '<p>No findings this month.</p>\n'
        : `<ol style="${STYLE.list}">\n${findingItems.slice(0, shown).join('')}</ol>\n`,
      shown < findings.length
        ? `<p style="${STYLE.note}">${escapeHtml(moreFindings(findings.length - shown))}</p>\n`
        : '',
      kpis.length === 0 ? '' : kpiTable(kpis, moreKpis),
      `<p style="${STYLE.note}">${escapeHtml(ATTACHED)}</p>\n`,
      footer === '' ? '' : `<p style="${STYLE.footer}">${escapeHtml(footer)}</p>\n`,
      '</div>\n</body>\n</html>\n',
    ].join('');

  let shown = findings.length;
  let html = htmlWith(shown);
  if (Buffer.byteLength(html, 'utf8') > SUMMARY_HTML_BUDGET_BYTES) {
    const withoutFindings = Buffer.byteLength(htmlWith(0), 'utf8');
    let bytes = withoutFindings;
    shown = 0;
    for (const item of findingItems) {
      bytes += Buffer.byteLength(item, 'utf8');
      if (bytes > SUMMARY_HTML_BUDGET_BYTES) break;
      shown += 1;
    }
    html = htmlWith(shown);
  }

  const text = [
    `${title}\n${month}\n\n`,
    findings.length === 0
      ? 'No findings this month.\n'
      : `Findings\n${findings
          .slice(0, shown)
          .map((finding, index) => `${index + 1}. ${finding.headline}\n   ${finding.detail}\n`)
          .join('')}`,
    shown < findings.length ? `${moreFindings(findings.length - shown)}\n` : '',
    kpis.length === 0
      ? ''
      : `\nKey figures\n${kpis
          .map((kpi) => `- ${kpi.label}: ${kpi.value}${kpi.change === null ? '' : ` (${kpi.change})`}\n`)
          .join('')}${moreKpis > 0 ? `${moreFigures(moreKpis)}\n` : ''}`,
    `\n${ATTACHED}\n`,
    footer === '' ? '' : `\n${footer}\n`,
  ].join('');

  return { html, text };
}

function kpiTable(
  kpis: readonly { label: string; value: string; change: string | null }[],
  more: number,
): string {
  const rows = kpis
    .map(
      (kpi) =>
        `<tr><td style="${STYLE.td}">${escapeHtml(kpi.label)}</td><td style="${STYLE.tdNumber}">${escapeHtml(kpi.value)}</td>` +
        `<td style="${STYLE.tdNumber}">${kpi.change === null ? '&ndash;' : escapeHtml(kpi.change)}</td></tr>\n`,
    )
    .join('');
  return [
    `<h2 style="${STYLE.h2}">Key figures</h2>\n<table style="${STYLE.table}">\n`,
    `<tr><th style="${STYLE.th}">Figure</th><th style="${STYLE.thNumber}">Value</th><th style="${STYLE.thNumber}">Change</th></tr>\n`,
    rows,
    '</table>\n',
    more > 0 ? `<p style="${STYLE.note}">${escapeHtml(moreFigures(more))}</p>\n` : '',
  ].join('');
}

function moreFindings(count: number): string {
  return count === 1
    ? '1 further finding is in the attached report.'
    : `${count} further findings are in the attached report.`;
}

function moreFigures(count: number): string {
  return count === 1
    ? '1 further figure is in the attached report.'
    : `${count} further figures are in the attached report.`;
}

/** The text on one line (line breaks and control characters as one space), cut to `limit` code points. */
function clip(text: string, limit: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  const points = Array.from(line);
  return points.length <= limit ? line : `${points.slice(0, limit - 1).join('')}…`;
}

/** Escapes the five characters that are special in HTML text and attribute values. */
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
