/**
 * The columns of a dimension member's figures (channels, countries), in one order for both the
 * formatted section sheets and the flat data tables the pivots read.
 */
import type { MemberFigures } from '../model.ts';

/** Each figure's header and kind, after the member's own name. */
export const MEMBER_FIGURE_COLUMNS: readonly {
  readonly header: string;
  readonly kind: 'money' | 'percent' | 'count';
}[] = [
  { header: 'Revenue', kind: 'money' },
  { header: 'Share of revenue', kind: 'percent' },
  { header: 'Orders', kind: 'count' },
  { header: 'Units', kind: 'count' },
  { header: 'Customers', kind: 'count' },
  { header: 'AOV', kind: 'money' },
  { header: 'Revenue per customer', kind: 'money' },
  { header: 'Cancelled orders', kind: 'count' },
  { header: 'Lost revenue', kind: 'money' },
];

/** A member's name and figures, in the order of {@link MEMBER_FIGURE_COLUMNS}. */
export function memberCells(m: MemberFigures): (string | number | null)[] {
  return [
    m.member,
    m.revenue,
    m.revenueShare,
    m.orders,
    m.units,
    m.customers,
    m.aov,
    m.revenuePerCustomer,
    m.cancelledOrders,
    m.lostRevenue,
  ];
}
