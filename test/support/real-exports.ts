/**
 * Independent readings of the public exports in `../shared/data` (Online Retail, Superstore, Olist),
 * the oracle of `test/etl/real-exports.test.ts`.
 *
 * Plain TypeScript over the raw bytes: its own RFC 4180 parser, its own date readers, money as exact
 * `bigint` scaled by 10^4, and the semantics the shipped mappings (`etl/mappings/*.yaml`) describe in
 * their comments, written out by hand. It shares nothing with the pipeline (no SQL, no DuckDB, no
 * mapping compiler); from `reference-gold.ts` it borrows only the two money helpers.
 *
 * Readings of the contract applied here (`docs/data-contract.md` sections 3 and 5):
 * - within one file the last row of a key wins: an order's customer and date come from the last
 *   accepted row of the order, a customer's country from the customer's last accepted row, a
 *   product's category from the product's last row;
 * - valid orders are those not `cancelled` (no export here has `returned`); an order without lines
 *   is an order with revenue 0;
 * - naive timestamps are read in the run's zone, so an order's date is the date written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecordsFromBytes, type RecordEncoding } from './csv-records.ts';
import { type DailySalesRow, formatMoney, type MonthlyKpisRow, parseMoney } from './reference-gold.ts';

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export type Encoding = RecordEncoding;

/** A read file: the header and the data records (fields, or null for a malformed record). */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly (readonly string[] | null)[];
}

/** Reads a whole CSV file with the test oracle's record reader (`csv-records.ts`). */
export function readCsv(path: string, encoding: Encoding = 'utf-8'): CsvTable {
  const [head, ...records] = csvRecordsFromBytes(readFileSync(path), encoding);
  if (head?.fields == null) throw new Error(`readCsv: ${path} has no header`);
  return { header: head.fields, records: records.map((r) => r.fields) };
}

/** A record as column name → value (the record must have the header's field count). */
function rowOf(header: readonly string[], record: readonly string[] | null): Record<string, string> {
  if (record === null || record.length !== header.length)
    throw new Error(
      `rowOf: a malformed record (${record?.length ?? 'no'} fields, header has ${header.length})`,
    );
  const row: Record<string, string> = {};
  header.forEach((name, k) => {
    row[name] = record[k] as string;
  });
  return row;
}

function field(row: Readonly<Record<string, string>>, name: string): string {
  const value = row[name];
  if (value === undefined) throw new Error(`no column ${name}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** An exact decimal with at most 4 decimals, scaled by 10^4. */
export function money(text: string): bigint {
  const value = parseMoney(text);
  if (value === null) throw new Error(`money: not an exact decimal with at most 4 decimals: ${text}`);
  return value;
}

/** A decimal rounded to 4 decimals, half away from zero, scaled by 10^4 (no exponents). */
export function roundMoney(text: string): bigint {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (m === null || (m[2] === '' && (m[3] ?? '') === ''))
    throw new Error(`roundMoney: not a decimal: ${text}`);
  const [, sign, whole = '', fraction = ''] = m;
  let magnitude = BigInt(`${whole || '0'}${fraction.slice(0, 4).padEnd(4, '0')}`);
  if ((fraction[4] ?? '0') >= '5') magnitude += 1n;
  return sign === '-' ? -magnitude : magnitude;
}

/** A decimal text as the warehouse returns it, written with exactly 4 decimals. */
export function normaliseMoney(text: string): string {
  return formatMoney(money(text));
}

export { formatMoney };

export function integer(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`integer: ${text}`);
  return Number(text);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= ([31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number);
}

function isoDate(year: number, month: number, day: number, text: string): string {
  if (!isCalendarDate(year, month, day)) throw new Error(`not a calendar date: ${text}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function checkTime(hour: string, minute: string, text: string): void {
  if (Number(hour) > 23 || Number(minute) > 59) throw new Error(`not a time of day: ${text}`);
}

/** `dd/mm/yyyy HH:MM` (UK Excel) → `YYYY-MM-DD`. */
export function dmyDate(text: string): string {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(text);
  if (m === null) throw new Error(`dmyDate: ${text}`);
  checkTime(m[4] as string, m[5] as string, text);
  return isoDate(Number(m[3]), Number(m[2]), Number(m[1]), text);
}

/** `M/D/YY H:MM` or `M/D/YYYY H:MM` (US order; a two-digit year is 20YY) → `YYYY-MM-DD`. */
export function mdyDate(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})$/.exec(text);
  if (m === null) throw new Error(`mdyDate: ${text}`);
  checkTime(m[4] as string, m[5] as string, text);
  const year = (m[3] as string).length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  return isoDate(year, Number(m[1]), Number(m[2]), text);
}

/** `M/D/YYYY` → `YYYY-MM-DD`. */
export function usDate(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m === null) throw new Error(`usDate: ${text}`);
  return isoDate(Number(m[3]), Number(m[1]), Number(m[2]), text);
}

/** The date part of `YYYY-MM-DD HH:MM:SS` (a naive local time). */
export function isoTimestampDate(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m === null) throw new Error(`isoTimestampDate: ${text}`);
  checkTime(m[4] as string, m[5] as string, text);
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]), text);
}

/** The same day and month `years` later (`2018-02-28` + 2 → `2020-02-28`); throws on 29 February. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return isoDate(y + years, m, d, `${date} + ${years} years`);
}

// ---------------------------------------------------------------------------------------------
// Orders and gold aggregates
// ---------------------------------------------------------------------------------------------

export interface Line {
  readonly productId: string;
  /** The product's category (its last row's), `null` when empty. */
  readonly categoryId: string | null;
  readonly quantity: number;
  /** Line revenue, scaled by 10^4. */
  readonly revenue: bigint;
}

export interface Order {
  readonly orderId: string;
  readonly customerId: string;
  /** `YYYY-MM-DD` in the reporting zone. */
  readonly date: string;
  readonly cancelled: boolean;
  readonly channel: string | null;
  /** The customer's country (`null` for an unknown customer). */
  readonly country: string | null;
  readonly lines: readonly Line[];
}

export const orderRevenue = (o: Order): bigint => o.lines.reduce((s, l) => s + l.revenue, 0n);
export const orderUnits = (o: Order): number => o.lines.reduce((s, l) => s + l.quantity, 0);

export interface SilverOrderRow {
  readonly order_id: string;
  readonly customer_id: string;
  readonly order_date: string;
  readonly is_cancelled: boolean;
  readonly country: string | null;
  readonly revenue: string;
}

/** The columns of `silver.fact_orders` these readings fix, one row per order, by order id. */
export function silverOrders(orders: readonly Order[]): SilverOrderRow[] {
  const rows = orders.map(
    (o): SilverOrderRow => ({
      order_id: o.orderId,
      customer_id: o.customerId,
      order_date: o.date,
      is_cancelled: o.cancelled,
      country: o.country,
      revenue: formatMoney(orderRevenue(o)),
    }),
  );
  return sortRows(rows, 'order_id');
}

/** `numerator / denominator` as the warehouse's doubles give it: each exact value to double, then divided. */
const moneyRatio = (numerator: bigint, denominator: bigint): number =>
  Number(formatMoney(numerator)) / Number(formatMoney(denominator));

interface Totals {
  orders: number;
  units: number;
  revenue: bigint;
  customers: Set<string>;
  cancelled: number;
  lost: bigint;
  all: number;
}

const emptyTotals = (): Totals => ({
  orders: 0,
  units: 0,
  revenue: 0n,
  customers: new Set(),
  cancelled: 0,
  lost: 0n,
  all: 0,
});

function add(t: Totals, o: Order): void {
  t.all++;
  if (o.cancelled) {
    t.cancelled++;
    t.lost += orderRevenue(o);
  } else {
    t.orders++;
    t.units += orderUnits(o);
    t.revenue += orderRevenue(o);
    t.customers.add(o.customerId);
  }
}

function groupTotals(orders: readonly Order[], keyOf: (o: Order) => string): Map<string, Totals> {
  const groups = new Map<string, Totals>();
  for (const o of orders) {
    const key = keyOf(o);
    let t = groups.get(key);
    if (t === undefined) {
      t = emptyTotals();
      groups.set(key, t);
    }
    add(t, o);
  }
  return groups;
}

/** Compares keys: `null` first, then by UTF-16 code units (used on both sides of a comparison). */
export function compareKeys(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Rows sorted by the named columns (values as text, `null` first). */
export function sortRows<T extends object>(rows: readonly T[], ...columns: (keyof T & string)[]): T[] {
  const key = (r: T) =>
    columns.map((c) => {
      const v = (r as Record<string, unknown>)[c];
      return v === null || v === undefined ? null : String(v);
    });
  return [...rows].sort((a, b) => compareKeys(key(a), key(b)));
}

/** `gold.monthly_kpis`: a row per month with an order of any status. */
export function monthlyKpis(orders: readonly Order[]): MonthlyKpisRow[] {
  const month = (o: Order) => `${o.date.slice(0, 7)}-01`;
  const firstMonth = new Map<string, string>();
  for (const o of orders) {
    if (o.cancelled) continue;
    const seen = firstMonth.get(o.customerId);
    if (seen === undefined || month(o) < seen) firstMonth.set(o.customerId, month(o));
  }
  const newCustomers = new Map<string, number>();
  for (const m of firstMonth.values()) newCustomers.set(m, (newCustomers.get(m) ?? 0) + 1);
  const rows = [...groupTotals(orders, month)].map(
    ([m, t]): MonthlyKpisRow => ({
      month: m,
      orders: t.orders,
      units: t.units,
      revenue: formatMoney(t.revenue),
      aov: t.orders > 0 ? Number(formatMoney(t.revenue)) / t.orders : null,
      active_customers: t.customers.size,
      new_customers: newCustomers.get(m) ?? 0,
      cancelled_orders: t.cancelled,
      cancellation_rate: t.all > 0 ? t.cancelled / t.all : null,
      lost_revenue: formatMoney(t.lost),
    }),
  );
  return sortRows(rows, 'month');
}

/** `gold.daily_sales`: a row per date x channel x country with an order of any status. */
export function dailySales(orders: readonly Order[]): DailySalesRow[] {
  const byKey = new Map<string, { o: Order; t: Totals }>();
  for (const o of orders) {
    const key = JSON.stringify([o.date, o.channel, o.country]);
    let slot = byKey.get(key);
    if (slot === undefined) {
      slot = { o, t: emptyTotals() };
      byKey.set(key, slot);
    }
    add(slot.t, o);
  }
  const rows = [...byKey.values()].map(
    ({ o, t }): DailySalesRow => ({
      date: o.date,
      channel: o.channel,
      country: o.country,
      orders: t.orders,
      units: t.units,
      revenue: formatMoney(t.revenue),
      customers: t.customers.size,
      cancelled_orders: t.cancelled,
      lost_revenue: formatMoney(t.lost),
    }),
  );
  return sortRows(rows, 'date', 'channel', 'country');
}

export interface RevenueByRow {
  readonly dimension: string;
  readonly member: string | null;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
  readonly revenue_share: number | null;
}

/**
 * `gold.revenue_by` for one dimension, over valid orders: `country` and `customer` group orders;
 * `category` and `product` group lines, and count the distinct orders that contain the member.
 */
export function revenueBy(
  orders: readonly Order[],
  dimension: 'country' | 'customer' | 'category' | 'product',
): RevenueByRow[] {
  const valid = orders.filter((o) => !o.cancelled);
  const total = valid.reduce((s, o) => s + orderRevenue(o), 0n);
  const members = new Map<string | null, { orders: Set<string>; units: number; revenue: bigint }>();
  const slot = (member: string | null) => {
    let s = members.get(member);
    if (s === undefined) {
      s = { orders: new Set(), units: 0, revenue: 0n };
      members.set(member, s);
    }
    return s;
  };
  for (const o of valid) {
    if (dimension === 'country' || dimension === 'customer') {
      const s = slot(dimension === 'country' ? o.country : o.customerId);
      s.orders.add(o.orderId);
      s.units += orderUnits(o);
      s.revenue += orderRevenue(o);
      continue;
    }
    for (const l of o.lines) {
      const s = slot(dimension === 'category' ? l.categoryId : l.productId);
      s.orders.add(o.orderId);
      s.units += l.quantity;
      s.revenue += l.revenue;
    }
  }
  const rows = [...members].map(
    ([member, s]): RevenueByRow => ({
      dimension,
      member,
      orders: s.orders.size,
      units: s.units,
      revenue: formatMoney(s.revenue),
      revenue_share: total !== 0n ? moneyRatio(s.revenue, total) : null,
    }),
  );
  return sortRows(rows, 'member');
}

/** Last-wins map: each key keeps the value of its last `set`, in file order. */
function latest<V>(entries: Iterable<readonly [string, V]>): Map<string, V> {
  const map = new Map<string, V>();
  for (const [k, v] of entries) map.set(k, v);
  return map;
}

/** Adds one to a reason's count. */
function bump(counts: Record<string, number>, reason: string): void {
  counts[reason] = (counts[reason] ?? 0) + 1;
}

// ---------------------------------------------------------------------------------------------
// Online Retail (UCI)
// ---------------------------------------------------------------------------------------------

export const ONLINE_RETAIL_COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;

/** One complete record of an Online Retail file. */
export interface RetailRow {
  /** 1-based data row number (header not counted). */
  readonly rowNumber: number;
  readonly invoiceNo: string;
  readonly stockCode: string;
  readonly description: string;
  readonly quantity: number;
  /** The invoice date as `YYYY-MM-DD`. */
  readonly date: string;
  readonly invoiceDate: string;
  readonly unitPrice: bigint;
  readonly customerId: string;
  readonly country: string;
  /** The 8 fields as written (quotes removed). */
  readonly fields: readonly string[];
}

/** Counts of the raw file, the kind SOURCE.md reports (over the complete records). */
export interface RetailFacts {
  readonly completeRows: number;
  readonly cancellationRows: number;
  readonly cancellationInvoices: number;
  readonly negativeQuantityRows: number;
  readonly zeroPriceRows: number;
  readonly negativePriceRows: number;
  readonly emptyCustomerIdRows: number;
  readonly emptyDescriptionRows: number;
  readonly invoices: number;
  readonly customerIds: number;
  readonly countries: number;
  readonly rowsPerCountry: ReadonlyMap<string, number>;
  /** Sum of Quantity x UnitPrice over the complete rows, scaled by 10^4. */
  readonly sumQuantityTimesPrice: bigint;
  readonly firstDate: string;
  readonly lastDate: string;
}

export interface RetailReading {
  readonly header: readonly string[];
  readonly rowsRead: number;
  readonly accepted: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** Every rejected record: its row number and reason, in file order. */
  readonly rejected: readonly { readonly rowNumber: number; readonly reason: string }[];
  readonly rows: readonly RetailRow[];
  readonly acceptedRows: readonly RetailRow[];
  readonly facts: RetailFacts;
  readonly orders: readonly Order[];
  /** product id → trimmed Description of its last accepted row (`null` when empty). */
  readonly productNames: ReadonlyMap<string, string | null>;
}

/** Country names the Online Retail mappings write instead of the export's codes. */
const RETAIL_COUNTRY_NAMES: Readonly<Record<string, string>> = {
  EIRE: 'Ireland',
  RSA: 'South Africa',
  USA: 'United States',
};

/**
 * Reads an Online Retail export as its mapping describes: a record with the wrong field count is
 * `malformed_row`; a record equal in all 8 fields to an earlier record of the file is
 * `duplicate_row` (the first is kept); a negative Quantity outside a `C` invoice is
 * `stock_adjustment`; then the contract's own rules (quantity |Quantity| > 0, price >= 0). Each
 * accepted row is one line (InvoiceNo, StockCode, |Quantity|, UnitPrice) of order InvoiceNo,
 * cancelled when InvoiceNo starts with `C`; the customer is CustomerID or `guest-<InvoiceNo>`.
 */
export function readOnlineRetail(
  path: string,
  options: { readonly encoding: Encoding; readonly date: (text: string) => string },
): RetailReading {
  const { header, records } = readCsv(path, options.encoding);
  if (header.join(',') !== ONLINE_RETAIL_COLUMNS.join(','))
    throw new Error(`unexpected header ${header.join(',')}`);
  const rejectedByReason: Record<string, number> = {};
  const rejected: { rowNumber: number; reason: string }[] = [];
  const reject = (rowNumber: number, reason: string) => {
    bump(rejectedByReason, reason);
    rejected.push({ rowNumber, reason });
  };
  const rows: RetailRow[] = [];
  const acceptedRows: RetailRow[] = [];
  const seen = new Set<string>();
  records.forEach((record, k) => {
    const rowNumber = k + 1;
    if (record === null) {
      reject(rowNumber, 'malformed_row');
      return;
    }
    const r = rowOf(header, record);
    const row: RetailRow = {
      rowNumber,
      invoiceNo: field(r, 'InvoiceNo'),
      stockCode: field(r, 'StockCode'),
      description: field(r, 'Description'),
      quantity: integer(field(r, 'Quantity')),
      invoiceDate: field(r, 'InvoiceDate'),
      date: options.date(field(r, 'InvoiceDate')),
      unitPrice: money(field(r, 'UnitPrice')),
      customerId: field(r, 'CustomerID'),
      country: field(r, 'Country'),
      fields: record,
    };
    rows.push(row);
    const key = JSON.stringify(record);
    if (seen.has(key)) {
      reject(rowNumber, 'duplicate_row');
      return;
    }
    seen.add(key);
    if (row.quantity < 0 && !row.invoiceNo.startsWith('C')) reject(rowNumber, 'stock_adjustment');
    else if (row.quantity === 0) reject(rowNumber, 'negative_quantity');
    else if (row.unitPrice < 0n) reject(rowNumber, 'negative_amount');
    else acceptedRows.push(row);
  });

  const customerOf = (row: RetailRow) => (row.customerId !== '' ? row.customerId : `guest-${row.invoiceNo}`);
  // The mapping spells out three of the export's country codes.
  const countryName = (c: string) => RETAIL_COUNTRY_NAMES[c] ?? c;
  const countryOf = latest(acceptedRows.map((row) => [customerOf(row), countryName(row.country)] as const));
  const lastRowOfOrder = latest(acceptedRows.map((row) => [row.invoiceNo, row] as const));
  const linesOf = new Map<string, Line[]>();
  for (const row of acceptedRows) {
    const lines = linesOf.get(row.invoiceNo) ?? [];
    const quantity = Math.abs(row.quantity);
    lines.push({
      productId: row.stockCode,
      categoryId: null,
      quantity,
      revenue: BigInt(quantity) * row.unitPrice,
    });
    linesOf.set(row.invoiceNo, lines);
  }
  const orders = [...lastRowOfOrder.values()].map(
    (row): Order => ({
      orderId: row.invoiceNo,
      customerId: customerOf(row),
      date: row.date,
      cancelled: row.invoiceNo.startsWith('C'),
      channel: 'web',
      country: countryOf.get(customerOf(row)) ?? null,
      lines: linesOf.get(row.invoiceNo) ?? [],
    }),
  );
  const productNames = latest(
    acceptedRows.map((row) => {
      const name = row.description.replace(/^ +| +$/g, '');
      return [row.stockCode, name === '' ? null : name] as const;
    }),
  );

  const rowsPerCountry = new Map<string, number>();
  for (const row of rows) rowsPerCountry.set(row.country, (rowsPerCountry.get(row.country) ?? 0) + 1);
  const dates = rows.map((row) => row.date).sort();
  const cancellations = rows.filter((row) => row.invoiceNo.startsWith('C'));
  const facts: RetailFacts = {
    completeRows: rows.length,
    cancellationRows: cancellations.length,
    cancellationInvoices: new Set(cancellations.map((row) => row.invoiceNo)).size,
    negativeQuantityRows: rows.filter((row) => row.quantity < 0).length,
    zeroPriceRows: rows.filter((row) => row.unitPrice === 0n).length,
    negativePriceRows: rows.filter((row) => row.unitPrice < 0n).length,
    emptyCustomerIdRows: rows.filter((row) => row.customerId === '').length,
    emptyDescriptionRows: rows.filter((row) => row.description === '').length,
    invoices: new Set(rows.map((row) => row.invoiceNo)).size,
    customerIds: new Set(rows.map((row) => row.customerId).filter((c) => c !== '')).size,
    countries: rowsPerCountry.size,
    rowsPerCountry,
    sumQuantityTimesPrice: rows.reduce((s, row) => s + BigInt(row.quantity) * row.unitPrice, 0n),
    firstDate: dates[0] ?? '',
    lastDate: dates[dates.length - 1] ?? '',
  };
  return {
    header,
    rowsRead: records.length,
    accepted: acceptedRows.length,
    rejectedByReason,
    rejected,
    rows,
    acceptedRows,
    facts,
    orders,
    productNames,
  };
}

// ---------------------------------------------------------------------------------------------
// Sample - Superstore (Tableau)
// ---------------------------------------------------------------------------------------------

export interface SuperstoreRow {
  readonly rowId: string;
  readonly orderId: string;
  /** `Order Date` as `YYYY-MM-DD`. */
  readonly orderDate: string;
  readonly customerId: string;
  readonly country: string;
  readonly productId: string;
  readonly subCategory: string;
  readonly quantity: number;
  /** `Sales` rounded to 4 decimals, scaled by 10^4: the line revenue. */
  readonly sales: bigint;
  /** All 21 fields as written. */
  readonly fields: Readonly<Record<string, string>>;
}

export interface SuperstoreReading {
  readonly rows: readonly SuperstoreRow[];
  readonly orders: readonly Order[];
  /** Rows whose own Sub-Category differs from their product's last row's. */
  readonly rowsWithAnotherProductCategory: number;
}

/**
 * Reads a Superstore export: every row is one line of order `Order ID` (shipped, so valid), of
 * `Quantity` units and revenue `Sales` rounded to 4 decimals; the product's category is the
 * `Sub-Category` of the product's last row; the customer's country the customer's last row's.
 */
export function readSuperstore(path: string): SuperstoreReading {
  const { header, records } = readCsv(path, 'utf-8');
  const rows = records.map((record): SuperstoreRow => {
    const r = rowOf(header, record);
    return {
      rowId: field(r, 'Row ID'),
      orderId: field(r, 'Order ID'),
      orderDate: usDate(field(r, 'Order Date')),
      customerId: field(r, 'Customer ID'),
      country: field(r, 'Country'),
      productId: field(r, 'Product ID'),
      subCategory: field(r, 'Sub-Category'),
      quantity: integer(field(r, 'Quantity')),
      sales: roundMoney(field(r, 'Sales')),
      fields: r,
    };
  });
  const categoryOf = latest(rows.map((row) => [row.productId, row.subCategory] as const));
  const countryOf = latest(rows.map((row) => [row.customerId, row.country] as const));
  const lastRowOfOrder = latest(rows.map((row) => [row.orderId, row] as const));
  const linesOf = new Map<string, Line[]>();
  for (const row of rows) {
    const lines = linesOf.get(row.orderId) ?? [];
    lines.push({
      productId: row.productId,
      categoryId: categoryOf.get(row.productId) ?? null,
      quantity: row.quantity,
      revenue: row.sales,
    });
    linesOf.set(row.orderId, lines);
  }
  const orders = [...lastRowOfOrder.values()].map(
    (row): Order => ({
      orderId: row.orderId,
      customerId: row.customerId,
      date: row.orderDate,
      cancelled: false,
      channel: null,
      country: countryOf.get(row.customerId) ?? null,
      lines: linesOf.get(row.orderId) ?? [],
    }),
  );
  return {
    rows,
    orders,
    rowsWithAnotherProductCategory: rows.filter((row) => categoryOf.get(row.productId) !== row.subCategory)
      .length,
  };
}

// ---------------------------------------------------------------------------------------------
// Olist
// ---------------------------------------------------------------------------------------------

/** Olist's `order_status` → the contract's status (`etl/mappings/olist.yaml`). */
export const OLIST_STATUS: Readonly<Record<string, string>> = {
  delivered: 'delivered',
  shipped: 'shipped',
  canceled: 'cancelled',
  unavailable: 'cancelled',
  created: 'placed',
  approved: 'placed',
  invoiced: 'placed',
  processing: 'placed',
};

export interface OlistReading {
  /** Data records per file name. */
  readonly records: Readonly<Record<string, number>>;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly orders: readonly Order[];
  /** Sum of `price` over all item rows, scaled by 10^4. */
  readonly sumPrice: bigint;
  readonly ordersWithItems: number;
  /** Item rows whose order is not in the orders file, and those whose product is not in the products file. */
  readonly danglingItems: { readonly order: number; readonly product: number };
  /** Orders whose customer is not in the customers file. */
  readonly ordersWithUnknownCustomer: number;
  /** Distinct people (`customer_unique_id`) behind the orders' `customer_id`s. */
  readonly people: number;
  /** Item rows beyond the first of a key (order_id, order_item_id). */
  readonly repeatedItemKeys: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

const olistTable = (dir: string, prefix: string): { name: string; rows: Record<string, string>[] } => {
  const name = readdirSync(dir).find((f) => f.startsWith(prefix) && f.endsWith('.csv'));
  if (name === undefined) throw new Error(`no ${prefix}*.csv in ${dir}`);
  const { header, records } = readCsv(join(dir, name));
  return { name, rows: records.map((record) => rowOf(header, record)) };
};

/**
 * Reads an Olist folder as its mapping describes: orders with their status mapped, dated by the
 * date part of `order_purchase_timestamp`; each item row one unit at `price`, in the product's
 * category (`product_category_name`, empty → none); customers all in `BR`.
 */
export function readOlist(dir: string): OlistReading {
  const translation = olistTable(dir, 'product_category_name_translation');
  const customers = olistTable(dir, 'olist_customers_dataset');
  const products = olistTable(dir, 'olist_products_dataset');
  const ordersFile = olistTable(dir, 'olist_orders_dataset');
  const items = olistTable(dir, 'olist_order_items_dataset');
  // Olist's customer_id is one per order; customer_unique_id is the person, the mapping's customer.
  const personOf = latest(
    customers.rows.map((r) => [field(r, 'customer_id'), field(r, 'customer_unique_id')] as const),
  );
  const categoryOf = latest(
    products.rows.map((r) => {
      const category = field(r, 'product_category_name');
      return [field(r, 'product_id'), category === '' ? null : category] as const;
    }),
  );
  const lastOrderRow = latest(ordersFile.rows.map((r) => [field(r, 'order_id'), r] as const));
  const itemRows = [
    ...latest(
      items.rows.map((r) => [JSON.stringify([field(r, 'order_id'), field(r, 'order_item_id')]), r] as const),
    ).values(),
  ];
  const linesOf = new Map<string, Line[]>();
  for (const r of itemRows) {
    // A line whose product is unknown is rejected (`unknown_product`).
    if (!categoryOf.has(field(r, 'product_id'))) continue;
    const lines = linesOf.get(field(r, 'order_id')) ?? [];
    lines.push({
      productId: field(r, 'product_id'),
      categoryId: categoryOf.get(field(r, 'product_id')) ?? null,
      quantity: 1,
      revenue: money(field(r, 'price')),
    });
    linesOf.set(field(r, 'order_id'), lines);
  }
  const statusCounts: Record<string, number> = {};
  for (const r of ordersFile.rows) bump(statusCounts, field(r, 'order_status'));
  const orders = [...lastOrderRow.values()].map((r): Order => {
    const status = OLIST_STATUS[field(r, 'order_status')];
    if (status === undefined) throw new Error(`unmapped status ${field(r, 'order_status')}`);
    const person = personOf.get(field(r, 'customer_id'));
    return {
      orderId: field(r, 'order_id'),
      // An order whose customer_id is not in the customers file keeps it: an unknown customer.
      customerId: person ?? field(r, 'customer_id'),
      date: isoTimestampDate(field(r, 'order_purchase_timestamp')),
      cancelled: status === 'cancelled',
      channel: null,
      country: person === undefined ? null : 'BR',
      lines: linesOf.get(field(r, 'order_id')) ?? [],
    };
  });
  const dates = orders.map((o) => o.date).sort();
  return {
    records: Object.fromEntries(
      [translation, customers, products, ordersFile, items].map((t) => [t.name, t.rows.length]),
    ),
    statusCounts,
    orders,
    sumPrice: items.rows.reduce((s, r) => s + money(field(r, 'price')), 0n),
    ordersWithItems: orders.filter((o) => o.lines.length > 0).length,
    danglingItems: {
      order: items.rows.filter((r) => !lastOrderRow.has(field(r, 'order_id'))).length,
      product: items.rows.filter((r) => !categoryOf.has(field(r, 'product_id'))).length,
    },
    ordersWithUnknownCustomer: orders.filter((o) => o.country === null).length,
    people: new Set(orders.filter((o) => o.country !== null).map((o) => o.customerId)).size,
    repeatedItemKeys: items.rows.length - itemRows.length,
    firstDate: dates[0] ?? '',
    lastDate: dates[dates.length - 1] ?? '',
  };
}

/**
 * Item rows of an Olist folder: all, those whose `product_id` is among the folder's products, and
 * of these the distinct (order_id, order_item_id) keys whose order is not in the folder's orders.
 */
export function olistItemsWithKnownProduct(dir: string): {
  readonly items: number;
  readonly known: number;
  readonly knownWithoutOrder: number;
} {
  const products = new Set(olistTable(dir, 'olist_products_dataset').rows.map((r) => field(r, 'product_id')));
  const orders = new Set(olistTable(dir, 'olist_orders_dataset').rows.map((r) => field(r, 'order_id')));
  const items = olistTable(dir, 'olist_order_items_dataset').rows;
  const known = items.filter((r) => products.has(field(r, 'product_id')));
  const withoutOrder = new Set(
    known
      .filter((r) => !orders.has(field(r, 'order_id')))
      .map((r) => JSON.stringify([field(r, 'order_id'), field(r, 'order_item_id')])),
  );
  return { items: items.length, known: known.length, knownWithoutOrder: withoutOrder.size };
}
