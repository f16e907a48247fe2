/**
 * The rows behind each present section's table as flat tables: one header, one row per record,
 * raw values (fractions stay fractions, `null` stays empty). Pure, so the same tables can feed the
 * Data sheets and pivot tables. The shape matches the pivot writer's `PivotSource`.
 */
import { EXCEL_FORMATS, excelMoneyFormat } from '../format.ts';
import type { ReportModel, ReportSection, ReportSectionId } from '../model.ts';
import { MEMBER_FIGURE_COLUMNS, memberCells } from './member-figures.ts';
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

type Columns = (currency: string) => DataColumn[];

const text = (name: string): DataColumn => ({ name, type: 'text' });
const number = (name: string, numFmt?: string): DataColumn =>
  numFmt === undefined ? { name, type: 'number' } : { name, type: 'number', numFmt };

const memberColumns =
  (member: string): Columns =>
  (currency) => {
    const format = {
      money: excelMoneyFormat(currency),
      percent: EXCEL_FORMATS.percent,
      count: EXCEL_FORMATS.count,
    };
    return [text(member), ...MEMBER_FIGURE_COLUMNS.map((c) => number(c.header, format[c.kind]))];
  };

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
      return table(
        [
          text('Month'),
          number('Revenue', money),
          number('Orders', EXCEL_FORMATS.count),
          number('AOV', money),
          number('Active customers', EXCEL_FORMATS.count),
          number('New customers', EXCEL_FORMATS.count),
          number('Cancelled orders', EXCEL_FORMATS.count),
          number('Lost revenue', money),
        ],
        section.points.map((p) => [
          p.month,
          p.revenue,
          p.orders,
          p.aov,
          p.activeCustomers,
          p.newCustomers,
          p.cancelledOrders,
          p.lostRevenue,
        ]),
      );
    case 'bridge':
      return table(
        [
          text(section.dimension ?? 'Segment'),
          number('Start revenue', money),
          number('End revenue', money),
          number('Change', money),
          number('Volume effect', money),
          number('AOV effect', money),
          number('Mix effect', money),
          text('Status'),
          text('Driver'),
        ],
        section.segments.map((s) => [
          s.segment,
          s.startRevenue,
          s.endRevenue,
          s.change,
          s.volume,
          s.aov,
          s.mix,
          s.status,
          s.driver ? 'yes' : 'no',
        ]),
      );
    case 'channels':
    case 'geography': {
      const rows = section.members.map(memberCells);
      if (section.id === 'geography' && section.others !== null) {
        // The rest of the countries in one row, so revenue adds up to the month's.
        const o = section.others;
        rows.push(['Others', o.revenue, o.revenueShare, null, null, null, null, null, null, null]);
      }
      return table(memberColumns(section.id === 'channels' ? 'Channel' : 'Country')(currency), rows);
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
