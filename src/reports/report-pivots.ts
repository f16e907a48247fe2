/**
 * The workbook's pivot tables and the flat sources they read, built from gold and aggregated so
 * they stay far below Excel's row limit: sales by month x channel x country (gold.daily_sales),
 * revenue by month x category (gold.monthly_by), cancellations by month x payment method
 * (gold.monthly_by), and, only with `includeCustomers`, the report month's spending per customer
 * (gold.customer_monthly_spend). Sources cover the 24 months up to the report month.
 */
import type { Warehouse } from '../warehouse/index.ts';
import { EXCEL_FORMATS, excelMoneyFormat } from './format.ts';
import { dimensionPresent } from './monthly-figures.ts';
import { monthStart, shiftMonth } from './report-month.ts';
import type { PivotCell, PivotSource, PivotSpec } from './xlsx/pivot/index.ts';

/** A source longer than this is cut to its largest rows, with a warning (Excel allows 1,048,575). */
export const MAX_PIVOT_SOURCE_ROWS = 500_000;

export interface ReportPivots {
  readonly sources: PivotSource[];
  readonly pivots: PivotSpec[];
  /** Where each pivot's figures come from in gold, for readers and tests. */
  readonly lineage: Readonly<Record<string, string>>;
  readonly warnings: { code: string; message: string }[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

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
  const moneyFmt = excelMoneyFormat(currency);
  const sources: PivotSource[] = [];
  const pivots: PivotSpec[] = [];
  const lineage: Record<string, string> = {};
  const warnings: { code: string; message: string }[] = [];
  const hasChannel = await dimensionPresent(wh, 'channel');

  const sales = await wh.all<Record<string, unknown>>(
    `select strftime(date, '%Y') as year, strftime(date, '%Y-%m') as month, channel, country,
            sum(orders) as orders, sum(units) as units, sum(revenue) as revenue,
            sum(cancelled_orders) as cancelled_orders, sum(lost_revenue) as lost_revenue
     from gold.daily_sales
     where date >= cast($from as date) and date < cast($to as date) + interval 1 month
     group by all order by month, channel nulls last, country nulls last
     limit ${MAX_PIVOT_SOURCE_ROWS + 1}`,
    { from, to },
  );
  if (sales.length > MAX_PIVOT_SOURCE_ROWS) {
    sales.length = MAX_PIVOT_SOURCE_ROWS;
    warnings.push({ code: 'pivot_source_cut', message: `Sales data cut to ${MAX_PIVOT_SOURCE_ROWS} rows.` });
  }
  sources.push({
    sheetName: 'Source sales',
    columns: [
      { name: 'Year', type: 'text' },
      { name: 'Month', type: 'text' },
      { name: 'Channel', type: 'text' },
      { name: 'Country', type: 'text' },
      { name: 'Orders', type: 'number', numFmt: EXCEL_FORMATS.count },
      { name: 'Units', type: 'number', numFmt: EXCEL_FORMATS.count },
      { name: 'Revenue', type: 'number', numFmt: moneyFmt },
      { name: 'Cancelled orders', type: 'number', numFmt: EXCEL_FORMATS.count },
      { name: 'Lost revenue', type: 'number', numFmt: moneyFmt },
    ],
    rows: sales.map((r): PivotCell[] => [
      text(r.year),
      text(r.month),
      text(r.channel),
      text(r.country),
      num(r.orders),
      num(r.units),
      num(r.revenue),
      num(r.cancelled_orders),
      num(r.lost_revenue),
    ]),
  });
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
    values: [{ field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: moneyFmt }],
  });
  lineage.RevenueByMonth = 'gold.daily_sales: sum(revenue) by month (and channel)';
  pivots.push({
    name: 'Countries',
    source: 'Source sales',
    sheetName: 'Pivot countries',
    title: 'Countries: revenue, orders and average revenue per month and channel (filter by year)',
    rows: ['Country'],
    columns: [],
    pages: ['Year'],
    values: [
      { field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: moneyFmt },
      { field: 'Orders', aggregate: 'sum', caption: 'Total orders', numFmt: EXCEL_FORMATS.count },
      {
        field: 'Revenue',
        aggregate: 'average',
        caption: 'Average revenue per month and channel',
        numFmt: moneyFmt,
      },
    ],
  });
  lineage.Countries =
    'gold.daily_sales: sum(revenue), sum(orders), avg(revenue of month x channel x country) by country';

  const categories = await wh.all<Record<string, unknown>>(
    `select strftime(b.month, '%Y-%m') as month, coalesce(c.category_name, b.member) as category,
            b.orders, b.units, b.revenue
     from gold.monthly_by b
     left join (select distinct category_id, category_name from silver.dim_products) c on c.category_id = b.member
     where b.dimension = 'category' and b.month between cast($from as date) and cast($to as date)
       and b.revenue is not null
     order by b.month, category limit ${MAX_PIVOT_SOURCE_ROWS}`,
    { from, to },
  );
  if (categories.length > 0) {
    sources.push({
      sheetName: 'Source categories',
      columns: [
        { name: 'Month', type: 'text' },
        { name: 'Category', type: 'text' },
        { name: 'Orders', type: 'number', numFmt: EXCEL_FORMATS.count },
        { name: 'Units', type: 'number', numFmt: EXCEL_FORMATS.count },
        { name: 'Revenue', type: 'number', numFmt: moneyFmt },
      ],
      rows: categories.map((r): PivotCell[] => [
        text(r.month),
        text(r.category),
        num(r.orders),
        num(r.units),
        num(r.revenue),
      ]),
    });
    pivots.push({
      name: 'Categories',
      source: 'Source categories',
      sheetName: 'Pivot categories',
      title: 'Categories: revenue, units and average monthly revenue (filter by month)',
      rows: ['Category'],
      columns: [],
      pages: ['Month'],
      values: [
        { field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: moneyFmt },
        { field: 'Units', aggregate: 'sum', caption: 'Total units', numFmt: EXCEL_FORMATS.count },
        { field: 'Revenue', aggregate: 'average', caption: 'Average monthly revenue', numFmt: moneyFmt },
      ],
    });
    lineage.Categories =
      "gold.monthly_by (dimension 'category'): sum(revenue), sum(units), avg(revenue) by category";
  }

  const cancelled = Number(
    (await wh.scalar('select coalesce(sum(cancelled_orders), 0) from gold.monthly_kpis')) ?? 0,
  );
  const cancelDimension = (await dimensionPresent(wh, 'payment_method'))
    ? 'payment_method'
    : hasChannel
      ? 'channel'
      : null;
  if (cancelled > 0 && cancelDimension !== null) {
    const memberLabel = cancelDimension === 'payment_method' ? 'Payment method' : 'Channel';
    const rows = await wh.all<Record<string, unknown>>(
      `select strftime(month, '%Y-%m') as month, member, orders, cancelled_orders, lost_revenue
       from gold.monthly_by where dimension = $d and month between cast($from as date) and cast($to as date)
       order by month, member nulls last`,
      { d: cancelDimension, from, to },
    );
    sources.push({
      sheetName: 'Source cancellations',
      columns: [
        { name: 'Month', type: 'text' },
        { name: memberLabel, type: 'text' },
        { name: 'Valid orders', type: 'number', numFmt: EXCEL_FORMATS.count },
        { name: 'Cancelled orders', type: 'number', numFmt: EXCEL_FORMATS.count },
        { name: 'Lost revenue', type: 'number', numFmt: moneyFmt },
      ],
      rows: rows.map((r): PivotCell[] => [
        text(r.month),
        text(r.member),
        num(r.orders),
        num(r.cancelled_orders),
        num(r.lost_revenue) ?? 0,
      ]),
    });
    pivots.push({
      name: 'Cancellations',
      source: 'Source cancellations',
      sheetName: 'Pivot cancellations',
      title: `Cancellations and lost revenue by ${cancelDimension.replace('_', ' ')} (filter by month)`,
      rows: [memberLabel],
      columns: [],
      pages: ['Month'],
      values: [
        {
          field: 'Cancelled orders',
          aggregate: 'sum',
          caption: 'Total cancelled orders',
          numFmt: EXCEL_FORMATS.count,
        },
        { field: 'Lost revenue', aggregate: 'sum', caption: 'Total lost revenue', numFmt: moneyFmt },
        { field: 'Month', aggregate: 'count', caption: 'Months', numFmt: EXCEL_FORMATS.count },
      ],
    });
    lineage.Cancellations = `gold.monthly_by (dimension '${cancelDimension}'): sum(cancelled_orders), sum(lost_revenue), count(months) by member`;
  }

  if (includeCustomers) {
    const customers = await wh.all<Record<string, unknown>>(
      `select s.customer_id, c.country, s.orders, s.revenue
       from gold.customer_monthly_spend s
       left join silver.dim_customers c using (customer_id)
       where s.month = cast($to as date)
       order by s.revenue desc, s.customer_id limit ${MAX_PIVOT_SOURCE_ROWS + 1}`,
      { to },
    );
    if (customers.length > MAX_PIVOT_SOURCE_ROWS) {
      customers.length = MAX_PIVOT_SOURCE_ROWS;
      warnings.push({
        code: 'pivot_source_cut',
        message: `Customer data cut to the ${MAX_PIVOT_SOURCE_ROWS} customers with the most revenue.`,
      });
    }
    sources.push({
      sheetName: 'Source customers',
      columns: [
        { name: 'Customer', type: 'text' },
        { name: 'Country', type: 'text' },
        { name: 'Orders', type: 'number', numFmt: EXCEL_FORMATS.count },
        { name: 'Revenue', type: 'number', numFmt: moneyFmt },
      ],
      rows: customers.map((r): PivotCell[] => [
        text(r.customer_id),
        text(r.country),
        num(r.orders),
        num(r.revenue),
      ]),
    });
    pivots.push({
      name: 'Customers',
      source: 'Source customers',
      sheetName: 'Pivot customers',
      title: 'Customers of the month by country: how many, their revenue and the average per customer',
      rows: ['Country'],
      columns: [],
      pages: [],
      values: [
        { field: 'Customer', aggregate: 'count', caption: 'Customers', numFmt: EXCEL_FORMATS.count },
        { field: 'Revenue', aggregate: 'sum', caption: 'Total revenue', numFmt: moneyFmt },
        { field: 'Revenue', aggregate: 'average', caption: 'Average revenue per customer', numFmt: moneyFmt },
      ],
    });
    lineage.Customers =
      'gold.customer_monthly_spend of the month: count(customers), sum(revenue), avg(revenue) by country';
  }
  return { sources, pivots, lineage, warnings };
}
