/** The Trend sheet: up to 24 months of the monthly figures. */
import { formatChangeRatio } from '../format.ts';
import type { TrendSection } from '../model.ts';
import { TREND_COLUMNS, trendCells } from './section-columns.ts';
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
      columns: [{ header: 'Month', kind: 'text' }, ...TREND_COLUMNS],
      rows: section.points.map(trendCells),
    },
    'No month has data.',
  );
}
