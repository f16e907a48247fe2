/**
 * Customer features (`shopstat features --customer ...`): a customer's history as of each order
 * row (tenure, first and last order date, order index, days since the previous order, orders and
 * value before), and recency / frequency / monetary as of a date ({@link rfmQuery}).
 *
 * Each row of the table is one order. Without `asOf` every feature is as of the row and sees no
 * future: "before" means on an earlier date (rows of the same date never see each other, the
 * training-mode rule of `windows.ts`), and the first order date is the earliest date up to the
 * row's own. With `asOf` (a snapshot for scoring) the history features are those of the
 * customer's orders on or before `asOf`, the same on every row of the customer. Rows without a
 * customer get null features.
 */
import { InvalidArgumentError } from '../errors.ts';
import { quoteIdentifier, validateIdentifier } from '../warehouse/identifiers.ts';
import {
  asOfLiteral,
  BEFORE_CURRENT_DATE,
  isNumericType,
  sumType,
  type TableColumn,
  tableColumn,
} from './lag-frame.ts';
import { namePart } from './lag-spec.ts';
import type { FeatureColumn, FeatureContext, FeatureSet } from './types.ts';

/** Options of {@link customerFeatures}. */
export interface CustomerFeatureOptions {
  /** The customer column (as the table spells it). */
  readonly customer: string;
  /** The order value column. Default `revenue`; when that column is absent, no value feature. */
  readonly value?: string;
  /** `YYYY-MM-DD`: history as of this date instead of as of each row (see the module comment). */
  readonly asOf?: string;
  /** A column ordering a customer's orders of the same date (order id, timestamp); see `customer_order_index`. */
  readonly order?: string;
}

const CALLER = 'customerFeatures';
const UP_TO_CURRENT_DATE = 'range between unbounded preceding and current row';

function valueColumn(ctx: FeatureContext, options: CustomerFeatureOptions): TableColumn | null {
  if (options.value === undefined && !ctx.columns.some((c) => c.name === 'revenue')) return null;
  const value = tableColumn(ctx, options.value ?? 'revenue', 'value', CALLER);
  if (!isNumericType(value.type)) {
    throw new InvalidArgumentError(
      `${CALLER}: value column ${JSON.stringify(value.name)} must be numeric, got ${value.type}`,
    );
  }
  return value;
}

/**
 * Per-row customer features, named `customer_*` (BIGINT unless stated):
 * - `customer_first_order_date` (DATE): the first order date up to the row's date (as of `asOf`).
 * - `customer_last_order_date` (DATE): the latest order date strictly before the row's date
 *   (with `asOf`: the latest on or before `asOf`); null for a first order.
 * - `customer_tenure_days`: days from the first order to the row's date (to `asOf`).
 * - `customer_order_index`: 1-based, by date then the `order` column (`row_number`); without
 *   `order`, orders of the same date share the index of the first (`rank`: 1, 1, 3).
 * - `customer_days_since_previous_order`: days since the latest earlier date; null for the first.
 * - `customer_prior_orders`: orders on earlier dates (with `asOf`: on or before `asOf`).
 * - `customer_prior_<value>`: the sum of their value (DECIMAL stays DECIMAL); null when none.
 *
 * @throws InvalidArgumentError for an unknown column, a non-numeric value or a bad `asOf`.
 * @example customerFeatures(ctx, { customer: 'customer_id', order: 'order_id' })
 *   // for a's orders on 01-01, 01-01, 01-05: tenure 0, 0, 4; order index 1, 2, 3; prior orders 0, 0, 2
 */
export function customerFeatures(ctx: FeatureContext, options: CustomerFeatureOptions): FeatureSet {
  const customer = tableColumn(ctx, options.customer, 'customer', CALLER);
  const value = valueColumn(ctx, options);
  const order = options.order === undefined ? null : tableColumn(ctx, options.order, 'order', CALLER);
  const asOf = options.asOf === undefined ? null : asOfLiteral(options.asOf, CALLER);
  const d = ctx.date;
  const p = `partition by ${customer.sql}`;
  const before = `over (${p} order by ${d} ${BEFORE_CURRENT_DATE})`;
  // history: as of the row (frames ending before / at its date) or as of asOf (a filter)
  const history = (call: string, frame: string): string =>
    asOf === null
      ? `${call} over (${p} order by ${d} ${frame})`
      : `${call} filter (where ${d} <= ${asOf}) over (${p})`;
  const firstOrder = history(`min(${d})`, UP_TO_CURRENT_DATE);
  const index =
    order === null
      ? `rank() over (${p} order by ${d})`
      : `row_number() over (${p} order by ${d}, ${order.sql} asc nulls last)`;
  const when = asOf === null ? 'as of the row date' : `as of ${options.asOf}`;
  const columns: [string, string, string, string][] = [
    ['customer_first_order_date', firstOrder, 'DATE', `first order date ${when}`],
    [
      'customer_last_order_date',
      asOf === null ? `max(${d}) ${before}` : history(`max(${d})`, ''),
      'DATE',
      asOf === null ? 'latest order date strictly before the row date' : `latest order date ${when}`,
    ],
    [
      'customer_tenure_days',
      `cast(${asOf ?? d} - ${firstOrder} as bigint)`,
      'BIGINT',
      `days since the first order, ${when}`,
    ],
    ['customer_order_index', index, 'BIGINT', '1-based order number of the customer, by date then order'],
    [
      'customer_days_since_previous_order',
      `cast(${d} - max(${d}) ${before} as bigint)`,
      'BIGINT',
      'days since the latest earlier order date',
    ],
    [
      'customer_prior_orders',
      history('count(*)', BEFORE_CURRENT_DATE),
      'BIGINT',
      `orders before the row date${asOf === null ? '' : ` (${when})`}`,
    ],
  ];
  if (value !== null) {
    const type = sumType(value.type);
    columns.push([
      validateIdentifier(`customer_prior_${namePart(value.name)}`, 'feature name'),
      `cast(${history(`sum(${value.sql})`, BEFORE_CURRENT_DATE)} as ${type})`,
      type,
      `sum of ${value.name} of the orders before the row date${asOf === null ? '' : ` (${when})`}`,
    ]);
  }
  return {
    spec: asOf === null ? `customer:${options.customer}` : `customer:${options.customer}@${options.asOf}`,
    columns: columns.map(
      ([name, sql, type, description]): FeatureColumn => ({
        name,
        sql: `case when ${customer.sql} is null then null else ${sql} end`,
        type,
        description: `${description} (${options.customer})`,
      }),
    ),
    setup: [],
    joins: [],
    warnings: [],
  };
}

/** Options of {@link rfmQuery}. */
export interface RfmOptions {
  readonly customer: string;
  /** The order value column summed as `monetary`. Default `revenue`. */
  readonly value?: string;
  /** `YYYY-MM-DD`: only orders on or before this date count. */
  readonly asOf: string;
}

/**
 * Recency, frequency and monetary value per customer as of a date, one row per customer with an
 * order on or before `asOf` (ordered by customer): `<customer>`, `recency_days` (BIGINT, days
 * from the last order to `asOf`), `frequency` (BIGINT, orders = rows), `monetary` (sum of the
 * value; DECIMAL stays DECIMAL). Rows without a customer are left out. `tableSql` is the table's
 * quoted SQL name (e.g. `ResolvedTable`'s), aliased `t`; `asOf` is bound as `$as_of`.
 *
 * @throws InvalidArgumentError for an unknown column, a non-numeric value or a bad `asOf`.
 * @example rfmQuery('"orders"', ctx, { customer: 'customer_id', asOf: '2024-01-06' })
 *   // customer a (orders 01-01, 01-01, 01-05): recency_days 1, frequency 3, monetary the sum of the three
 */
export function rfmQuery(
  tableSql: string,
  ctx: FeatureContext,
  options: RfmOptions,
): { readonly sql: string; readonly params: Readonly<Record<string, string>> } {
  const caller = 'rfmQuery';
  const customer = tableColumn(ctx, options.customer, 'customer', caller);
  const value = tableColumn(ctx, options.value ?? 'revenue', 'value', caller);
  if (!isNumericType(value.type)) {
    throw new InvalidArgumentError(
      `${caller}: value column ${JSON.stringify(value.name)} must be numeric, got ${value.type}`,
    );
  }
  asOfLiteral(options.asOf, caller);
  const d = ctx.date;
  const sql = [
    `select ${customer.sql} as ${quoteIdentifier(customer.name)},`,
    `  cast(cast($as_of as date) - max(${d}) as bigint) as recency_days,`,
    '  count(*) as frequency,',
    `  sum(${value.sql}) as monetary`,
    `from ${tableSql} t`,
    `where ${d} <= cast($as_of as date) and ${customer.sql} is not null`,
    `group by ${customer.sql}`,
    `order by ${customer.sql}`,
  ].join('\n');
  return { sql, params: { as_of: options.asOf } };
}
