import { lastCompleteMonth } from '../decompose/periods.ts';
import { InvalidArgumentError } from '../errors.ts';
import type { Warehouse } from '../warehouse/index.ts';

/** The gold tables the review reads; a warehouse without them has not been built by `shopstat etl`. */
export const REPORT_GOLD_TABLES = [
  'monthly_kpis',
  'monthly_by',
  'daily_sales',
  'customer_monthly_spend',
] as const;

/** `YYYY-MM` plus or minus whole months. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first day of a `YYYY-MM` month as an ISO date, for DATE parameters. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** The months the warehouse has orders in (any status), from gold.monthly_kpis. */
export interface WarehouseMonths {
  readonly first: string;
  readonly last: string;
  /** The last month whose last day is in the data (the default report month). */
  readonly lastComplete: string | null;
}

/**
 * Checks that the warehouse has the gold tables of the review, and reads its span of months.
 *
 * @throws InvalidArgumentError for a warehouse without gold (saying how to build it) or without
 *   orders.
 */
export async function warehouseMonths(wh: Warehouse): Promise<WarehouseMonths> {
  const found = await wh.all<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_catalog = current_database() and table_schema = 'gold'`,
  );
  const names = new Set(found.map((r) => r.name));
  const missing = REPORT_GOLD_TABLES.filter((t) => !names.has(t));
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      `report: the warehouse has no ${missing.map((t) => `gold.${t}`).join(', ')}; build it with \`shopstat etl --landing DIR --warehouse FILE\``,
    );
  }
  const span = await wh.one<{ first: string | null; last: string | null; last_day: string | null }>(
    `select strftime(min(month), '%Y-%m') as first, strftime(max(month), '%Y-%m') as last,
            (select strftime(max(date), '%Y-%m-%d') from gold.daily_sales) as last_day
     from gold.monthly_kpis`,
  );
  if (span?.first == null || span.last == null) {
    throw new InvalidArgumentError('report: the warehouse has no orders yet; load some with `shopstat etl`');
  }
  return { first: span.first, last: span.last, lastComplete: lastCompleteMonth(span.last_day ?? null) };
}

/**
 * The month to review (`span` from {@link warehouseMonths}): the one asked for (checked to be `YYYY-MM`, inside the warehouse and with
 * valid orders) or the last complete month.
 *
 * @throws InvalidArgumentError for an unreadable month, a month outside the warehouse, a month
 *   without valid orders, or no complete month.
 */
export async function resolveReportMonth(
  wh: Warehouse,
  month: string | undefined,
  span: WarehouseMonths,
): Promise<string> {
  let chosen: string;
  if (month === undefined) {
    if (span.lastComplete === null || span.lastComplete < span.first) {
      throw new InvalidArgumentError(
        `report: the warehouse has no complete month yet (its orders run from ${span.first} to ${span.last}); give --month`,
      );
    }
    chosen = span.lastComplete;
  } else {
    const m = /^(\d{4})-(\d{2})$/.exec(month.trim());
    if (m === null || Number(m[2]) < 1 || Number(m[2]) > 12) {
      throw new InvalidArgumentError(`report: --month must be YYYY-MM, got ${JSON.stringify(month)}`);
    }
    chosen = month.trim();
    if (chosen < span.first || chosen > span.last) {
      throw new InvalidArgumentError(
        `report: ${chosen} is outside the warehouse, whose orders run from ${span.first} to ${span.last}`,
      );
    }
  }
  const orders = await wh.scalar(
    'select coalesce(sum(orders), 0) from gold.monthly_kpis where month = cast($m as date)',
    { m: monthStart(chosen) },
  );
  if (Number(orders ?? 0) === 0) {
    throw new InvalidArgumentError(
      `report: ${chosen} has no valid orders in the warehouse (its orders run from ${span.first} to ${span.last}); pick another --month`,
    );
  }
  return chosen;
}
