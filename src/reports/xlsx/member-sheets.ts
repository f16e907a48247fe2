/** The sheets that break the month down by member of a dimension: channels, geography, cancellations. */
import { formatCount, formatPercent } from '../format.ts';
import type { CancellationsSection, ChannelsSection, GeographySection } from '../model.ts';
import { dimensionLabel } from './labels.ts';
import { MEMBER_FIGURE_COLUMNS, memberCells } from './section-columns.ts';
import type { SheetWriter, TableCell, TableColumn } from './sheet-writer.ts';
import { writeTestSummary } from './test-summary.ts';

function memberColumns(member: string): TableColumn[] {
  return [{ header: member, kind: 'text' }, ...MEMBER_FIGURE_COLUMNS];
}

export function writeChannelsSheet(writer: SheetWriter, section: ChannelsSection): void {
  writer.title(section.title);
  if (section.test !== null) writer.paragraph(section.test.conclusion);
  writer.heading('Channels this month');
  writer.table(
    { name: 'Channels_Members', columns: memberColumns('Channel'), rows: section.members.map(memberCells) },
    'No channel has orders this month.',
  );
  if (section.test === null) writer.note('No test: order value needs at least two channels to compare.');
  else writeTestSummary(writer, 'Order value across channels', section.test);
}

export function writeGeographySheet(writer: SheetWriter, section: GeographySection): void {
  writer.title(section.title);
  writer.heading(`Top countries by revenue (${formatCount(section.countries)} countries in all)`);
  const others = section.others;
  const othersRow: TableCell[] | null =
    others === null
      ? null
      : [`Others (${formatCount(others.count)} countries)`, others.revenue, others.revenueShare];
  writer.table(
    {
      name: 'Geography_Countries',
      columns: memberColumns('Country'),
      rows: [...section.members.map(memberCells), ...(othersRow === null ? [] : [othersRow])],
    },
    'No country has orders this month.',
  );
  writer.heading('Concentration');
  writer.facts([
    ['Countries', { value: section.countries, kind: 'count' }],
    ['Top country by revenue', section.topMember],
    ['Its share of revenue', { value: section.topShare, kind: 'percent' }],
    ['Top 3 share of revenue', { value: section.top3Share, kind: 'percent' }],
    ['HHI of revenue shares (0-1)', { value: section.hhi, kind: 'index' }],
    ['Top country by customers', section.customerTopMember],
    ['Its share of customers', { value: section.customerTopShare, kind: 'percent' }],
    ['HHI of customer shares (0-1)', { value: section.customerHhi, kind: 'index' }],
  ]);
  writer.note('HHI: the sum of squared shares; 1 when one country has everything.');
}

export function writeCancellationsSheet(writer: SheetWriter, section: CancellationsSection): void {
  writer.title(section.title);
  writer.paragraph(
    `${formatCount(section.cancelledOrders)} orders were cancelled this month ` +
      `(cancellation rate ${formatPercent(section.cancellationRate)}).`,
  );
  writer.facts([
    ['Cancelled orders', { value: section.cancelledOrders, kind: 'count' }],
    ['Lost revenue', { value: section.lostRevenue, kind: 'money' }],
    ['Cancellation rate', { value: section.cancellationRate, kind: 'percent' }],
  ]);
  const member = dimensionLabel(section.dimension);
  writer.heading(`By ${member.toLowerCase()}`);
  writer.table(
    {
      name: 'Cancellations_Members',
      columns: [
        { header: member, kind: 'text' },
        { header: 'Orders', kind: 'count' },
        { header: 'Cancelled orders', kind: 'count' },
        { header: 'Cancellation rate', kind: 'percent' },
        { header: 'Lost revenue', kind: 'money' },
        { header: 'Share of lost revenue', kind: 'percent' },
      ],
      rows: section.members.map((m) => [
        m.member,
        m.orders,
        m.cancelledOrders,
        m.cancellationRate,
        m.lostRevenue,
        m.lostShare,
      ]),
    },
    'No cancellations this month.',
  );
}
