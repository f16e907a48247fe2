import { InvalidArgumentError } from '../errors.ts';
import { quoteIdentifier, type SqlQuery } from '../warehouse/index.ts';
import type { Period } from './periods.ts';

/**
 * The dimensions a revenue change can be split by, named as in `gold.revenue_by`, with the column
 * of `silver.order_lines` (and, for order-level ones, `silver.fact_orders`) that holds them.
 * Order-level dimensions split orders exactly (each order has one channel, one country...);
 * line-level ones (product, category, brand) do not, since an order spans several, so a split by
 * them uses units and revenue per unit instead of orders and AOV. The customer's own attributes
 * are country and gender; the customer id itself is not a dimension here (a million one-customer
 * segments are no mix analysis: use `gold.monthly_by` for customers).
 */
export const ORDER_DIMENSIONS = {
  channel: 'channel',
  country: 'country',
  payment_method: 'payment_method',
  gender: 'gender',
} as const;

/** Line-level dimensions: see {@link ORDER_DIMENSIONS}. */
export const LINE_DIMENSIONS = {
  product: 'product_id',
  category: 'category_id',
  brand: 'brand_id',
} as const;

export type OrderDimension = keyof typeof ORDER_DIMENSIONS;
export type LineDimension = keyof typeof LINE_DIMENSIONS;
export type Dimension = OrderDimension | LineDimension;

const ALL_DIMENSIONS: readonly string[] = [...Object.keys(ORDER_DIMENSIONS), ...Object.keys(LINE_DIMENSIONS)];

/**
 * Checks the dimensions of a split: known names, none twice, at most two (channel x country).
 *
 * @throws InvalidArgumentError naming the bad dimension and the known ones.
 * @example parseDimensions(['channel', 'country']) // ['channel', 'country']
 */
export function parseDimensions(names: readonly string[]): Dimension[] {
  const out: Dimension[] = [];
  for (const raw of names) {
    const name = raw.trim().toLowerCase().replaceAll('-', '_');
    if (!ALL_DIMENSIONS.includes(name)) {
      throw new InvalidArgumentError(
        `decompose: unknown dimension ${JSON.stringify(raw)}; use one or two of ${ALL_DIMENSIONS.join(', ')}`,
      );
    }
    if (out.includes(name as Dimension)) {
      throw new InvalidArgumentError(`decompose: dimension ${JSON.stringify(raw)} is given twice`);
    }
    out.push(name as Dimension);
  }
  if (out.length > 2) {
    throw new InvalidArgumentError(
      `decompose: split by at most two dimensions at once (e.g. channel,country), got ${out.length}: ${out.join(', ')}`,
    );
  }
  return out;
}

/** Whether a split needs the line grain (units x revenue per unit): any line-level dimension. */
export function isLineSplit(dimensions: readonly Dimension[]): boolean {
  return dimensions.some((d) => d in LINE_DIMENSIONS);
}

function column(dimension: Dimension): string {
  return quoteIdentifier(
    dimension in LINE_DIMENSIONS
      ? LINE_DIMENSIONS[dimension as LineDimension]
      : ORDER_DIMENSIONS[dimension as OrderDimension],
  );
}

/** The bound bounds of the two periods, and a filter for each (`order_date` is in the warehouse's zone). */
function periodParams(from: Period, to: Period) {
  return {
    params: { fs: from.start, fe: from.end, ts: to.start, te: to.end },
    inFrom: 'order_date >= cast($fs as date) and order_date < cast($fe as date)',
    inTo: 'order_date >= cast($ts as date) and order_date < cast($te as date)',
  };
}

/**
 * The figures of both periods from `silver.fact_orders` (valid orders only, per the contract):
 * orders, exact revenue, distinct customers and units, and the warehouse's currency. One row with
 * columns `start_orders, start_revenue, start_customers, start_units, end_...` and `currency`.
 */
export function periodFiguresQuery(from: Period, to: Period): SqlQuery {
  const { params, inFrom, inTo } = periodParams(from, to);
  const figures = (prefix: string, inPeriod: string) => `
    count(*) filter (where ${inPeriod}) as ${prefix}_orders,
    cast(coalesce(sum(revenue) filter (where ${inPeriod}), 0) as decimal(38, 4)) as ${prefix}_revenue,
    count(distinct customer_id) filter (where ${inPeriod}) as ${prefix}_customers,
    cast(coalesce(sum(units) filter (where ${inPeriod}), 0) as bigint) as ${prefix}_units`;
  return {
    sql: `select ${figures('start', inFrom)}, ${figures('end', inTo)},
       (select min(currency) from silver.fact_orders where currency is not null) as currency
from silver.fact_orders
where is_valid and ((${inFrom}) or (${inTo}))`,
    params,
  };
}

/**
 * Per segment (one or two dimensions), the count and exact revenue of both periods, valid orders
 * only: orders and their revenue from `silver.fact_orders` for order-level dimensions; units and
 * line revenue from `silver.order_lines` when a dimension is line-level. Columns `k0` (and `k1`),
 * `start_count, start_revenue, end_count, end_revenue`, one row per segment present in either
 * period, ordered by key (missing values, NULL, first).
 */
export function segmentFiguresQuery(from: Period, to: Period, dimensions: readonly Dimension[]): SqlQuery {
  if (dimensions.length === 0)
    throw new InvalidArgumentError('segmentFiguresQuery: give at least one dimension');
  const { params, inFrom, inTo } = periodParams(from, to);
  const lines = isLineSplit(dimensions);
  const keys = dimensions.map((d, i) => `cast(${column(d)} as varchar) as k${i}`).join(', ');
  const count = lines ? 'quantity' : '1';
  const revenue = lines ? 'line_revenue' : 'revenue';
  const sums = (prefix: string, inPeriod: string) => `
    cast(coalesce(sum(${count}) filter (where ${inPeriod}), 0) as bigint) as ${prefix}_count,
    cast(coalesce(sum(${revenue}) filter (where ${inPeriod}), 0) as decimal(38, 4)) as ${prefix}_revenue`;
  const order = dimensions.map((_, i) => `k${i} nulls first`).join(', ');
  return {
    sql: `select ${keys}, ${sums('start', inFrom)}, ${sums('end', inTo)}
from ${lines ? 'silver.order_lines' : 'silver.fact_orders'}
where is_valid and ((${inFrom}) or (${inTo}))
group by all
order by ${order}`,
    params,
  };
}
