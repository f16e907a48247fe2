import { InvalidArgumentError, WarehouseError } from '../errors.ts';
import type { Warehouse } from '../warehouse/index.ts';
import {
  type DecomposeInput,
  type DecomposeOptions,
  type DecompositionResult,
  decomposeTotals,
  type PeriodFigures,
  type SegmentFigures,
} from './core.ts';
import { checkPeriods, lastCompleteMonth, type Period, parsePeriod, previousPeriod } from './periods.ts';
import { isLineSplit, parseDimensions, periodFiguresQuery, segmentFiguresQuery } from './query.ts';

/** What to compare: two periods, an optional split, and the core's options. */
export interface DecomposeRevenueOptions extends DecomposeOptions {
  /**
   * The earlier period: `2025-08`, `2025-Q3`, `2025` or `2025-08-01..2025-08-15` (both ends
   * included). Default: the period just before `to`, of the same kind (`previousPeriod`).
   */
  readonly from?: string | Period;
  /**
   * The later period, in the same forms. Default: the warehouse's last complete month (the month
   * of its last order day when that is the month's last day, else the month before).
   */
  readonly to?: string | Period;
  /**
   * Up to two dimensions to split by (`channel`, `country`, `payment_method`, `gender`; or
   * line-level `product`, `category`, `brand`, which split revenue as units x
   * revenue per unit). Default: no split.
   */
  readonly by?: readonly string[];
}

interface FiguresRow {
  start_orders: number;
  start_revenue: string;
  start_customers: number;
  start_units: number;
  end_orders: number;
  end_revenue: string;
  end_customers: number;
  end_units: number;
  currency: string | null;
}

interface SegmentRow {
  k0: string | null;
  k1?: string | null;
  start_count: number;
  start_revenue: string;
  end_count: number;
  end_revenue: string;
}

/**
 * Why revenue moved between two periods, from a warehouse built by `shopstat etl`: the change
 * split into a volume (valid orders) and an AOV effect, optionally into more factors and by
 * segment with a mix effect, exact to the cent. DuckDB sums the periods and segments from
 * `silver.fact_orders` / `silver.order_lines` (valid orders, dates in the warehouse's reporting
 * zone); the split itself is {@link decomposeTotals}, on exact decimal totals.
 *
 * @throws InvalidArgumentError for an unreadable period, `from` not before `to`, an unknown
 *   dimension or factor, or a warehouse without the silver tables.
 * @example await decomposeRevenueChange(wh, { from: '2025-08', to: '2025-09', by: ['channel'] })
 */
export async function decomposeRevenueChange(
  wh: Warehouse,
  options: DecomposeRevenueOptions,
): Promise<DecompositionResult> {
  const by = parseDimensions(options.by ?? []);
  await requireSilver(wh);
  const to = typeof options.to === 'string' ? parsePeriod(options.to) : (options.to ?? (await defaultTo(wh)));
  const from =
    typeof options.from === 'string' ? parsePeriod(options.from) : (options.from ?? previousPeriod(to));
  checkPeriods(from, to);
  const figures = await wh.one<FiguresRow>(periodFiguresQuery(from, to));
  if (figures === null)
    throw new WarehouseError('decomposeRevenueChange: the period query returned no row', null);
  const segments: SegmentFigures[] = [];
  if (by.length > 0) {
    const rows = (await wh.query<SegmentRow>(segmentFiguresQuery(from, to, by))).rows;
    for (const r of rows) {
      segments.push({
        key: by.length === 2 ? [r.k0, r.k1 ?? null] : [r.k0],
        start: { count: r.start_count, revenue: r.start_revenue },
        end: { count: r.end_count, revenue: r.end_revenue },
      });
    }
  }
  const period = (p: 'start' | 'end'): PeriodFigures => ({
    orders: figures[`${p}_orders`],
    revenue: figures[`${p}_revenue`],
    customers: figures[`${p}_customers`],
    units: figures[`${p}_units`],
  });
  const input: DecomposeInput = {
    currency: figures.currency ?? '',
    from,
    to,
    start: period('start'),
    end: period('end'),
    by,
    basis: by.length === 0 ? null : isLineSplit(by) ? 'units' : 'orders',
    segments,
  };
  const core: DecomposeOptions = {
    ...(options.method === undefined ? {} : { method: options.method }),
    ...(options.factors === undefined ? {} : { factors: options.factors }),
    ...(options.driverShare === undefined ? {} : { driverShare: options.driverShare }),
  };
  return decomposeTotals(input, core);
}

/** The warehouse's last complete month, or an error when it has no orders. */
async function defaultTo(wh: Warehouse): Promise<Period> {
  const last = await wh.scalar("select strftime(max(order_date), '%Y-%m-%d') from silver.fact_orders");
  const month = lastCompleteMonth(typeof last === 'string' ? last : null);
  if (month === null) {
    throw new InvalidArgumentError(
      'decompose: the warehouse has no orders; load some, or give --from and --to',
    );
  }
  return parsePeriod(month);
}

/** The silver tables the split reads, or an error saying how to build them. */
async function requireSilver(wh: Warehouse): Promise<void> {
  const found = await wh.one<{ n: number }>(
    `select count(*) as n from information_schema.tables
     where table_catalog = current_database() and table_schema = 'silver'
       and table_name in ('fact_orders', 'order_lines')`,
  );
  if ((found?.n ?? 0) < 2) {
    throw new InvalidArgumentError(
      'decompose: the warehouse has no silver.fact_orders and silver.order_lines; build it first with `shopstat etl --landing DIR --warehouse FILE`',
    );
  }
}
