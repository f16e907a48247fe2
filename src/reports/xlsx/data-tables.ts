/**
 * The rows behind each present section's table as flat tables: one header, one row per record,
 * raw values (fractions stay fractions, `null` stays empty). Pure, so the same tables can feed the
 * Data sheets and pivot tables. The shape matches the pivot writer's `PivotSource`.
 */
import { EXCEL_FORMATS, excelMoneyFormat } from '../format.ts';
import type { ReportModel, ReportSection, ReportSectionId } from '../model.ts';
import {
  BRIDGE_SEGMENT_COLUMNS,
  bridgeSegmentCells,
  type FigureColumn,
  MEMBER_FIGURE_COLUMNS,
  memberCells,
  TREND_COLUMNS,
  trendCells,
} from './section-columns.ts';
import { DATA_SHEET_NAMES } from './sheet-names.ts';

export interface DataColumn {
  readonly name: string;
  readonly type: 'text' | 'number';
  /** Excel number format of the column's cells; absent for text and mixed units. */
  readonly numFmt?: string;
}

export interface DataTable {
  readonly section: ReportSectionId;
  readonly sheetName: string;
  readonly columns: readonly DataColumn[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

const text = (name: string): DataColumn => ({ name, type: 'text' });
const number = (name: string, numFmt?: string): DataColumn =>
  numFmt === undefined ? { name, type: 'number' } : { name, type: 'number', numFmt };

/** The data-sheet columns of a first column and a section table's figure columns. */
function figureColumns(first: string, columns: readonly FigureColumn[], currency: string): DataColumn[] {
  const money = excelMoneyFormat(currency);
  const format = { money, moneyChange: money, percent: EXCEL_FORMATS.percent, count: EXCEL_FORMATS.count };
  return [
    text(first),
    ...columns.map((c) => (c.kind === 'text' ? text(c.header) : number(c.header, format[c.kind]))),
  ];
}

/** The flat table of one present section, `null` for an omitted one. */
export function sectionDataTable(section: ReportSection, currency: string): DataTable | null {
  if (section.status === 'omitted') return null;
  const table = (columns: DataColumn[], rows: (string | number | null)[][]): DataTable => ({
    section: section.id,
    sheetName: DATA_SHEET_NAMES[section.id],
    columns,
    rows,
  });
  const money = excelMoneyFormat(currency);
  switch (section.id) {
    case 'headline':
      // Figures of different units share a column, so those columns keep the General format.
      return table(
        [
          text('Figure'),
          text('Unit'),
          number('Value'),
          number('Last month'),
          number('Change vs last month'),
          number('Change ratio vs last month', EXCEL_FORMATS.changePercent),
          number('Last year'),
          number('Change vs last year'),
          number('Change ratio vs last year', EXCEL_FORMATS.changePercent),
        ],
        section.kpis.map((k) => [
          k.label,
          k.unit,
          k.value,
          k.previousMonth,
          k.deltaMonth,
          k.deltaMonthRatio,
          k.previousYear,
          k.deltaYear,
          k.deltaYearRatio,
        ]),
      );
    case 'trend':
      return table(figureColumns('Month', TREND_COLUMNS, currency), section.points.map(trendCells));
    case 'bridge':
      return table(
        figureColumns(section.dimension ?? 'Segment', BRIDGE_SEGMENT_COLUMNS, currency),
        section.segments.map(bridgeSegmentCells),
      );
    case 'channels':
    case 'geography': {
      const rows = section.members.map(memberCells);
      if (section.id === 'geography' && section.others !== null) {
        // The rest of the countries in one row, so revenue adds up to the month's.
        const o = section.others;
        rows.push(['Others', o.revenue, o.revenueShare, null, null, null, null, null, null, null]);
      }
      return table(
        figureColumns(section.id === 'channels' ? 'Channel' : 'Country', MEMBER_FIGURE_COLUMNS, currency),
        rows,
      );
    }
    case 'cancellations':
      return table(
        [
          text(section.dimension),
          number('Orders', EXCEL_FORMATS.count),
          number('Cancelled orders', EXCEL_FORMATS.count),
          number('Cancellation rate', EXCEL_FORMATS.percent),
          number('Lost revenue', money),
          number('Share of lost revenue', EXCEL_FORMATS.percent),
        ],
        section.members.map((m) => [
          m.member,
          m.orders,
          m.cancelledOrders,
          m.cancellationRate,
          m.lostRevenue,
          m.lostShare,
        ]),
      );
    case 'seasonal':
      return table(
        [
          text('Group'),
          number('n', EXCEL_FORMATS.count),
          number('Mean', EXCEL_FORMATS.decimal),
          number('Median', EXCEL_FORMATS.decimal),
          number('CI low', EXCEL_FORMATS.decimal),
          number('CI high', EXCEL_FORMATS.decimal),
        ],
        section.groups.map((g) => [g.group, g.n, g.mean, g.median, g.ciLow, g.ciHigh]),
      );
    case 'quality':
      // The quarantine is the table with records to slice (entity x reason).
      return table(
        [text('Entity'), text('Reason'), number('Rows', EXCEL_FORMATS.count)],
        section.quarantine.map((q) => [q.entity, q.reason, q.rows]),
      );
  }
}

/** The flat tables of the model's present sections, in the model's order. */
export function reportDataTables(model: ReportModel): DataTable[] {
  return model.sections
    .map((section) => sectionDataTable(section, model.currency))
    .filter((t): t is DataTable => t !== null);
}
