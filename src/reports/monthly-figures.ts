/**
 * The review's figures read from gold: the month's KPIs with their comparisons (gold.monthly_kpis)
 * and a dimension's members in the month (gold.monthly_by). DuckDB sums; money arrives as exact
 * decimal text and becomes a number rounded to the cent here, for display.
 */
import { varcharList, type Warehouse } from '../warehouse/index.ts';
import type { HeadlineSection, Kpi, MemberFigures, TrendPoint, TrendSection } from './model.ts';
import { monthStart, shiftMonth } from './report-month.ts';

/** A decimal text or number as a number rounded to the cent; `null` stays `null`. */
export function money(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const x = Number(value);
  return Number.isFinite(x) ? Math.round(x * 100) / 100 : null;
}

/** A count (BIGINT decoded as number or text) as a number; `null` stays `null`. */
export function count(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const x = Number(value);
  return Number.isFinite(x) ? x : null;
}

/** a / b, `null` when b is zero or either is missing. */
export function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

interface KpiRow {
  month: string;
  orders: number | string;
  units: number | string;
  revenue: string;
  aov: number | null;
  active_customers: number | string;
  new_customers: number | string;
  cancelled_orders: number | string;
  cancellation_rate: number | null;
  lost_revenue: string;
}

/** Every month's KPI row up to and including `month`, keyed `YYYY-MM`. */
export async function readMonthlyKpis(wh: Warehouse, month: string): Promise<Map<string, KpiRow>> {
  const rows = await wh.all<KpiRow>(
    `select strftime(month, '%Y-%m') as month, orders, units, revenue, aov, active_customers,
            new_customers, cancelled_orders, cancellation_rate, lost_revenue
     from gold.monthly_kpis where month <= cast($m as date) order by month`,
    { m: monthStart(month) },
  );
  return new Map(rows.map((r) => [r.month, r]));
}

const KPI_DEFINITIONS: readonly {
  id: Kpi['id'];
  label: string;
  unit: Kpi['unit'];
  read: (r: KpiRow) => number | null;
}[] = [
  { id: 'revenue', label: 'Revenue', unit: 'money', read: (r) => money(r.revenue) },
  { id: 'orders', label: 'Valid orders', unit: 'count', read: (r) => count(r.orders) },
  { id: 'aov', label: 'Average order value', unit: 'money', read: (r) => money(r.aov) },
  { id: 'units', label: 'Units sold', unit: 'count', read: (r) => count(r.units) },
  {
    id: 'active_customers',
    label: 'Active customers',
    unit: 'count',
    read: (r) => count(r.active_customers),
  },
  { id: 'new_customers', label: 'New customers', unit: 'count', read: (r) => count(r.new_customers) },
  { id: 'cancellation_rate', label: 'Cancellation rate', unit: 'rate', read: (r) => r.cancellation_rate },
  {
    id: 'lost_revenue',
    label: 'Revenue lost to cancellations',
    unit: 'money',
    read: (r) => money(r.lost_revenue),
  },
];

/**
 * The month's KPIs against the month before and the same month a year earlier. A comparison
 * month without orders has no row in gold: its figures are `null`, not zero, so no delta is
 * invented. Rates get point changes only (`deltaMonthRatio` null).
 */
export function headlineSection(kpis: ReadonlyMap<string, KpiRow>, month: string): HeadlineSection {
  const previousMonth = shiftMonth(month, -1);
  const previousYear = shiftMonth(month, -12);
  const now = kpis.get(month);
  const before = kpis.get(previousMonth);
  const yearAgo = kpis.get(previousYear);
  const round = (x: number | null, unit: Kpi['unit']): number | null =>
    x === null ? null : unit === 'money' ? Math.round(x * 100) / 100 : x;
  const list: Kpi[] = KPI_DEFINITIONS.map((d) => {
    const value = now === undefined ? null : d.read(now);
    const pm = before === undefined ? null : d.read(before);
    const py = yearAgo === undefined ? null : d.read(yearAgo);
    const delta = (base: number | null) =>
      value === null || base === null ? null : round(value - base, d.unit);
    const rel = (base: number | null) =>
      d.unit === 'rate' || value === null || base === null || base === 0 ? null : (value - base) / base;
    return {
      id: d.id,
      label: d.label,
      unit: d.unit,
      value,
      previousMonth: pm,
      previousYear: py,
      deltaMonth: delta(pm),
      deltaMonthRatio: rel(pm),
      deltaYear: delta(py),
      deltaYearRatio: rel(py),
    };
  });
  return {
    id: 'headline',
    title: 'Headline figures',
    status: 'present',
    previousMonth,
    previousYear,
    kpis: list,
  };
}

/**
 * The last 24 months ending with the report month, months without any order as zeros (gold has
 * no row for them), and the last three months' revenue against the three before.
 */
export function trendSection(kpis: ReadonlyMap<string, KpiRow>, month: string, first: string): TrendSection {
  const points: TrendPoint[] = [];
  for (let i = 23; i >= 0; i--) {
    const m = shiftMonth(month, -i);
    if (m < first) continue;
    const r = kpis.get(m);
    points.push({
      month: m,
      revenue: money(r?.revenue) ?? 0,
      orders: count(r?.orders) ?? 0,
      aov: r === undefined ? null : money(r.aov),
      activeCustomers: count(r?.active_customers) ?? 0,
      newCustomers: count(r?.new_customers) ?? 0,
      cancelledOrders: count(r?.cancelled_orders) ?? 0,
      lostRevenue: money(r?.lost_revenue) ?? 0,
    });
  }
  let threeMonthChangeRatio: number | null = null;
  if (points.length >= 6) {
    const sum = (from: number, to: number) => points.slice(from, to).reduce((s, p) => s + p.revenue, 0);
    const n = points.length;
    threeMonthChangeRatio = ratio(sum(n - 3, n) - sum(n - 6, n - 3), sum(n - 6, n - 3));
  }
  return { id: 'trend', title: 'Revenue trend', status: 'present', points, threeMonthChangeRatio };
}

interface MemberRow {
  member: string | null;
  orders: number | string;
  units: number | string | null;
  revenue: string | null;
  customers: number | string;
  cancelled_orders: number | string;
  lost_revenue: string | null;
}

/** The label of an empty member (a member of its own in gold, per the contract). */
export const EMPTY_MEMBER = '(none)';

/**
 * A dimension's members in the month from gold.monthly_by, by revenue (largest first, then by
 * name), with AOV, revenue per customer and revenue share of the month.
 */
export async function readMembers(wh: Warehouse, month: string, dimension: string): Promise<MemberFigures[]> {
  const rows = await wh.all<MemberRow>(
    `select member, orders, units, revenue, customers, cancelled_orders, lost_revenue
     from gold.monthly_by where month = cast($m as date) and dimension = $d
     order by coalesce(revenue, 0) desc, member nulls last`,
    { m: monthStart(month), d: dimension },
  );
  const total = rows.reduce((s, r) => s + (Number(r.revenue ?? 0) || 0), 0);
  return rows.map((r) => {
    const revenue = money(r.revenue) ?? 0;
    const orders = count(r.orders) ?? 0;
    const customers = count(r.customers) ?? 0;
    return {
      member: r.member ?? EMPTY_MEMBER,
      orders,
      units: count(r.units) ?? 0,
      revenue,
      customers,
      aov: ratio(revenue, orders),
      revenuePerCustomer: ratio(revenue, customers),
      revenueShare: ratio(Number(r.revenue ?? 0), total),
      cancelledOrders: count(r.cancelled_orders) ?? 0,
      lostRevenue: money(r.lost_revenue) ?? 0,
    };
  });
}

/** The order-level dimensions whose recorded members decide which sections a review has. */
export const SECTION_DIMENSIONS = ['channel', 'country', 'payment_method'] as const;

/** Up to three non-empty members of each of {@link SECTION_DIMENSIONS} over the whole warehouse: enough to tell none, one or several. */
export type RecordedMembers = ReadonlyMap<string, readonly string[]>;

/** Reads {@link RecordedMembers} from gold.monthly_by in one query. */
export async function recordedMembers(wh: Warehouse): Promise<RecordedMembers> {
  const rows = await wh.all<{ dimension: string; members: string[] }>(
    `select dimension, list(member order by member)[1:3] as members
     from (select distinct dimension, member from gold.monthly_by
           where dimension in (select unnest($d::VARCHAR[])) and member is not null)
     group by dimension`,
    { d: varcharList([...SECTION_DIMENSIONS]) },
  );
  return new Map(rows.map((r) => [r.dimension, r.members]));
}

/** The recorded members of a dimension (none when the warehouse's source does not record it). */
export function membersOf(recorded: RecordedMembers, dimension: string): readonly string[] {
  return recorded.get(dimension) ?? [];
}
