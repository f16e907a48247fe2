/**
 * `generateDemo`: writes a deterministic, realistic landing zone (see `index.ts` for the layout).
 * This file validates, plans and drives the writers; the data comes from the other modules.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { InvalidArgumentError } from '../../src/errors.ts';
import { type EntityName, entityForFile, entitySpec } from '../contract.ts';
import { formatIsoDate, parseIsoDate, SECONDS_PER_DAY } from './calendar.ts';
import { brandRows, buildCatalog, type Catalog, categoryRows } from './catalog.ts';
import { CsvFileWriter, type DemoFile } from './csv-writer.ts';
import { type CustomerPlan, customerRow, planCustomers, signedUpBy, signupDayOf } from './customers.ts';
import { DefectPlanter, type DemoDefect, type DemoInvalidValue } from './defects.ts';
import { EventGenerator } from './events.ts';
import { formatCents } from './money.ts';
import { type DemoOptions, type ResolvedDemoOptions, resolveDemoOptions } from './options.ts';
import { OrderGenerator } from './orders.ts';
import {
  allocate,
  BACKFILL_LABEL,
  dailyWeights,
  type FilePeriod,
  type PeriodPlan,
  planPeriod,
} from './period.ts';
import { rngFor } from './random.ts';
import { blackFriday } from './seasonality.ts';
import { TimestampFormatter } from './timestamps.ts';

/** The period a demo landing zone covers. */
export interface DemoPeriod {
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Day after the last, `YYYY-MM-DD`. */
  readonly end: string;
  /** Calendar months (`YYYY-MM`) in the backfill files; the others have a file each. */
  readonly backfillMonths: readonly string[];
  readonly incrementMonths: readonly string[];
  /** The month whose demand drops by 30 %, or `null` (periods under 3 months). */
  readonly dipMonth: string | null;
  /** Black Fridays inside the period (`YYYY-MM-DD`); Cyber Monday is three days later. */
  readonly blackFridays: readonly string[];
}

/** A note about the generated data (not an error). */
export interface DemoWarning {
  readonly code: 'sparse_orders';
  readonly message: string;
}

/** What {@link generateDemo} wrote. Plain JSON-serialisable data. */
export interface DemoResult {
  readonly kind: 'demo';
  readonly options: ResolvedDemoOptions;
  readonly period: DemoPeriod;
  /** Every file written, in byte order of their names (the contract's order of arrival). */
  readonly files: readonly DemoFile[];
  /** Distinct orders of any status (= `options.orders`). */
  readonly orders: number;
  /** Lines of those orders; planted defect rows and orphan lines are not counted. */
  readonly orderLines: number;
  /** Distinct customers (some are written twice: re-sent after moving). */
  readonly customers: number;
  readonly products: number;
  /** Valid event rows. */
  readonly events: number;
  /** Order rows re-sent in a later file with a newer status (same order_id). */
  readonly resentOrders: number;
  /** Valid order lines whose order is in no orders file: kept in bronze, left out of silver. */
  readonly orphanLines: number;
  /** Planted rows the ETL must reject, with file, `_row_number` and reason. */
  readonly defects: readonly DemoDefect[];
  /** Kept rows with an unparsable optional value (read as null). */
  readonly invalidValues: readonly DemoInvalidValue[];
  readonly warnings: readonly DemoWarning[];
}

/** Share of the customers known before a month who move and are re-sent in that month's file. */
const MOVED_SHARE = 0.003;

const headerOf = (entity: EntityName): string[] => entitySpec(entity).columns.map((c) => c.name);

/** Creates `outDir` if needed and refuses one that already holds landing files. */
async function prepareOutDir(outDir: string): Promise<void> {
  let entries: string[];
  try {
    await mkdir(outDir, { recursive: true });
    entries = await readdir(outDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError(`generateDemo: cannot use outDir ${JSON.stringify(outDir)}: ${reason}`);
  }
  const landing = entries.filter((name) => entityForFile(name) !== null).sort();
  if (landing.length > 0) {
    throw new InvalidArgumentError(
      `generateDemo: outDir ${JSON.stringify(outDir)} already holds landing files (${landing[0]}` +
        `${landing.length > 1 ? `, and ${landing.length - 1} more` : ''}); choose an empty or new folder`,
    );
  }
}

/** Everything the per-file writers share. */
interface Run {
  readonly options: ResolvedDemoOptions;
  readonly period: PeriodPlan;
  readonly perDay: Int32Array;
  readonly catalog: Catalog;
  readonly customers: CustomerPlan;
  readonly format: TimestampFormatter;
  readonly planter: DefectPlanter | null;
  readonly orders: OrderGenerator;
  readonly events: EventGenerator;
  readonly open: (entity: EntityName, label: string) => CsvFileWriter;
}

/**
 * Writes a deterministic demo landing zone into `options.outDir`: every contract entity, a
 * backfill file and monthly increments, seasonal orders, and (by default) planted defects.
 * The same options give byte-identical files on any machine, in any time zone.
 *
 * @throws {InvalidArgumentError} for invalid options, or an `outDir` that cannot be created or
 *   already holds landing files.
 * @example await generateDemo({ outDir: 'landing', orders: 5000, seed: 42 }) // result.orders === 5000
 */
export async function generateDemo(options: DemoOptions): Promise<DemoResult> {
  const resolved = resolveDemoOptions(options);
  await prepareOutDir(resolved.outDir);
  const startDay = parseIsoDate(resolved.startDate) as number;
  const period = planPeriod(startDay, resolved.months);
  const weights = dailyWeights(period);
  const catalog = buildCatalog(resolved.seed, resolved.orders, startDay, weights.length);
  const customers = planCustomers(resolved.orders, startDay, weights);
  const format = new TimestampFormatter();
  const open = new Set<CsvFileWriter>();
  const run: Run = {
    options: resolved,
    period,
    perDay: allocate(resolved.orders, weights),
    catalog,
    customers,
    format,
    planter: resolved.defects ? new DefectPlanter(resolved.orders, customers.total) : null,
    orders: new OrderGenerator(resolved.seed, catalog, customers, format),
    events: new EventGenerator(resolved.seed, catalog, 2 * customers.total, format),
    open: (entity, label) => {
      const writer = CsvFileWriter.open(resolved.outDir, `${entity}_${label}.csv`, entity, headerOf(entity));
      open.add(writer);
      return writer;
    },
  };
  const files: DemoFile[] = [];
  const close = async (writer: CsvFileWriter): Promise<void> => {
    open.delete(writer);
    files.push(await writer.close());
  };
  try {
    for (const [entity, rows] of [
      ['categories', categoryRows()],
      ['brands', brandRows()],
      ['products', catalog.productRows],
    ] as const) {
      const writer = run.open(entity, BACKFILL_LABEL);
      for (const row of rows) writer.row(row);
      await close(writer);
    }
    for (const [index, file] of period.files.entries()) {
      await close(await writeCustomers(run, file, index));
      await close(await writePrices(run, file, index === period.files.length - 1));
      for (const writer of await writeOrders(run, file)) await close(writer);
    }
  } finally {
    for (const writer of open) writer.abort();
  }
  return describe(run, files, weights.length);
}

/** Customers who signed up in the file's days (all earlier ones in the backfill), then movers. */
async function writeCustomers(run: Run, file: FilePeriod, index: number): Promise<CsvFileWriter> {
  const { customers: plan, planter } = run;
  const writer = run.open('customers', file.label);
  const write = (customer: number, signupDay: number, moved: boolean): void => {
    const badBirthDate = planter?.birthDateOf(customer) ?? null;
    const line = customerRow(run.options.seed, customer, signupDay, run.period.startDay, run.format, {
      moved,
      badBirthDate,
    });
    const rowNumber = writer.row(line);
    planter?.customerWritten(customer, writer, rowNumber);
  };
  for (let day = file.backfill ? plan.firstDay : file.firstDay; day < file.endDay; day++) {
    const last = signedUpBy(plan, day);
    for (let c = signedUpBy(plan, day - 1); c < last; c++) write(c, day, false);
    await writer.flush();
  }
  if (!file.backfill) {
    const known = signedUpBy(plan, file.firstDay - 1);
    const rng = rngFor(run.options.seed, 'moves', index);
    const movers = new Set<number>();
    for (let k = Math.round(known * MOVED_SHARE); k > 0; k--) movers.add(rng.int(known));
    for (const c of [...movers].sort((a, b) => a - b)) write(c, signupDayOf(plan, c), true);
  }
  return writer;
}

/** List-price changes effective in the file's days; the defect goes into the last file. */
async function writePrices(run: Run, file: FilePeriod, last: boolean): Promise<CsvFileWriter> {
  const writer = run.open('product_prices', file.label);
  const rng = rngFor(run.options.seed, 'price-timestamps', file.firstDay);
  for (const change of run.catalog.priceChanges) {
    if (change.day < file.firstDay || change.day >= file.endDay) continue;
    const date = run.format.date(change.day);
    const u = rng.next();
    const ts = u < 0.75 ? `${date} 00:00:00` : u < 0.9 ? `${date}T00:00:00Z` : date;
    writer.row(`${run.catalog.productIds[change.product]},${ts},${formatCents(change.cents)}`);
  }
  if (last)
    run.planter?.afterPrices(
      writer,
      run.catalog.productIds[0] as string,
      `${run.format.date(file.firstDay)} 12:00:00`,
    );
  return writer;
}

/** Re-sent orders first, then the file's orders with their lines and events. */
async function writeOrders(run: Run, file: FilePeriod): Promise<CsvFileWriter[]> {
  const orders = run.open('orders', file.label);
  const lines = run.open('order_items', file.label);
  const events = run.open('events', file.label);
  const exportAt = file.endDay * SECONDS_PER_DAY;
  const sinks = { orders, order_items: lines, events };
  const emitEvent = (line: string): void => {
    events.row(line);
  };
  run.orders.resend(exportAt, (line) => orders.row(line));
  for (let day = file.firstDay; day < file.endDay; day++) {
    run.orders.day(day, run.perDay[day - run.period.startDay] as number, exportAt, {
      order: (line) => orders.row(line),
      line: (line) => lines.row(line),
      after: (order) => {
        run.events.forOrder(order, emitEvent);
        run.planter?.afterOrder(order, sinks);
      },
    });
    await Promise.all([orders.flush(), lines.flush(), events.flush()]);
  }
  return [orders, lines, events];
}

function describe(run: Run, written: DemoFile[], days: number): DemoResult {
  const { options, period, planter } = run;
  const months = period.months.map((m) => m.key);
  const years = new Set(months.map((m) => Number(m.slice(0, 4))));
  const blackFridays = [...years]
    .map(blackFriday)
    .filter((d) => d >= period.startDay && d < period.endDay)
    .map(formatIsoDate);
  const warnings: DemoWarning[] = [];
  if (options.orders < days) {
    warnings.push({
      code: 'sparse_orders',
      message: `${options.orders} orders over ${days} days: many days have no order, so seasonality is hard to see`,
    });
  }
  return {
    kind: 'demo',
    options,
    period: {
      start: formatIsoDate(period.startDay),
      end: formatIsoDate(period.endDay),
      backfillMonths: months.slice(0, period.backfillMonths),
      incrementMonths: months.slice(period.backfillMonths),
      dipMonth: period.dipMonth,
      blackFridays,
    },
    files: [...written].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    orders: run.orders.orders,
    orderLines: run.orders.lines,
    customers: run.customers.total,
    products: run.catalog.productIds.length,
    events: run.events.count,
    resentOrders: run.orders.resent,
    orphanLines: planter?.orphanLines ?? 0,
    defects: planter?.defects ?? [],
    invalidValues: planter?.invalidValues ?? [],
    warnings,
  };
}
