/**
 * An independent reference computation of the gold tables, the oracle of the end-to-end tests.
 *
 * Plain streaming TypeScript over the raw landing CSV files, written from the data contract
 * (`shared/spec/data-contract.md` sections 2-5) and its reading in `docs/contract-notes.md`; it
 * shares nothing with the SQL pipeline but the entity specs of `etl/contract.ts`. No DuckDB, no
 * SQL, no floating point for money (exact `bigint` scaled by 10^4), and time zones through
 * `Intl.DateTimeFormat` (never the machine's zone).
 *
 * Where the contract and the notes leave a point open, this file reads it as follows (also marked
 * "Reading:" where it is implemented):
 * - The ledger counts a file rejected whole with `rowsRead` 0; `rejectedByReason` lists only
 *   reasons with at least one row.
 * - `bad_header` covers a header whose own quoting or bytes are broken and any name repeated after
 *   trimming and lower-casing (extra columns included); `missing_column` is checked first.
 * - Header names lose leading and trailing spaces only (not tabs), then are lower-cased.
 * - `T` and `Z` must be upper case; offsets are at most 23:59; a fraction never moves a date.
 * - The 14 integer digits of money do not count leading zeros; `line_number` is a typed integer,
 *   so `01` and `1` are the same line.
 * - Several currencies: the distinct non-empty `currency` values of all accepted orders rows, as
 *   written (case-sensitive), superseded rows included.
 * - `orphanLines` counts distinct (order_id, line_number) keys, latest row, whose order is not in
 *   `fact_orders`.
 * - A product line's category and brand come from the product's latest accepted row.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ColumnSpec,
  ENTITIES,
  type EntityName,
  type EntitySpec,
  EVENT_TYPES,
  entityForFile,
  type FileRejectionReason,
  INVALID_ORDER_STATUSES,
  ORDER_STATUSES,
  type OrderStatus,
  REJECTION_REASONS,
  type RejectionReason,
  STATUS_ALIASES,
} from '../../etl/contract.ts';
import { DataContractError, InvalidArgumentError } from '../../src/errors.ts';
import { readCsvRecords, wholeFileProblem } from './csv-records.ts';

// ---------------------------------------------------------------------------------------------
// Result types
// ---------------------------------------------------------------------------------------------

/** Options of {@link computeReferenceGold}. */
export interface ReferenceGoldOptions {
  /** IANA reporting time zone (`'UTC'`, `'Europe/Berlin'`); the machine's zone is never read. */
  readonly timeZone: string;
}

/** What happened to one landing file. */
export interface ReferenceFile {
  readonly name: string;
  readonly entity: EntityName;
  /** Whole-file rejection (nothing of the file is loaded), or `null`. */
  readonly fileRejection: FileRejectionReason | null;
  /** Data records read (header not counted); 0 for a file rejected whole. */
  readonly rowsRead: number;
  readonly accepted: number;
  /** Rejected rows per reason; reasons with no row are absent. */
  readonly rejectedByReason: Readonly<Record<string, number>>;
}

/** Row counts of the silver layer. */
export interface ReferenceSilverCounts {
  /** `fact_orders`: distinct orders with an accepted row. */
  readonly orders: number;
  /** `fact_order_items`: distinct (order_id, line_number) with an accepted row and an order. */
  readonly orderItems: number;
  /** `dim_customers`: distinct customers with an accepted row. */
  readonly customers: number;
  /** `dim_products`: distinct products with an accepted row. */
  readonly products: number;
  /** Distinct (order_id, line_number) with an accepted row whose order is not in `fact_orders`. */
  readonly orphanLines: number;
}

/** Money is a string with exactly 4 decimals (`'-3.2500'`); ratios are doubles or `null`. */
export interface DailySalesRow {
  readonly date: string;
  readonly channel: string | null;
  readonly country: string | null;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
  readonly customers: number;
  readonly cancelled_orders: number;
  readonly lost_revenue: string;
}

export interface MonthlyKpisRow {
  /** First day of the month, `'YYYY-MM-01'`. */
  readonly month: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
  readonly aov: number | null;
  readonly active_customers: number;
  readonly new_customers: number;
  readonly cancelled_orders: number;
  readonly cancellation_rate: number | null;
  readonly lost_revenue: string;
}

export type Dimension =
  | 'product'
  | 'category'
  | 'brand'
  | 'customer'
  | 'country'
  | 'gender'
  | 'channel'
  | 'payment_method';

export interface RevenueByRow {
  readonly dimension: Dimension;
  readonly member: string | null;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
  readonly revenue_share: number | null;
}

export interface CancellationsByRow {
  readonly dimension: Dimension;
  readonly member: string | null;
  readonly orders: number;
  readonly cancelled_orders: number;
  readonly cancellation_rate: number | null;
  readonly lost_revenue: string;
}

export interface CustomerMonthlySpendRow {
  readonly customer_id: string;
  readonly month: string;
  readonly orders: number;
  readonly revenue: string;
}

export interface ConversionFunnelRow {
  readonly product_id: string;
  readonly views: number;
  readonly addtocarts: number;
  readonly purchases: number;
  readonly view_to_cart_rate: number | null;
  readonly cart_to_purchase_rate: number | null;
}

/**
 * Gold tables, each sorted by its key columns in order, `null` first, text in Unicode code point
 * order (= UTF-8 byte order, DuckDB's default collation): daily_sales (date, channel, country),
 * monthly_kpis (month), revenue_by and cancellations_by (dimension, member), customer_monthly_spend
 * (customer_id, month), conversion_funnel (product_id).
 */
export interface ReferenceGoldTables {
  readonly daily_sales: DailySalesRow[];
  readonly monthly_kpis: MonthlyKpisRow[];
  readonly revenue_by: RevenueByRow[];
  readonly cancellations_by: CancellationsByRow[];
  readonly customer_monthly_spend: CustomerMonthlySpendRow[];
  readonly conversion_funnel: ConversionFunnelRow[];
}

export interface ReferenceGold {
  readonly timeZone: string;
  /** Entity files in processing order (entity load order, then byte order of names). */
  readonly files: ReferenceFile[];
  /** Files matching no entity, skipped (byte order). */
  readonly skippedFiles: string[];
  readonly silverCounts: ReferenceSilverCounts;
  readonly gold: ReferenceGoldTables;
}

// ---------------------------------------------------------------------------------------------
// Values: timestamps, dates, integers, money
// ---------------------------------------------------------------------------------------------

const SECONDS_PER_DAY = 86_400;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "days_from_civil"). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** `'YYYY-MM-DD'` of a day number (H. Hinnant, "civil_from_days"). */
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (lengths[month - 1] as number);
}

/**
 * A parsed timestamp: the written wall time in seconds as if it were UTC, and the written offset in
 * seconds (`null` for a naive timestamp, to be read in the reporting zone). The fraction is dropped:
 * offsets are whole seconds, so it never changes a calendar date.
 */
interface ParsedTimestamp {
  readonly wallSeconds: number;
  readonly offsetSeconds: number | null;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Parses `YYYY-MM-DD`, or that then `T` or a space, `HH:MM:SS`, an optional fraction and an
 * optional zone (`Z`, `+hh:mm`, `-hh:mm`, `+hhmm`, `-hhmm`); `null` when it is not one, or names a
 * date or time that does not exist. Reading: `T` and `Z` upper case only; offsets up to 23:59.
 */
export function parseTimestamp(text: string): ParsedTimestamp | null {
  const m = TIMESTAMP.exec(text);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const wallSeconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  if (m[8] === undefined) return { wallSeconds, offsetSeconds: m[7] === 'Z' ? 0 : null };
  const [offsetHours, offsetMinutes] = [Number(m[9]), Number(m[10])];
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  const sign = m[8] === '-' ? -1 : 1;
  return { wallSeconds, offsetSeconds: sign * (offsetHours * 3600 + offsetMinutes * 60) };
}

/** `YYYY-MM-DD` naming a real calendar date. */
function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `[+-]?digits` within the 32-bit signed range, or `null`. */
export function parseInteger(text: string): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= -2_147_483_648 && value <= 2_147_483_647 ? value : null;
}

/** Money scale: values are `bigint` counts of 1/10^4. */
const MONEY_FACTOR = 10_000n;

/**
 * `[+-]?digits[.digits]` as an exact `bigint` scaled by 10^4, or `null`: at most 4 decimals (extra
 * decimals allowed when all zero) and at most 14 integer digits (DECIMAL(18,4)). Reading: leading
 * zeros do not count towards the 14 digits.
 */
export function parseMoney(text: string): bigint | null {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return null;
  const [, sign = '', whole = '', fraction = ''] = m;
  if (/[^0]/.test(fraction.slice(4))) return null;
  if (whole.replace(/^0+/, '').length > 14) return null;
  return BigInt(`${sign}${whole}${fraction.slice(0, 4).padEnd(4, '0')}`);
}

/** Money as text with exactly 4 decimals: `-32500n` → `'-3.2500'`. */
export function formatMoney(scaled: bigint): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(5, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** numerator / denominator as a double from exact values; `null` when the denominator is 0. */
function ratio(numerator: bigint, denominator: bigint): number | null {
  return denominator === 0n ? null : Number(numerator) / Number(denominator);
}

// ---------------------------------------------------------------------------------------------
// Reporting time zone
// ---------------------------------------------------------------------------------------------

/**
 * Offsets of an IANA zone through `Intl.DateTimeFormat`, and the contract's reading of naive wall
 * times (`docs/contract-notes.md`): a wall time in a spring-forward gap takes the offset in force
 * before the gap; one in an autumn overlap takes the later instant. Assumes no two offset changes
 * within two days (true of every zone in practice), as Temporal's disambiguation does.
 */
export class ReportingZone {
  private readonly format: Intl.DateTimeFormat;
  /** UTC day → the offset in force all day, or `null` when it changes that day. */
  private readonly dayOffsets = new Map<number, number | null>();

  /** @throws InvalidArgumentError when `timeZone` is not an IANA zone this runtime knows. */
  constructor(readonly timeZone: string) {
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new InvalidArgumentError(`ReportingZone: unknown time zone ${JSON.stringify(timeZone)}`);
    }
  }

  /**
   * Offset from UTC in seconds in force at an instant (epoch seconds). Memoised per UTC day: a day
   * whose first and last second have the same offset is taken to have no change in between (the
   * same assumption as above); on a day with a change, every instant is asked of `Intl`.
   */
  offsetAt(instant: number): number {
    const day = Math.floor(instant / SECONDS_PER_DAY);
    let constant = this.dayOffsets.get(day);
    if (constant === undefined) {
      const first = this.intlOffsetAt(day * SECONDS_PER_DAY);
      constant = first === this.intlOffsetAt((day + 1) * SECONDS_PER_DAY - 1) ? first : null;
      this.dayOffsets.set(day, constant);
    }
    return constant ?? this.intlOffsetAt(instant);
  }

  /** Offset at an instant as `Intl` gives it: the zone's wall time there minus the instant. */
  private intlOffsetAt(instant: number): number {
    const part: Record<string, string> = {};
    for (const p of this.format.formatToParts(new Date(instant * 1000))) part[p.type] = p.value;
    const yearOfEra = Number(part.year);
    const year = part.era === 'BC' ? 1 - yearOfEra : yearOfEra;
    const local =
      daysFromCivil(year, Number(part.month), Number(part.day)) * SECONDS_PER_DAY +
      Number(part.hour) * 3600 +
      Number(part.minute) * 60 +
      Number(part.second);
    return local - instant;
  }

  /** The instant (epoch seconds) of a naive wall time (seconds as if UTC), gap and overlap resolved. */
  instantOfWallTime(wallSeconds: number): number {
    const before = this.offsetAt(wallSeconds - SECONDS_PER_DAY);
    const after = this.offsetAt(wallSeconds + SECONDS_PER_DAY);
    const readings = [...new Set([before, after])]
      .map((offset) => wallSeconds - offset)
      .filter((instant) => instant + this.offsetAt(instant) === wallSeconds);
    if (readings.length === 0) return wallSeconds - before; // in the gap: the offset before it
    return Math.max(...readings); // one reading, or the later of an overlap's two
  }

  /** The instant of a parsed timestamp: its own offset, else a wall time in this zone. */
  instantOf(ts: ParsedTimestamp): number {
    return ts.offsetSeconds === null
      ? this.instantOfWallTime(ts.wallSeconds)
      : ts.wallSeconds - ts.offsetSeconds;
  }

  /** `'YYYY-MM-DD'`: the calendar date of an instant in this zone. */
  dateOf(instant: number): string {
    return civilDate(Math.floor((instant + this.offsetAt(instant)) / SECONDS_PER_DAY));
  }
}

// ---------------------------------------------------------------------------------------------
// Row validation (contract section 2 and the rejection reasons of section 3)
// ---------------------------------------------------------------------------------------------

type Value = string | number | bigint | ParsedTimestamp | null;
/** A typed row: contract column → value (`null` when missing, or optional and unparsable). */
type TypedRow = Readonly<Record<string, Value>>;

const STATUS_SET: ReadonlySet<string> = new Set(ORDER_STATUSES);
const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);
const NEGATIVE_AMOUNT_COLUMNS = ['unit_price', 'discount_amount'];

function normaliseStatus(text: string): OrderStatus | null {
  const lower = text.toLowerCase();
  const status = STATUS_ALIASES[lower] ?? lower;
  return STATUS_SET.has(status) ? (status as OrderStatus) : null;
}

type Validation = { readonly row: TypedRow } | { readonly reason: RejectionReason };

/** A column's typed value, or the rule its text fails. */
type Typed = { readonly value: Value } | { readonly fails: RejectionReason };

function typeValue(column: ColumnSpec, text: string): Typed {
  switch (column.type) {
    case 'id':
    case 'text':
      return { value: text };
    case 'integer': {
      const value = parseInteger(text);
      return value === null ? { fails: 'bad_number' } : { value };
    }
    case 'money': {
      const value = parseMoney(text);
      return value === null ? { fails: 'bad_number' } : { value };
    }
    case 'timestamp': {
      const value = parseTimestamp(text);
      return value === null ? { fails: 'bad_timestamp' } : { value };
    }
    case 'date':
      return isDate(text) ? { value: text } : { fails: 'bad_timestamp' };
    case 'status': {
      const value = normaliseStatus(text);
      return value === null ? { fails: 'unknown_status' } : { value };
    }
    case 'event_type': {
      const value = text.toLowerCase();
      return EVENT_TYPE_SET.has(value) ? { value } : { fails: 'unknown_event_type' };
    }
  }
}

const RULE_RANK: ReadonlyMap<RejectionReason, number> = new Map(REJECTION_REASONS.map((r, i) => [r, i]));

/**
 * Types one record of an entity, or names its rejection reason: the first failing rule in the
 * contract's order, i.e. the failure of lowest rank in `REJECTION_REASONS`. `texts` holds one
 * field per contract column (`''` when the column is absent from the file). A required field, or
 * any field of a strict entity (order_items), that fails to parse rejects the row; an optional
 * field of another entity that fails becomes `null`.
 */
function validateRow(
  spec: EntitySpec,
  texts: readonly string[],
  knownProducts: ReadonlySet<string>,
): Validation {
  const row: Record<string, Value> = {};
  let reason: RejectionReason | null = null;
  const fail = (r: RejectionReason): void => {
    if (reason === null || (RULE_RANK.get(r) as number) < (RULE_RANK.get(reason) as number)) reason = r;
  };
  spec.columns.forEach((column, i) => {
    const text = texts[i] ?? '';
    row[column.name] = null;
    if (text === '') {
      if (column.required) fail('missing_required');
      return;
    }
    const typed = typeValue(column, text);
    if ('value' in typed) row[column.name] = typed.value;
    else if (column.required || spec.strict) fail(typed.fails);
  });
  const quantity = row.quantity;
  if (typeof quantity === 'number' && quantity <= 0) fail('negative_quantity');
  for (const name of NEGATIVE_AMOUNT_COLUMNS) {
    const amount = row[name];
    if (typeof amount === 'bigint' && amount < 0n) fail('negative_amount');
  }
  const productId = row.product_id;
  if (spec.name === 'order_items' && (typeof productId !== 'string' || !knownProducts.has(productId))) {
    fail('unknown_product');
  }
  return reason === null ? { row } : { reason };
}

// ---------------------------------------------------------------------------------------------
// Loading: files → latest accepted row per key (bronze → silver deduplication)
// ---------------------------------------------------------------------------------------------

/** A UTF-16 unit moved so that surrogates (D800-DFFF) sort above E000-FFFF, as their code points do. */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;
}

/** Byte order of UTF-8 text (= code point order); JS `<` compares UTF-16 units instead. */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Nulls first, then {@link compareText}. */
function compareNullable(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return compareText(a, b);
}

/** Header names as matched against contract columns. Reading: only spaces are trimmed. */
function headerName(field: string): string {
  return field.replace(/^ +| +$/g, '').toLowerCase();
}

/** What the loader keeps of an entity: the latest accepted row per key, or every row (events). */
interface EntityRows {
  readonly latest: Map<string, TypedRow>;
  readonly all: TypedRow[];
}

interface LoadState {
  readonly files: ReferenceFile[];
  readonly rows: Map<EntityName, EntityRows>;
  /** Products accepted into bronze so far (for `unknown_product`). */
  readonly knownProducts: Set<string>;
  /** Distinct non-null currencies of accepted orders rows. */
  readonly currencies: Set<string>;
}

/** The key of a row as one string: the id itself, or a JSON array of a composite key's values. */
function keyOf(spec: EntitySpec, row: TypedRow): string {
  const values = spec.key.map((name) => row[name]);
  return values.length === 1 ? String(values[0]) : JSON.stringify(values);
}

/** Loads one landing file of an entity into the state; returns its ledger entry. */
async function loadFile(
  path: string,
  name: string,
  spec: EntitySpec,
  state: LoadState,
): Promise<ReferenceFile> {
  const problem = await wholeFileProblem(path);
  const entry = (
    fileRejection: FileRejectionReason | null,
    rowsRead = 0,
    accepted = 0,
    rejected: Record<string, number> = {},
  ): ReferenceFile => ({
    name,
    entity: spec.name,
    fileRejection,
    rowsRead,
    accepted,
    rejectedByReason: rejected,
  });
  if (problem !== null) return entry(problem);

  const records = readCsvRecords(path);
  const first = await records.next();
  const header = first.done ? null : first.value.fields;
  if (header === null) {
    await records.return(undefined);
    return entry('bad_header');
  }
  const names = header.map(headerName);
  const indexes = spec.columns.map((c) => names.indexOf(c.name));
  const fileProblem: FileRejectionReason | null = spec.columns.some((c, i) => c.required && indexes[i] === -1)
    ? 'missing_column'
    : new Set(names).size !== names.length
      ? 'bad_header'
      : null;
  if (fileProblem !== null) {
    await records.return(undefined);
    return entry(fileProblem);
  }

  const rows: EntityRows = state.rows.get(spec.name) ?? { latest: new Map(), all: [] };
  state.rows.set(spec.name, rows);
  const rejected: Record<string, number> = {};
  let rowsRead = 0;
  let accepted = 0;
  for await (const record of records) {
    rowsRead++;
    const fields = record.fields;
    const result: Validation =
      fields === null
        ? { reason: 'malformed_row' }
        : validateRow(
            spec,
            indexes.map((i) => (i === -1 ? '' : (fields[i] ?? ''))),
            state.knownProducts,
          );
    if ('reason' in result) {
      rejected[result.reason] = (rejected[result.reason] ?? 0) + 1;
      continue;
    }
    accepted++;
    const row = result.row;
    if (spec.key.length === 0) rows.all.push(row);
    else rows.latest.set(keyOf(spec, row), row); // a later row of the key replaces the earlier one
    if (spec.name === 'products') state.knownProducts.add(row.product_id as string);
    if (spec.name === 'orders' && typeof row.currency === 'string') state.currencies.add(row.currency);
  }
  return entry(null, rowsRead, accepted, rejected);
}

// ---------------------------------------------------------------------------------------------
// Silver: conformed orders with their lines
// ---------------------------------------------------------------------------------------------

interface Line {
  readonly productId: string;
  readonly category: string | null;
  readonly brand: string | null;
  readonly quantity: number;
  /** quantity x unit_price - coalesce(discount_amount, 0), scaled by 10^4. */
  readonly revenue: bigint;
}

interface Order {
  readonly orderId: string;
  readonly customerId: string;
  readonly instant: number;
  readonly date: string;
  readonly month: string;
  readonly channel: string | null;
  readonly paymentMethod: string | null;
  readonly country: string | null;
  readonly gender: string | null;
  readonly valid: boolean;
  readonly cancelled: boolean;
  readonly lines: Line[];
  readonly units: number;
  readonly revenue: bigint;
}

const textOrNull = (value: Value | undefined): string | null => (typeof value === 'string' ? value : null);

function buildOrders(
  rows: Map<EntityName, EntityRows>,
  zone: ReportingZone,
): { orders: Order[]; orderItems: number; orphanLines: number } {
  const latest = (entity: EntityName) => rows.get(entity)?.latest ?? new Map<string, TypedRow>();
  const customers = new Map([...latest('customers').values()].map((r) => [r.customer_id as string, r]));
  const products = new Map([...latest('products').values()].map((r) => [r.product_id as string, r]));
  const orderRows = new Map([...latest('orders').values()].map((r) => [r.order_id as string, r]));

  const linesByOrder = new Map<string, Line[]>();
  let orderItems = 0;
  let orphanLines = 0;
  for (const r of latest('order_items').values()) {
    const orderId = r.order_id as string;
    if (!orderRows.has(orderId)) {
      orphanLines++;
      continue;
    }
    orderItems++;
    const product = products.get(r.product_id as string);
    const quantity = r.quantity as number;
    const discount = typeof r.discount_amount === 'bigint' ? r.discount_amount : 0n;
    const line: Line = {
      productId: r.product_id as string,
      category: textOrNull(product?.category_id),
      brand: textOrNull(product?.brand_id),
      quantity,
      revenue: BigInt(quantity) * (r.unit_price as bigint) - discount,
    };
    slot(linesByOrder, orderId, () => []).push(line);
  }

  const orders: Order[] = [];
  for (const [orderId, r] of orderRows) {
    const instant = zone.instantOf(r.order_ts as ParsedTimestamp);
    const date = zone.dateOf(instant);
    const status = r.status as OrderStatus;
    const customer = customers.get(r.customer_id as string);
    const lines = linesByOrder.get(orderId) ?? [];
    orders.push({
      orderId,
      customerId: r.customer_id as string,
      instant,
      date,
      month: `${date.slice(0, 7)}-01`,
      channel: textOrNull(r.channel),
      paymentMethod: textOrNull(r.payment_method),
      country: textOrNull(customer?.country),
      gender: textOrNull(customer?.gender),
      valid: !INVALID_ORDER_STATUSES.includes(status),
      cancelled: status === 'cancelled',
      lines,
      units: lines.reduce((sum, l) => sum + l.quantity, 0),
      revenue: lines.reduce((sum, l) => sum + l.revenue, 0n),
    });
  }
  return { orders, orderItems, orphanLines };
}

// ---------------------------------------------------------------------------------------------
// Gold (contract section 5)
// ---------------------------------------------------------------------------------------------

/** Gets or creates the accumulator of a key. */
function slot<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

function sortBy<T>(rows: T[], ...keys: ((row: T) => string | null)[]): T[] {
  return rows.sort((a, b) => {
    for (const key of keys) {
      const order = compareNullable(key(a), key(b));
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** Sums over a set of orders, all statuses. */
class OrderTotals {
  orders = 0;
  cancelledOrders = 0;
  validOrders = 0;
  validUnits = 0;
  validRevenue = 0n;
  lostRevenue = 0n;
  /** Distinct customers of the valid orders, when asked for (daily_sales, monthly_kpis). */
  readonly validCustomers: Set<string> | null;
  /** The last order counted, so that several lines of one order count it once. */
  private lastOrderId: string | null = null;

  constructor(countCustomers: boolean) {
    this.validCustomers = countCustomers ? new Set() : null;
  }

  /** Adds the part of order `o` (all of it, or some of its lines) with these units and revenue. */
  add(o: Order, units: number, revenue: bigint): void {
    if (this.lastOrderId !== o.orderId) {
      this.lastOrderId = o.orderId;
      this.orders++;
      if (o.valid) {
        this.validOrders++;
        this.validCustomers?.add(o.customerId);
      }
      if (o.cancelled) this.cancelledOrders++;
    }
    if (o.valid) {
      this.validUnits += units;
      this.validRevenue += revenue;
    }
    if (o.cancelled) this.lostRevenue += revenue;
  }
}

function totalsOf<K>(map: Map<K, OrderTotals>, key: K, countCustomers = false): OrderTotals {
  let totals = map.get(key);
  if (totals === undefined) {
    totals = new OrderTotals(countCustomers);
    map.set(key, totals);
  }
  return totals;
}

function dailySales(orders: readonly Order[]): DailySalesRow[] {
  const groups = new Map<string, OrderTotals>();
  for (const o of orders)
    totalsOf(groups, JSON.stringify([o.date, o.channel, o.country]), true).add(o, o.units, o.revenue);
  const rows = [...groups].map(([key, t]) => {
    const [date, channel, country] = JSON.parse(key) as [string, string | null, string | null];
    return {
      date,
      channel,
      country,
      orders: t.validOrders,
      units: t.validUnits,
      revenue: formatMoney(t.validRevenue),
      customers: t.validCustomers?.size ?? 0,
      cancelled_orders: t.cancelledOrders,
      lost_revenue: formatMoney(t.lostRevenue),
    };
  });
  return sortBy(
    rows,
    (r) => r.date,
    (r) => r.channel,
    (r) => r.country,
  );
}

function monthlyKpis(orders: readonly Order[]): MonthlyKpisRow[] {
  // Month of each customer's first valid order over all history.
  const first = new Map<string, Order>();
  for (const o of orders) {
    const current = first.get(o.customerId);
    if (o.valid && (current === undefined || o.instant < current.instant)) first.set(o.customerId, o);
  }
  const newCustomers = new Map<string, number>();
  for (const o of first.values()) newCustomers.set(o.month, (newCustomers.get(o.month) ?? 0) + 1);

  const groups = new Map<string, OrderTotals>();
  for (const o of orders) totalsOf(groups, o.month, true).add(o, o.units, o.revenue);
  const rows = [...groups].map(([month, t]) => ({
    month,
    orders: t.validOrders,
    units: t.validUnits,
    revenue: formatMoney(t.validRevenue),
    aov: ratio(t.validRevenue, BigInt(t.validOrders) * MONEY_FACTOR),
    active_customers: t.validCustomers?.size ?? 0,
    new_customers: newCustomers.get(month) ?? 0,
    cancelled_orders: t.cancelledOrders,
    cancellation_rate: ratio(BigInt(t.cancelledOrders), BigInt(t.orders)),
    lost_revenue: formatMoney(t.lostRevenue),
  }));
  return sortBy(rows, (r) => r.month);
}

/** Dimensions whose member is a property of the order, and of each line. */
const ORDER_DIMENSIONS: readonly [Dimension, (o: Order) => string | null][] = [
  ['customer', (o) => o.customerId],
  ['country', (o) => o.country],
  ['gender', (o) => o.gender],
  ['channel', (o) => o.channel],
  ['payment_method', (o) => o.paymentMethod],
];
const LINE_DIMENSIONS: readonly [Dimension, (l: Line) => string | null][] = [
  ['product', (l) => l.productId],
  ['category', (l) => l.category],
  ['brand', (l) => l.brand],
];

/**
 * `revenue_by` and `cancellations_by`. For product, category and brand a member's orders are the
 * distinct orders with a line of it and its units and revenue those of its lines; for the other
 * dimensions, the member's orders as a whole. An order without lines has no product member.
 */
function byMember(orders: readonly Order[]): {
  revenueBy: RevenueByRow[];
  cancellationsBy: CancellationsByRow[];
} {
  const totals = new Map<Dimension, Map<string | null, OrderTotals>>();
  const membersOf = (dimension: Dimension): Map<string | null, OrderTotals> => {
    let members = totals.get(dimension);
    if (members === undefined) {
      members = new Map();
      totals.set(dimension, members);
    }
    return members;
  };
  let totalRevenue = 0n;
  for (const o of orders) {
    if (o.valid) totalRevenue += o.revenue;
    for (const [dimension, member] of ORDER_DIMENSIONS) {
      totalsOf(membersOf(dimension), member(o)).add(o, o.units, o.revenue);
    }
    for (const l of o.lines) {
      for (const [dimension, member] of LINE_DIMENSIONS) {
        totalsOf(membersOf(dimension), member(l)).add(o, l.quantity, l.revenue);
      }
    }
  }
  const all = [...totals].flatMap(([dimension, members]) =>
    [...members].map(([member, t]) => ({ dimension, member, t })),
  );
  const revenueBy = all
    .filter(({ t }) => t.validOrders > 0)
    .map(({ dimension, member, t }) => ({
      dimension,
      member,
      orders: t.validOrders,
      units: t.validUnits,
      revenue: formatMoney(t.validRevenue),
      revenue_share: ratio(t.validRevenue, totalRevenue),
    }));
  const cancellationsBy = all.map(({ dimension, member, t }) => ({
    dimension,
    member,
    orders: t.orders,
    cancelled_orders: t.cancelledOrders,
    cancellation_rate: ratio(BigInt(t.cancelledOrders), BigInt(t.orders)),
    lost_revenue: formatMoney(t.lostRevenue),
  }));
  return {
    revenueBy: sortBy(
      revenueBy,
      (r) => r.dimension,
      (r) => r.member,
    ),
    cancellationsBy: sortBy(
      cancellationsBy,
      (r) => r.dimension,
      (r) => r.member,
    ),
  };
}

function customerMonthlySpend(orders: readonly Order[]): CustomerMonthlySpendRow[] {
  const groups = new Map<string, { customer_id: string; month: string; orders: number; revenue: bigint }>();
  for (const o of orders) {
    if (!o.valid) continue;
    const g = slot(groups, JSON.stringify([o.customerId, o.month]), () => ({
      customer_id: o.customerId,
      month: o.month,
      orders: 0,
      revenue: 0n,
    }));
    g.orders++;
    g.revenue += o.revenue;
  }
  const rows = [...groups.values()].map((g) => ({ ...g, revenue: formatMoney(g.revenue) }));
  return sortBy(
    rows,
    (r) => r.customer_id,
    (r) => r.month,
  );
}

function conversionFunnel(events: readonly TypedRow[]): ConversionFunnelRow[] {
  const visitors = new Map<string, Record<string, Set<string>>>();
  for (const e of events) {
    const byType = slot(visitors, e.product_id as string, (): Record<string, Set<string>> => ({}));
    const typeVisitors = byType[e.event_type as string] ?? new Set<string>();
    typeVisitors.add(e.visitor_id as string);
    byType[e.event_type as string] = typeVisitors;
  }
  const rows = [...visitors].map(([productId, byType]) => {
    const views = byType.view?.size ?? 0;
    const addtocarts = byType.addtocart?.size ?? 0;
    const purchases = byType.transaction?.size ?? 0;
    return {
      product_id: productId,
      views,
      addtocarts,
      purchases,
      view_to_cart_rate: ratio(BigInt(addtocarts), BigInt(views)),
      cart_to_purchase_rate: ratio(BigInt(purchases), BigInt(addtocarts)),
    };
  });
  return sortBy(rows, (r) => r.product_id);
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Computes the gold tables from a landing folder treated as one run, independently of the SQL
 * pipeline: files go to entities by `entityForFile`, entities load in `ENTITIES` order (products
 * before order_items), files of an entity in byte order of their names; every rejection rule,
 * latest wins per key, time zones as in `docs/contract-notes.md`.
 *
 * @throws InvalidArgumentError when `options.timeZone` is not an IANA zone.
 * @throws DataContractError when accepted orders carry more than one currency (section 3).
 * @example
 * // The three-order example of reference-gold.test.ts:
 * const ref = await computeReferenceGold(landingDir, { timeZone: 'UTC' });
 * ref.gold.monthly_kpis[0] // { month: '2025-01-01', orders: 1, revenue: '44.0000', aov: 44, ... }
 */
export async function computeReferenceGold(
  landingDir: string,
  options: ReferenceGoldOptions,
): Promise<ReferenceGold> {
  const zone = new ReportingZone(options.timeZone);
  const names = (await readdir(landingDir, { withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort(compareText);

  const state: LoadState = { files: [], rows: new Map(), knownProducts: new Set(), currencies: new Set() };
  for (const spec of ENTITIES) {
    for (const name of names.filter((n) => entityForFile(n) === spec.name)) {
      state.files.push(await loadFile(join(landingDir, name), name, spec, state));
    }
  }
  if (state.currencies.size > 1) {
    const list = [...state.currencies].sort(compareText).join(', ');
    throw new DataContractError(
      `computeReferenceGold: orders carry several currencies (${list}); conversion is not supported`,
    );
  }

  const { orders, orderItems, orphanLines } = buildOrders(state.rows, zone);
  const { revenueBy, cancellationsBy } = byMember(orders);
  return {
    timeZone: options.timeZone,
    files: state.files,
    skippedFiles: names.filter((n) => entityForFile(n) === null),
    silverCounts: {
      orders: orders.length,
      orderItems,
      customers: state.rows.get('customers')?.latest.size ?? 0,
      products: state.rows.get('products')?.latest.size ?? 0,
      orphanLines,
    },
    gold: {
      daily_sales: dailySales(orders),
      monthly_kpis: monthlyKpis(orders),
      revenue_by: revenueBy,
      cancellations_by: cancellationsBy,
      customer_monthly_spend: customerMonthlySpend(orders),
      conversion_funnel: conversionFunnel(state.rows.get('events')?.all ?? []),
    },
  };
}
