/**
 * The review's sections over one dimension of gold.monthly_by: channels (with order value tested
 * across them), geography (concentration) and cancellations. A dimension the warehouse's source
 * does not record is left out with the reason.
 */
import { compareGroups } from '../anova/index.ts';
import type { Warehouse } from '../warehouse/index.ts';
import type {
  CancellationsSection,
  ChannelsSection,
  GeographySection,
  MemberFigures,
  OmittedSection,
} from './model.ts';
import { membersOf, type RecordedMembers, ratio, readMembers } from './monthly-figures.ts';
import { omittedSection } from './omitted.ts';
import { monthStart } from './report-month.ts';
import { summariseComparison } from './test-summary.ts';

/** At most this many countries are listed; the rest are summed into "others". */
export const TOP_COUNTRIES = 15;

/**
 * Channels in the month: orders, revenue, customers, AOV and revenue per customer each, and
 * whether order value differs across channels (`compareGroups` with `auto` on the month's valid
 * orders in silver.fact_orders: one observation per order).
 */
export async function channelsSection(
  wh: Warehouse,
  month: string,
  recorded: RecordedMembers,
): Promise<ChannelsSection | OmittedSection> {
  const title = 'Channels';
  const channels = membersOf(recorded, 'channel');
  if (channels.length === 0) {
    return omittedSection(
      'channels',
      title,
      "No channel in this warehouse: its source export doesn't record one.",
    );
  }
  if (channels.length === 1) {
    return omittedSection(
      'channels',
      title,
      `Only one channel (${channels[0]}) in this warehouse: nothing to compare.`,
    );
  }
  const members = await readMembers(wh, month, 'channel');
  const named = members.filter((m) => m.orders > 0);
  let test = null;
  if (named.length >= 2) {
    const result = await compareGroups(wh, 'silver.fact_orders', {
      value: 'revenue',
      group: 'channel',
      where: `is_valid and order_month = DATE '${monthStart(month)}'`,
      tests: ['oneway'],
      auto: true,
      labels: { value: 'order value', group: 'channel', groupNoun: 'channel' },
    });
    test = summariseComparison(result);
  }
  return { id: 'channels', title, status: 'present', members, test };
}

/** Sum of squared shares (Herfindahl-Hirschman index on the 0..1 scale); `null` for no shares. */
export function herfindahl(shares: readonly number[]): number | null {
  if (shares.length === 0) return null;
  return shares.reduce((s, x) => s + x * x, 0);
}

/**
 * Countries in the month: the top {@link TOP_COUNTRIES} by revenue and the rest as "others", the
 * top country's and top three's share of revenue, and the Herfindahl-Hirschman index of revenue
 * shares and of customer shares (all countries, not only the top ones).
 */
export async function geographySection(
  wh: Warehouse,
  month: string,
  recorded: RecordedMembers,
): Promise<GeographySection | OmittedSection> {
  const title = 'Geography';
  const countries = membersOf(recorded, 'country');
  if (countries.length === 0) {
    return omittedSection(
      'geography',
      title,
      "No customer country in this warehouse: its source export doesn't record one.",
    );
  }
  if (countries.length === 1) {
    return omittedSection(
      'geography',
      title,
      `Every customer is in one country (${countries[0]}): no geography to compare.`,
    );
  }
  const all = await readMembers(wh, month, 'country');
  const totalRevenue = all.reduce((s, m) => s + m.revenue, 0);
  const totalCustomers = all.reduce((s, m) => s + m.customers, 0);
  const shares = all.map((m) => m.revenueShare ?? 0);
  const byCustomers = [...all].sort((a, b) => b.customers - a.customers || (a.member < b.member ? -1 : 1));
  const customerShares = all.map((m) => ratio(m.customers, totalCustomers) ?? 0);
  const top = all.slice(0, TOP_COUNTRIES);
  const rest = all.slice(TOP_COUNTRIES);
  const restRevenue = rest.reduce((s, m) => s + m.revenue, 0);
  return {
    id: 'geography',
    title,
    status: 'present',
    members: top,
    others:
      rest.length === 0
        ? null
        : {
            count: rest.length,
            revenue: Math.round(restRevenue * 100) / 100,
            revenueShare: ratio(restRevenue, totalRevenue),
          },
    countries: all.length,
    topMember: all[0]?.member ?? null,
    topShare: all[0]?.revenueShare ?? null,
    top3Share: all.length === 0 ? null : all.slice(0, 3).reduce((s, m) => s + (m.revenueShare ?? 0), 0),
    hhi: totalRevenue > 0 ? herfindahl(shares) : null,
    customerTopMember: byCustomers[0]?.member ?? null,
    customerTopShare: byCustomers[0] === undefined ? null : ratio(byCustomers[0].customers, totalCustomers),
    customerHhi: totalCustomers > 0 ? herfindahl(customerShares) : null,
  };
}

/**
 * Cancelled orders and the revenue they lost in the month, by payment method (by channel when
 * the source records no payment method), with each member's cancellation rate: cancelled /
 * (valid + cancelled) orders of the member. Left out when the warehouse has no cancelled order at
 * all (its source records none) or no dimension to break them down by.
 */
export async function cancellationsSection(
  wh: Warehouse,
  month: string,
  recorded: RecordedMembers,
): Promise<CancellationsSection | OmittedSection> {
  const title = 'Cancellations and lost revenue';
  const cancelled = await wh.scalar('select coalesce(sum(cancelled_orders), 0) from gold.monthly_kpis');
  if (Number(cancelled ?? 0) === 0) {
    return omittedSection(
      'cancellations',
      title,
      'No cancelled orders in this warehouse: its source export records none.',
    );
  }
  const dimension =
    membersOf(recorded, 'payment_method').length >= 2
      ? 'payment_method'
      : membersOf(recorded, 'channel').length >= 2
        ? 'channel'
        : null;
  if (dimension === null) {
    return omittedSection(
      'cancellations',
      title,
      "No payment method (nor several channels) in this warehouse to break cancellations down by: its source export doesn't record them.",
    );
  }
  const members: MemberFigures[] = await readMembers(wh, month, dimension);
  const lost = members.reduce((s, m) => s + m.lostRevenue, 0);
  const cancelledOrders = members.reduce((s, m) => s + m.cancelledOrders, 0);
  const orders = members.reduce((s, m) => s + m.orders, 0);
  const rows = members
    .map((m) => ({
      member: m.member,
      orders: m.orders,
      cancelledOrders: m.cancelledOrders,
      cancellationRate: ratio(m.cancelledOrders, m.orders + m.cancelledOrders),
      lostRevenue: m.lostRevenue,
      lostShare: ratio(m.lostRevenue, lost),
    }))
    .sort((a, b) => b.lostRevenue - a.lostRevenue || (a.member < b.member ? -1 : 1));
  return {
    id: 'cancellations',
    title,
    status: 'present',
    dimension,
    members: rows,
    cancelledOrders,
    lostRevenue: Math.round(lost * 100) / 100,
    cancellationRate: ratio(cancelledOrders, orders + cancelledOrders),
  };
}
