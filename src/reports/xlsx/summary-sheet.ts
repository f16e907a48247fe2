/**
 * The Summary sheet: the review's title and month, the ranked findings, the headline figures
 * against last month and last year, the sections left out with their reason, and when and by
 * which version the review was generated.
 */
import { monthLabel } from '../format.ts';
import type { HeadlineSection, Kpi, OmittedSection, ReportModel } from '../model.ts';
import type { SheetWriter, TableCell } from './sheet-writer.ts';
import type { Better, CellKind } from './styles.ts';

const FINDING_STRENGTH: Readonly<Record<string, string>> = {
  tested: 'tested',
  descriptive: 'descriptive only',
  'insufficient-data': 'insufficient data',
};

/** Cancellations and lost revenue are better when they fall. */
function better(kpi: Kpi): Better {
  return kpi.id === 'cancellation_rate' || kpi.id === 'lost_revenue' ? 'lower' : 'higher';
}

function kpiRow(kpi: Kpi): TableCell[] {
  const kind: CellKind = kpi.unit === 'money' ? 'money' : kpi.unit === 'count' ? 'count' : 'percent';
  // A rate's change is in percentage points; other changes in the figure's own unit.
  const changeKind: CellKind =
    kpi.unit === 'money' ? 'moneyChange' : kpi.unit === 'count' ? 'countChange' : 'pointChange';
  const b = better(kpi);
  return [
    kpi.label,
    { value: kpi.value, kind },
    { value: kpi.previousMonth, kind },
    { value: kpi.deltaMonth, kind: changeKind, better: b },
    { value: kpi.deltaMonthRatio, kind: 'change', better: b },
    { value: kpi.previousYear, kind },
    { value: kpi.deltaYear, kind: changeKind, better: b },
    { value: kpi.deltaYearRatio, kind: 'change', better: b },
  ];
}

function writeKpis(writer: SheetWriter, model: ReportModel, headline: HeadlineSection): void {
  writer.heading(headline.title);
  writer.table(
    {
      name: 'Summary_Kpis',
      columns: [
        { header: 'Figure', kind: 'text' },
        { header: `This month (${model.monthLabel})`, kind: 'text' },
        { header: `Last month (${monthLabel(headline.previousMonth)})`, kind: 'text' },
        { header: 'Change vs last month', kind: 'text' },
        { header: '% vs last month', kind: 'text' },
        { header: `Last year (${monthLabel(headline.previousYear)})`, kind: 'text' },
        { header: 'Change vs last year', kind: 'text' },
        { header: '% vs last year', kind: 'text' },
      ],
      rows: headline.kpis.map(kpiRow),
    },
    'No headline figure could be computed.',
  );
  writer.note('Changes of rates are in percentage points (pp); green is good news, red is bad news.');
}

export function writeSummarySheet(writer: SheetWriter, model: ReportModel): void {
  writer.title(model.title);
  writer.facts([
    ['Month', `${model.monthLabel} (${model.month})`],
    ['Currency', model.currency],
    ['Generated at', model.manifest.generatedAt],
    ['shopstat version', model.manifest.shopstatVersion],
  ]);
  writer.heading('Findings, most important first');
  writer.table(
    {
      name: 'Summary_Findings',
      columns: [
        { header: '#', kind: 'count' },
        { header: 'Finding', kind: 'text', wrap: true },
        { header: 'Detail', kind: 'text', wrap: true },
        { header: 'Evidence', kind: 'text' },
        { header: 'Section', kind: 'text' },
      ],
      rows: model.findings.map((f, i) => [
        i + 1,
        f.headline,
        f.detail,
        FINDING_STRENGTH[f.strength] ?? f.strength,
        f.section,
      ]),
    },
    'No findings this month.',
  );
  const headline = model.sections.find(
    (s): s is HeadlineSection => s.id === 'headline' && s.status === 'present',
  );
  if (headline !== undefined) writeKpis(writer, model, headline);
  const omitted = model.sections.filter((s): s is OmittedSection => s.status === 'omitted');
  writer.heading('Left out of this review');
  writer.table(
    {
      name: 'Summary_Omitted',
      columns: [
        { header: 'Section', kind: 'text' },
        { header: 'Reason', kind: 'text', wrap: true },
      ],
      rows: omitted.map((s) => [s.title, s.reason]),
    },
    'Nothing: every section has data.',
  );
  if (model.warnings.length > 0) {
    writer.heading('Warnings');
    writer.table(
      {
        name: 'Summary_Warnings',
        columns: [
          { header: 'Code', kind: 'text' },
          { header: 'Message', kind: 'text', wrap: true },
        ],
        rows: model.warnings.map((w) => [w.code, w.message]),
      },
      'No warnings.',
    );
  }
}
