import { quoteLiteral, type Warehouse } from '../src/warehouse/index.ts';
import { ENTITIES, ORDER_STATUSES } from './contract.ts';
import { withModelNames } from './models.ts';

/** A data-quality check: a query returning how many rows fail it and a detail text. */
export interface CheckSpec {
  readonly name: string;
  readonly layer: 'bronze' | 'silver' | 'gold';
  readonly severity: 'error' | 'warn';
  /** Returns one row `(failing BIGINT, detail VARCHAR)`. */
  readonly sql: string;
}

export interface CheckResult {
  readonly name: string;
  readonly layer: string;
  readonly severity: 'error' | 'warn';
  readonly passed: boolean;
  readonly failingRows: number;
  readonly detail: string | null;
}

const unique = (table: string, key: string): CheckSpec => ({
  name: `unique ${table}(${key})`,
  layer: 'silver',
  severity: 'error',
  // Duplicated keys are found first; only those few are spelled out for the detail.
  sql: `select count(*) as failing, string_agg(k, ', ') filter (where rn <= 5) as detail from (
          select ${key.split(', ').join(" || '|' || ")} as k, row_number() over () as rn from (
            select ${key} from {{silver.${table}}} group by ${key} having count(*) > 1))`,
});

const notNull = (table: string, column: string): CheckSpec => ({
  name: `not null silver.${table}.${column}`,
  layer: 'silver',
  severity: 'error',
  sql: `select count(*) as failing, null as detail from {{silver.${table}}} where ${column} is null`,
});

/** The sum of a gold column over daily_sales and over monthly_kpis equals the same over silver's valid orders. */
function goldMatchesSilver(column: 'revenue' | 'orders', silver: string): CheckSpec {
  return {
    name: `gold ${column} equal silver valid ${column}`,
    layer: 'gold',
    severity: 'error',
    sql: `select case when (select coalesce(sum(${column}), 0) from {{gold.daily_sales}}) = s.v
                   and (select coalesce(sum(${column}), 0) from {{gold.monthly_kpis}}) = s.v then 0 else 1 end as failing,
                  'silver valid ${column} ' || s.v as detail
          from (select ${silver} as v from {{silver.fact_orders}} where is_valid) s`,
  };
}

/** Row accounting of every loaded file: rows read = bronze + quarantine. */
const rowAccounting: CheckSpec = {
  name: 'row accounting: rows read = bronze + quarantine',
  layer: 'bronze',
  severity: 'error',
  sql: `with counted as (
          ${ENTITIES.map((e) => `select '${e.name}' as entity, _file_id, count(*) as n from bronze.${e.name} group by all union all select '${e.name}', _file_id, count(*) from quarantine.${e.name} group by all`).join(' union all ')}
        ), per_file as (select entity, _file_id, sum(n) as n from counted group by all)
        -- A mapped file's rows are counted in its rows entity (the ledger's); entities derived
        -- from the same rows hold one row per key and are not part of the sum.
        select count(*) as failing, string_agg(l.file_name || ': read ' || l.rows_read || ', stored ' || coalesce(p.n, 0), '; ') as detail
        from meta.file_ledger l left join per_file p on p._file_id = l.file_id and p.entity = l.entity
        where l.status = 'loaded' and l.rows_read <> coalesce(p.n, 0)`,
};

const nulledOptional: CheckSpec = {
  name: 'optional fields that failed to parse were set to null',
  layer: 'bronze',
  severity: 'warn',
  sql: `with n as (${ENTITIES.map((e) => `select '${e.name}' as entity, _source_file, _row_number, _nulled from bronze.${e.name} where _nulled is not null`).join(' union all ')})
        select count(*) as failing, string_agg(entity || ' ' || _source_file || ' row ' || _row_number || ': ' || _nulled, '; ') filter (where rn <= 5) as detail
        from (select *, row_number() over () as rn from n)`,
};

const quarantined: CheckSpec = {
  name: 'rows rejected to quarantine',
  layer: 'bronze',
  severity: 'warn',
  sql: `with q as (${ENTITIES.map((e) => `select _reason from quarantine.${e.name}`).join(' union all ')}),
             r as (select _reason, count(*) as n from q group by 1)
        select coalesce(sum(n), 0) as failing, string_agg(_reason || ': ' || n, ', ' order by _reason) as detail from r`,
};

/** The checks run after silver and gold are built, in order. */
export const CHECKS: readonly CheckSpec[] = [
  rowAccounting,
  nulledOptional,
  quarantined,
  unique('dim_customers', 'customer_id'),
  unique('dim_products', 'product_id'),
  unique('fact_orders', 'order_id'),
  unique('fact_order_items', 'order_id, line_number'),
  notNull('fact_orders', 'order_id'),
  notNull('fact_orders', 'customer_id'),
  notNull('fact_orders', 'order_ts'),
  notNull('fact_orders', 'status'),
  notNull('fact_order_items', 'quantity'),
  notNull('fact_order_items', 'unit_price'),
  {
    name: 'accepted values silver.fact_orders.status',
    layer: 'silver',
    severity: 'error',
    sql: `select count(*) as failing, string_agg(distinct status, ', ') as detail from {{silver.fact_orders}}
          where status not in (${ORDER_STATUSES.map(quoteLiteral).join(', ')})`,
  },
  {
    name: 'one reporting currency',
    layer: 'silver',
    severity: 'error',
    sql: `select case when count(distinct currency) > 1 then count(*) else 0 end as failing,
                  'currencies: ' || string_agg(distinct currency, ', ' order by currency) as detail
          from {{silver.fact_orders}} where currency is not null`,
  },
  {
    name: 'relationship fact_order_items.product_id -> dim_products',
    layer: 'silver',
    severity: 'error',
    sql: `select count(*) as failing, string_agg(distinct i.product_id, ', ') as detail from {{silver.fact_order_items}} i
          anti join {{silver.dim_products}} p on p.product_id = i.product_id`,
  },
  {
    name: 'orders whose customer is unknown',
    layer: 'silver',
    severity: 'warn',
    sql: `select count(*) as failing, null as detail from {{silver.fact_orders}} where not customer_known`,
  },
  {
    name: 'order lines whose order is missing or rejected (kept out of silver)',
    layer: 'silver',
    severity: 'warn',
    // One pass: the orphan lines are few, so their orders are listed from the same anti join.
    sql: `select count(distinct (order_id, line_number)) as failing,
                  array_to_string(list_sort(list_distinct(list(order_id)))[1:5], ', ') as detail
          from (select l.order_id, l.line_number from bronze.order_items l
                anti join {{silver.fact_orders}} o on o.order_id = l.order_id)`,
  },
  goldMatchesSilver('revenue', 'coalesce(sum(revenue), 0)'),
  goldMatchesSilver('orders', 'count(*)'),
  {
    // Order-level dimensions split each month's orders: their members add up to the month.
    name: 'monthly_by adds up to monthly_kpis in every order-level dimension',
    layer: 'gold',
    severity: 'error',
    sql: `select count(*) as failing, string_agg(strftime(b.month, '%Y-%m') || ' ' || b.dimension, ', ') as detail
          from (select month, dimension, sum(orders) as orders, sum(revenue) as revenue,
                       sum(cancelled_orders) as cancelled_orders, sum(lost_revenue) as lost_revenue
                from {{gold.monthly_by}}
                where dimension in ('customer', 'country', 'gender', 'channel', 'payment_method') group by all) b
          join {{gold.monthly_kpis}} k using (month)
          where b.orders <> k.orders or b.revenue <> k.revenue or b.cancelled_orders <> k.cancelled_orders
             or b.lost_revenue <> k.lost_revenue`,
  },
  {
    name: 'revenue shares add up to 1 in every dimension',
    layer: 'gold',
    severity: 'error',
    sql: `select count(*) as failing, string_agg(dimension || ': ' || s, ', ') as detail from (
            select dimension, sum(revenue_share) as s from {{gold.revenue_by}} group by 1
            having count(revenue_share) > 0 and abs(sum(revenue_share) - 1) > 1e-9)`,
  },
];

/** Runs checks (on the staged silver and gold tables, given their suffix) and returns their results; does not throw for failures. */
export async function runChecks(
  wh: Warehouse,
  checks: readonly CheckSpec[] = CHECKS,
  suffix = '',
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const row = await wh.one<{ failing: number; detail: string | null }>(withModelNames(check.sql, suffix));
    const failing = Number(row?.failing ?? 0);
    results.push({
      name: check.name,
      layer: check.layer,
      severity: check.severity,
      passed: failing === 0,
      failingRows: failing,
      detail: row?.detail ?? null,
    });
  }
  return results;
}
