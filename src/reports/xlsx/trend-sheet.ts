/** The Trend sheet: up to 24 months of the monthly figures. */
import { formatChangeRatio } from '../format.ts';
import type { TrendSection } from '../model.ts';
import type { SheetWriter } from './sheet-writer.ts';

export function writeTrendSheet(writer: SheetWriter, section: TrendSection): void {
  writer.title(section.title);
  writer.paragraph(
    section.threeMonthChangeRatio === null
      ? 'Revenue over the last 3 months vs the 3 before: not computable (fewer than 6 months).'
      : `Revenue over the last 3 months vs the 3 before: ${formatChangeRatio(section.threeMonthChangeRatio)}.`,
  );
  writer.heading(`Monthly figures (${section.points.length} months)`);
  writer.table(
    {
      name: 'Trend_Months',
      columns: [
        { header: 'Month', kind: 'text' },
        { header: 'Revenue', kind: 'money' },
        { header: 'Orders', kind: 'count' },
        { header: 'AOV', kind: 'money' },
        { header: 'Active customers', kind: 'count' },
        { header: 'New customers', kind: 'count' },
        { header: 'Cancelled orders', kind: 'count' },
        { header: 'Lost revenue', kind: 'money' },
      ],
      rows: section.points.map((p) => [
        p.month,
        p.revenue,
        p.orders,
        p.aov,
        p.activeCustomers,
        p.newCustomers,
        p.cancelledOrders,
        p.lostRevenue,
      ]),
    },
    'No month has data.',
  );
}
