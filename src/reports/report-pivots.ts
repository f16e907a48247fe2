/**
 * The workbook's pivot tables and the flat sources they read, built from gold and aggregated so
 * they stay far below Excel's row limit: sales by month x channel x country (gold.daily_sales),
 * revenue by month x category (gold.monthly_by), cancellations by month x payment method
 * (gold.monthly_by), and, only with `includeCustomers`, the report month's spending per customer
 * (gold.customer_monthly_spend). Sources cover the 24 months up to the report month.
 */
import type { Warehouse } from '../warehouse/index.ts';
import { EXCEL_FORMATS, excelMoneyFormat } from './format.ts';
import { membersOf, recordedMembers } from './monthly-figures.ts';
import { monthStart, shiftMonth } from './report-month.ts';
import type { PivotCell, PivotSource, PivotSourceColumn, PivotSpec } from './xlsx/pivot/index.ts';

/** A source longer than this is cut to its largest rows, with a warning (Excel allows 1,048,575). */
export const MAX_PIVOT_SOURCE_ROWS = 500_000;

export interface ReportPivots {
  readonly sources: PivotSource[];
  readonly pivots: PivotSpec[];
  readonly warnings: { code: string; message: string }[];
}

/** A source column: its sheet header, the query column it reads, its type and number format. */
interface SourceColumn extends PivotSourceColumn {
  readonly key: string;
}

/**
 * Runs a source's query (at most {@link MAX_PIVOT_SOURCE_ROWS} rows, in the query's order; a
 * longer result is cut there with a warning) and lays its rows out as the columns say.
 */
async function readSource(
  wh: Warehouse,
  sheetName: string,
  sql: string,
  params: Record<string, string>,
  columns: readonly SourceColumn[],
  warnings: { code: string; message: string }[],
): Promise<PivotSource> {
  const rows = await wh.all<Record<string, unknown>>(`${sql} limit ${MAX_PIVOT_SOURCE_ROWS + 1}`, params);
  if (rows.length > MAX_PIVOT_SOURCE_ROWS) {
    rows.length = MAX_PIVOT_SOURCE_ROWS;
    warnings.push({
      code: 'pivot_source_cut',
      message: `${sheetName}: cut to its first ${MAX_PIVOT_SOURCE_ROWS.toLocaleString('en-US')} rows.`,
    });
  }
  return {
    sheetName,
    columns: columns.map(({ key: _key, ...column }) => column),
    rows: rows.map((r) =>
      columns.map((c): PivotCell => {
        const v = r[c.key];
        if (v === null || v === undefined) return null;
        return c.type === 'text' ? String(v) : Number(v);
      }),
    ),
  };
}

/**
 * Reads the pivot sources for the review of `month` and defines the pivots over them.
 * Dimensions the warehouse does not record are left out of the pivots (no channel column field
 * without channels; no cancellations pivot without cancelled orders).
 */
export async function reportPivots(
  wh: Warehouse,
  month: string,
  currency: string,
  includeCustomers: boolean,
): Promise<ReportPivots> {
  const from = monthStart(shiftMonth(month, -23));
  const to = monthStart(month);
  const money = excelMoneyFormat(currency);
  const count = EXCEL_FORMATS.count;
  const sources: PivotSource[] = [];
  const pivots: PivotSpec[] = [];
  const warnings: { code: string; message: string }[] = [];
  const recorded = await recordedMembers(wh);
  const hasChannel = membersOf(recorded, 'channel').length > 0;

  sources.push(
    await readSource(
      wh,
      'Source sales',
      `select strftime(date, '%Y') as year, strftime(date, '%Y-%m') as month, channel, country,
              sum(orders) as orders, sum(units) as units, sum(revenue) as revenue,
              sum(cancelled_orders) as cancelled_orders, sum(lost_revenue) as lost_revenue
       from gold.daily_sales
       where date >= cast($from as date) and date < cast($to as date) + interval 1 month
       group by all order by month, channel nulls last, country nulls last`,
      { from, to },
      [
        { key: 'year', name: 'Year', type: 'text' },
        { key: 'month', name: 'Month', type: 'text' },
        { key: 'channel', name: 'Channel', type: 'text' },
        { key: 'country', name: 'Country', type: 'text' },
        { key: 'orders', name: 'Orders', type: 'number', numFmt: count },
        { key: 'units', name: 'Units', type: 'number', numFmt: count },
        { key: 'revenue', name: 'Revenue', type: 'number', numFmt: money },
        { key: 'cancelled_orders', name: 'Cancelled orders', type: 'number', numFmt: count },
        { key: 'lost_revenue', name: 'Lost revenue', type: 'number', numFmt: money },
      ],
      warnings,
    ),
  );
  // gold.daily_sales: sum(revenue) by month (and channel).
  pivots.push({
    name: 'RevenueByMonth',
    source: 'Source sales',
    sheetName: 'Pivot revenue by month',
    title: hasChannel
      ? 'Revenue by month and channel (filter by country)'
      : 'Revenue by month (filter by country)',
    rows: ['Month'],
    columns: hasChannel ? ['Channel'] : [],
    pages: ['Country'],
    values: [{ field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: money }],
  });
  // gold.daily_sales: sum(revenue), sum(orders), avg(revenue of month x channel x country) by country.
  pivots.push({
    name: 'Countries',
    source: 'Source sales',
    sheetName: 'Pivot countries',
    title: 'Countries: revenue, orders and average revenue per month and channel (filter by year)',
    rows: ['Country'],
    columns: [],
    pages: ['Year'],
    values: [
      { field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: money },
      { field: 'Orders', aggregate: 'sum', caption: 'Total orders', numFmt: count },
      {
        field: 'Revenue',
        aggregate: 'average',
        caption: 'Average revenue per month and channel',
        numFmt: money,
      },
    ],
  });

  const categories = await readSource(
    wh,
    'Source categories',
    `select strftime(b.month, '%Y-%m') as month, coalesce(c.category_name, b.member) as category,
            b.orders, b.units, b.revenue
     from gold.monthly_by b
     left join (select distinct category_id, category_name from silver.dim_products) c on c.category_id = b.member
     where b.dimension = 'category' and b.month between cast($from as date) and cast($to as date)
       and b.revenue is not null
     order by b.month, category`,
    { from, to },
    [
      { key: 'month', name: 'Month', type: 'text' },
      { key: 'category', name: 'Category', type: 'text' },
      { key: 'orders', name: 'Orders', type: 'number', numFmt: count },
      { key: 'units', name: 'Units', type: 'number', numFmt: count },
      { key: 'revenue', name: 'Revenue', type: 'number', numFmt: money },
    ],
    warnings,
  );
  if (categories.rows.length > 0) {
    sources.push(categories);
    // gold.monthly_by (dimension 'category'): sum(revenue), sum(units), avg(revenue) by category.
    pivots.push({
      name: 'Categories',
      source: 'Source categories',
      sheetName: 'Pivot categories',
      title: 'Categories: revenue, units and average monthly revenue (filter by month)',
      rows: ['Category'],
      columns: [],
      pages: ['Month'],
      values: [
        { field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: money },
        { field: 'Units', aggregate: 'sum', caption: 'Total units', numFmt: count },
        { field: 'Revenue', aggregate: 'average', caption: 'Average monthly revenue', numFmt: money },
      ],
    });
  }

  const cancelled = Number(
    (await wh.scalar('select coalesce(sum(cancelled_orders), 0) from gold.monthly_kpis')) ?? 0,
  );
  const cancelDimension =
    membersOf(recorded, 'payment_method').length > 0 ? 'payment_method' : hasChannel ? 'channel' : null;
  if (cancelled > 0 && cancelDimension !== null) {
    const memberLabel = cancelDimension === 'payment_method' ? 'Payment method' : 'Channel';
    sources.push(
      await readSource(
        wh,
        'Source cancellations',
        `select strftime(month, '%Y-%m') as month, member, orders, cancelled_orders,
                coalesce(lost_revenue, 0) as lost_revenue
         from gold.monthly_by where dimension = $d and month between cast($from as date) and cast($to as date)
         order by month, member nulls last`,
        { d: cancelDimension, from, to },
        [
          { key: 'month', name: 'Month', type: 'text' },
          { key: 'member', name: memberLabel, type: 'text' },
          { key: 'orders', name: 'Valid orders', type: 'number', numFmt: count },
          { key: 'cancelled_orders', name: 'Cancelled orders', type: 'number', numFmt: count },
          { key: 'lost_revenue', name: 'Lost revenue', type: 'number', numFmt: money },
        ],
        warnings,
      ),
    );
    // gold.monthly_by: sum(cancelled_orders), sum(lost_revenue), count(months) by member.
    pivots.push({
      name: 'Cancellations',
      source: 'Source cancellations',
      sheetName: 'Pivot cancellations',
      title: `Cancellations and lost revenue by ${cancelDimension.replace('_', ' ')} (filter by month)`,
      rows: [memberLabel],
      columns: [],
      pages: ['Month'],
      values: [
        { field: 'Cancelled orders', aggregate: 'sum', caption: 'Total cancelled orders', numFmt: count },
        { field: 'Lost revenue', aggregate: 'sum', caption: 'Total lost revenue', numFmt: money },
        { field: 'Month', aggregate: 'count', caption: 'Months', numFmt: count },
      ],
    });
  }

  if (includeCustomers) {
    // The customers with the most revenue first, so a cut source keeps the largest.
    sources.push(
      await readSource(
        wh,
        'Source customers',
        `select s.customer_id, c.country, s.orders, s.revenue
         from gold.customer_monthly_spend s
         left join silver.dim_customers c using (customer_id)
         where s.month = cast($to as date)
         order by s.revenue desc, s.customer_id`,
        { to },
        [
          { key: 'customer_id', name: 'Customer', type: 'text' },
          { key: 'country', name: 'Country', type: 'text' },
          { key: 'orders', name: 'Orders', type: 'number', numFmt: count },
          { key: 'revenue', name: 'Revenue', type: 'number', numFmt: money },
        ],
        warnings,
      ),
    );
    // gold.customer_monthly_spend of the month: count(customers), sum(revenue), avg(revenue) by country.
    pivots.push({
      name: 'Customers',
      source: 'Source customers',
      sheetName: 'Pivot customers',
      title: 'Customers of the month by country: how many, their revenue and the average per customer',
      rows: ['Country'],
      columns: [],
      pages: [],
      values: [
        { field: 'Customer', aggregate: 'count', caption: 'Customers', numFmt: count },
        { field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: money },
        { field: 'Revenue', aggregate: 'average', caption: 'Average revenue per customer', numFmt: money },
      ],
    });
  }
  return { sources, pivots, warnings };
}
