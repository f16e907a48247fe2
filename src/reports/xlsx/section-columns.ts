/**
 * The columns of the tables that appear twice in the workbook, once formatted on a section sheet
 * and once flat on a data sheet the pivots read: a dimension member's figures (channels,
 * countries), the trend's months and the bridge's segments. Each list is the one order of those
 * columns, and each function a row's cells in that order; the first column (the member, month or
 * segment) is named by the caller.
 */
import type { BridgeSection, MemberFigures, TrendSection } from '../model.ts';
import { yesNo } from './labels.ts';

/** A column after the first: its header and what its numbers are. */
export interface FigureColumn {
  readonly header: string;
  readonly kind: 'text' | 'money' | 'moneyChange' | 'percent' | 'count';
}

/** A member's figures, after its name. */
export const MEMBER_FIGURE_COLUMNS: readonly FigureColumn[] = [
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

/** A month's figures of the trend, after the month. */
export const TREND_COLUMNS: readonly FigureColumn[] = [
  { header: 'Revenue', kind: 'money' },
  { header: 'Orders', kind: 'count' },
  { header: 'AOV', kind: 'money' },
  { header: 'Active customers', kind: 'count' },
  { header: 'New customers', kind: 'count' },
  { header: 'Cancelled orders', kind: 'count' },
  { header: 'Lost revenue', kind: 'money' },
];

/** A trend month and its figures, in the order of {@link TREND_COLUMNS}. */
export function trendCells(p: TrendSection['points'][number]): (string | number | null)[] {
  return [
    p.month,
    p.revenue,
    p.orders,
    p.aov,
    p.activeCustomers,
    p.newCustomers,
    p.cancelledOrders,
    p.lostRevenue,
  ];
}

/** A bridge segment's figures, after the segment. */
export const BRIDGE_SEGMENT_COLUMNS: readonly FigureColumn[] = [
  { header: 'Start revenue', kind: 'money' },
  { header: 'End revenue', kind: 'money' },
  { header: 'Change', kind: 'moneyChange' },
  { header: 'Volume effect', kind: 'moneyChange' },
  { header: 'AOV effect', kind: 'moneyChange' },
  { header: 'Mix effect', kind: 'moneyChange' },
  { header: 'Status', kind: 'text' },
  { header: 'Driver', kind: 'text' },
];

/** A bridge segment and its figures, in the order of {@link BRIDGE_SEGMENT_COLUMNS}. */
export function bridgeSegmentCells(s: BridgeSection['segments'][number]): (string | number | null)[] {
  return [
    s.segment,
    s.startRevenue,
    s.endRevenue,
    s.change,
    s.volume,
    s.aov,
    s.mix,
    s.status,
    yesNo(s.driver),
  ];
}
