/**
 * An independent reference computation of the gold tables, the oracle of the end-to-end tests.
 *
 * Plain streaming TypeScript over the raw landing CSV files, written from the data contract
 * (`docs/data-contract.md` (v1.1) sections 2-5) and its reading in `docs/contract-notes.md`; it
 * shares nothing with the SQL pipeline but the entity specs of `etl/contract.ts`. No DuckDB, no
 * SQL, no floating point for money (exact `bigint` scaled by 10^4), and time zones through
 * `Intl.DateTimeFormat` (never the machine's zone).
 *
 * Where the contract and the notes leave a point open, this file reads it as follows (also marked
 * "Reading:" where it is implemented):
 * - The ledger counts a file rejected whole with `rowsRead` 0; `rejectedByReason` lists only
 *   reasons with at least one row.
 * - `bad_header` covers a header whose own quoting or bytes are broken, a column without a name and
 *   any name repeated after trimming and lower-casing (extra columns included); it is checked
 *   before `missing_column`.
 * - Header names lose leading and trailing white space, then are lower-cased.
 * - `T` and `Z` must be upper case; a fraction never moves a date (it is dropped, not rounded).
 * - Leading zeros are accepted in numbers (contract v1.1) and do not count towards the 14 integer
 *   digits of money; `line_number` is a typed integer, so `01` and `1` are the same line.
 * - Currency (contract v1.1, section 3): a file's currencies are the non-empty `currency` values of
 *   its accepted orders rows, as written (case-sensitive), superseded rows included. The warehouse's
 *   currency is the first of them in the first file loaded with one; a file naming any other, or
 *   mixing two in a new warehouse, is `currency_mismatch`. A file rejected whole for another reason
 *   sets no currency.
 * - Whole-file reasons, first found first: `unreadable` (a `.gz` that does not decompress),
 *   `line_too_long` (a record past `MAX_RECORD_BYTES`, its line break not counted),
 *   `too_many_columns` (a header past `MAX_COLUMNS`), `empty_file`, `not_text`, `missing_column`,
 *   `bad_header`, then `currency_mismatch`, then `too_many_rejected`.
 * - Runs: a file name is the ledger's key; a run skips a file whose bytes it recorded, loads again
 *   a rejected file with new bytes, and does not load a loaded file with new bytes (`changed`); a
 *   file whose decompressed bytes equal a loaded file's is a duplicate delivery, skipped.
 * - `orphanLines` counts distinct (order_id, line_number) keys, latest row, whose order is not in
 *   `fact_orders`.
 * - A product line's category and brand come from the product's latest accepted row.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
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
  MAX_COLUMNS,
  ORDER_STATUSES,
  type OrderStatus,
  REJECTION_REASONS,
  type RejectionReason,
  STATUS_ALIASES,
} from '../../etl/contract.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import {
  type CsvRecord,
  fileChunks,
  RecordTooLongError,
  readCsvRecords,
  type WholeFileProblem,
  wholeFileProblem,
} from './csv-records.ts';

// ---------------------------------------------------------------------------------------------
// Result types
// ---------------------------------------------------------------------------------------------

/**
 * When a file is rejected whole for its rejected rows (`too_many_rejected`, contract section 3):
 * more than `share` (0-1) of its records rejected, for any reason, in a file of at least `minRows`
 * records.
 */
export interface RejectedRowsLimit {
  readonly share: number;
  readonly minRows: number;
}

/**
 * The run's threshold when none is given, as `docs/contract-notes.md` states it: more than a
 * quarter of the records of a file of at least 100 records.
 */
export const DEFAULT_REJECTED_ROWS_LIMIT: RejectedRowsLimit = { share: 0.25, minRows: 100 };

/** Options of {@link computeReferenceGold} and {@link ReferenceWarehouse}. */
export interface ReferenceGoldOptions {
  /** IANA reporting time zone (`'UTC'`, `'Europe/Berlin'`); the machine's zone is never read. */
  readonly timeZone: string;
  /** Default {@link DEFAULT_REJECTED_ROWS_LIMIT}. */
  readonly maxRejected?: RejectedRowsLimit;
}

/**
 * What a run did with a file: `loaded` (its rows in bronze or quarantine), `rejected` whole,
 * `duplicate` (its content equals a loaded file's: skipped), `changed` (loaded before under this
 * name, with other bytes: not loaded).
 */
export type ReferenceFileOutcome = 'loaded' | 'rejected' | 'duplicate' | 'changed';

/** What happened to one landing file. */
export interface ReferenceFile {
  readonly name: string;
  readonly entity: EntityName;
  readonly outcome: ReferenceFileOutcome;
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

/**
 * `gold.monthly_by` (contract v1.1): per month, the figures of `revenue_by` and `cancellations_by`
 * for each dimension's members. Reading: a row for every month x dimension x member with an order
 * of any status; `customers` counts distinct customers with a valid order.
 */
export interface MonthlyByRow {
  /** First day of the month, `'YYYY-MM-01'`. */
  readonly month: string;
  readonly dimension: Dimension;
  readonly member: string | null;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
  readonly customers: number;
  readonly cancelled_orders: number;
  readonly lost_revenue: string;
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
 * (customer_id, month), monthly_by (month, dimension, member), conversion_funnel (product_id).
 */
export interface ReferenceGoldTables {
  readonly daily_sales: DailySalesRow[];
  readonly monthly_kpis: MonthlyKpisRow[];
  readonly revenue_by: RevenueByRow[];
  readonly cancellations_by: CancellationsByRow[];
  readonly customer_monthly_spend: CustomerMonthlySpendRow[];
  readonly monthly_by: MonthlyByRow[];
  readonly conversion_funnel: ConversionFunnelRow[];
}

export interface ReferenceGold {
  readonly timeZone: string;
  /**
   * Entity files each run acted on, run after run, each run in processing order (entity load
   * order, then byte order of names); files a run skipped as already loaded are not listed.
   */
  readonly files: ReferenceFile[];
  /** Files of the last run matching no entity, skipped (byte order). */
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
 * date or time that does not exist. `T` and `Z` upper case only; offsets from -14:59 to +14:59
 * (hours 00-14, minutes 00-59).
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
  if (offsetHours > 14 || offsetMinutes > 59) return null;
  const magnitude = offsetHours * 3600 + offsetMinutes * 60;
  return { wallSeconds, offsetSeconds: m[8] === '-' && magnitude > 0 ? -magnitude : magnitude };
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

/** Header names as matched against contract columns: trimmed of white space, lower-cased. */
function headerName(field: string): string {
  return field.trim().toLowerCase();
}

/** What the loader keeps of an entity: the latest accepted row per key, or every row (events). */
interface EntityRows {
  readonly latest: Map<string, TypedRow>;
  readonly all: TypedRow[];
}

/** Everything loaded so far, over all runs: the warehouse as the oracle sees it. */
interface LoadState {
  readonly rows: Map<EntityName, EntityRows>;
  /** Products accepted into bronze so far (for `unknown_product`). */
  readonly knownProducts: Set<string>;
  /**
   * The warehouse's currency: the first non-empty `currency` of the first loaded file that has
   * one (its first such row), or `null` while no loaded order names one.
   */
  currency: string | null;
  /** File name → the SHA-256 of its bytes as stored and whether it loaded (the ledger). */
  readonly ledger: Map<string, { readonly sha256: string; readonly loaded: boolean }>;
  /** SHA-256 of the decompressed content of every loaded file (duplicate deliveries). */
  readonly loadedContent: Set<string>;
}

/** The key of a row as one string: the id itself, or a JSON array of a composite key's values. */
function keyOf(spec: EntitySpec, row: TypedRow): string {
  const values = spec.key.map((name) => row[name]);
  return values.length === 1 ? String(values[0]) : JSON.stringify(values);
}

/** A file read and validated, not yet applied: its accepted rows in file order and its counts. */
interface FileReading {
  readonly rowsRead: number;
  readonly accepted: TypedRow[];
  readonly rejected: Record<string, number>;
}

/** A whole-file reason found while reading, or the file's rows. */
type ReadOutcome = { readonly fileRejection: FileRejectionReason } | { readonly reading: FileReading };

/**
 * Reads and validates one landing file of an entity against the current state, changing nothing:
 * the whole-file checks of the reader (`unreadable`, `line_too_long`, `too_many_columns`, then
 * `empty_file`, `not_text`, `missing_column`, `bad_header`), then every record.
 */
async function readFile(path: string, spec: EntitySpec, state: LoadState): Promise<ReadOutcome> {
  const problem = await wholeFileProblem(path);
  if (problem === 'unreadable') return { fileRejection: problem };
  try {
    return await readRecords(path, spec, state, problem);
  } catch (error) {
    if (error instanceof RecordTooLongError) return { fileRejection: 'line_too_long' };
    // A `.gz` that breaks after the part `wholeFileProblem` read.
    if (path.toLowerCase().endsWith('.gz')) return { fileRejection: 'unreadable' };
    throw error;
  }
}

/**
 * The records of a file. Reading: a record past the length limit anywhere rejects the file even
 * when its start is not text (the reader meets the limit first, as a stream reader would), so the
 * records are read before `problem` (empty or not text) is reported.
 */
async function readRecords(
  path: string,
  spec: EntitySpec,
  state: LoadState,
  problem: WholeFileProblem | null,
): Promise<ReadOutcome> {
  const records = readCsvRecords(path);
  const first = await records.next();
  const header = first.done ? null : first.value.fields;
  if (header !== null && header.length > MAX_COLUMNS) {
    await drain(records); // a later record past the length limit still wins
    return { fileRejection: 'too_many_columns' };
  }
  if (problem !== null) {
    await drain(records);
    return { fileRejection: problem };
  }
  if (header === null) {
    await drain(records);
    return { fileRejection: 'bad_header' };
  }
  const names = header.map(headerName);
  const indexes = spec.columns.map((c) => names.indexOf(c.name));
  // Reading: a header with a column without a name, or a name twice, is judged before its columns.
  const fileProblem: FileRejectionReason | null =
    names.includes('') || new Set(names).size !== names.length
      ? 'bad_header'
      : spec.columns.some((c, i) => c.required && indexes[i] === -1)
        ? 'missing_column'
        : null;
  if (fileProblem !== null) {
    await drain(records);
    return { fileRejection: fileProblem };
  }
  const accepted: TypedRow[] = [];
  const rejected: Record<string, number> = {};
  let rowsRead = 0;
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
    if ('reason' in result) rejected[result.reason] = (rejected[result.reason] ?? 0) + 1;
    else accepted.push(result.row);
  }
  return { reading: { rowsRead, accepted, rejected } };
}

/** Reads a file's remaining records, so that a record past the length limit is still found. */
async function drain(records: AsyncGenerator<CsvRecord>): Promise<void> {
  for await (const _ of records) {
    // nothing: only the reader's own checks matter
  }
}

/**
 * `currency_mismatch` when the file's accepted orders name a currency other than the
 * warehouse's; the warehouse's currency is the state's, or in a new warehouse the first this
 * file names. `currencyAfter` is the warehouse's currency once the file is loaded.
 */
function currencyCheck(
  spec: EntitySpec,
  reading: FileReading,
  current: string | null,
): { readonly mismatch: boolean; readonly currencyAfter: string | null } {
  if (spec.name !== 'orders') return { mismatch: false, currencyAfter: current };
  let warehouse = current;
  for (const row of reading.accepted) {
    const currency = row.currency;
    if (typeof currency !== 'string') continue;
    warehouse ??= currency;
    if (currency !== warehouse) return { mismatch: true, currencyAfter: current };
  }
  return { mismatch: false, currencyAfter: warehouse };
}

/** Whether more of the file's records are rejected than the threshold allows. */
function tooManyRejected(reading: FileReading, limit: RejectedRowsLimit): boolean {
  const rejected = reading.rowsRead - reading.accepted.length;
  return reading.rowsRead >= limit.minRows && rejected > limit.share * reading.rowsRead;
}

/** Applies a loaded file's accepted rows: latest wins per key, within the file the last row. */
function applyRows(spec: EntitySpec, reading: FileReading, state: LoadState): void {
  const rows: EntityRows = state.rows.get(spec.name) ?? { latest: new Map(), all: [] };
  state.rows.set(spec.name, rows);
  for (const row of reading.accepted) {
    if (spec.key.length === 0) rows.all.push(row);
    else rows.latest.set(keyOf(spec, row), row); // a later row of the key replaces the earlier one
    if (spec.name === 'products') state.knownProducts.add(row.product_id as string);
  }
}

/**
 * Loads one landing file of an entity into the state and returns its ledger entry. A file whose
 * name is in the ledger with the same bytes is not read again (`null`: the run skips it); with
 * other bytes, a loaded file is `changed` (not loaded), a rejected one is read again. A file whose
 * decompressed content equals a loaded file's is a `duplicate`.
 */
async function loadFile(
  path: string,
  name: string,
  spec: EntitySpec,
  state: LoadState,
  limit: RejectedRowsLimit,
): Promise<ReferenceFile | null> {
  const entry = (
    outcome: ReferenceFileOutcome,
    fileRejection: FileRejectionReason | null = null,
    reading: FileReading | null = null,
  ): ReferenceFile => ({
    name,
    entity: spec.name,
    outcome,
    fileRejection,
    rowsRead: reading?.rowsRead ?? 0,
    accepted: reading?.accepted.length ?? 0,
    rejectedByReason: reading?.rejected ?? {},
  });
  const stored = await sha256Of(path, false);
  const known = state.ledger.get(name);
  if (known !== undefined && known.sha256 === stored) return null;
  if (known?.loaded === true) return entry('changed');
  const content = await sha256Of(path, true);
  if (content !== null && state.loadedContent.has(content)) return entry('duplicate');

  const reject = (reason: FileRejectionReason): ReferenceFile => {
    state.ledger.set(name, { sha256: stored ?? '', loaded: false });
    return entry('rejected', reason);
  };
  const read = await readFile(path, spec, state);
  if ('fileRejection' in read) return reject(read.fileRejection);
  const { reading } = read;
  const currency = currencyCheck(spec, reading, state.currency);
  if (currency.mismatch) return reject('currency_mismatch');
  if (tooManyRejected(reading, limit)) return reject('too_many_rejected');
  applyRows(spec, reading, state);
  state.currency = currency.currencyAfter;
  state.ledger.set(name, { sha256: stored ?? '', loaded: true });
  if (content !== null) state.loadedContent.add(content);
  return entry('loaded', null, reading);
}

/**
 * SHA-256 (hex) of a file's bytes as stored, or of its decompressed content; `null` when a `.gz`
 * does not decompress.
 */
async function sha256Of(path: string, decompressed: boolean): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of decompressed ? fileChunks(path) : createReadStream(path)) hash.update(chunk);
  } catch (error) {
    if (decompressed && path.toLowerCase().endsWith('.gz')) return null;
    throw error;
  }
  return hash.digest('hex');
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
      month: `${date.slice(0, date.lastIndexOf('-'))}-01`, // years past 9999 have five digits
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

/**
 * `monthly_by`: the members of `revenue_by`'s dimensions month by month, as {@link byMember} counts
 * them (an order as a whole for order dimensions, its lines of the member for product, category
 * and brand), with the distinct customers of the valid orders.
 */
function monthlyBy(orders: readonly Order[]): MonthlyByRow[] {
  const groups = new Map<string, OrderTotals>();
  for (const o of orders) {
    for (const [dimension, member] of ORDER_DIMENSIONS) {
      totalsOf(groups, JSON.stringify([o.month, dimension, member(o)]), true).add(o, o.units, o.revenue);
    }
    for (const l of o.lines) {
      for (const [dimension, member] of LINE_DIMENSIONS) {
        totalsOf(groups, JSON.stringify([o.month, dimension, member(l)]), true).add(o, l.quantity, l.revenue);
      }
    }
  }
  const rows = [...groups].map(([key, t]) => {
    const [month, dimension, member] = JSON.parse(key) as [string, Dimension, string | null];
    return {
      month,
      dimension,
      member,
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
    (r) => r.month,
    (r) => r.dimension,
    (r) => r.member,
  );
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
 * The oracle's warehouse: landing folders loaded run after run into one state, as the pipeline
 * loads them into one DuckDB file, and the gold tables computed from it at any point. Each run
 * lists its folder, goes over the files by `entityForFile`, entities in `ENTITIES` order (products
 * before order_items), files of an entity in byte order of their names, and applies the contract's
 * rules: a file already in the ledger with the same bytes is skipped, every rejection rule, the
 * whole-file rejections of section 3, latest wins per key in the order files were loaded.
 *
 * @example
 * const wh = new ReferenceWarehouse({ timeZone: 'UTC' });
 * await wh.run(landingDir); // first delivery
 * await wh.run(landingDir); // the same folder with new files: only those are read
 * wh.result().gold.monthly_kpis
 */
export class ReferenceWarehouse {
  private readonly zone: ReportingZone;
  private readonly limit: RejectedRowsLimit;
  private readonly state: LoadState = {
    rows: new Map(),
    knownProducts: new Set(),
    currency: null,
    ledger: new Map(),
    loadedContent: new Set(),
  };
  private readonly files: ReferenceFile[] = [];
  private skippedFiles: string[] = [];

  /** @throws InvalidArgumentError when `options.timeZone` is not an IANA zone. */
  constructor(private readonly options: ReferenceGoldOptions) {
    this.zone = new ReportingZone(options.timeZone);
    this.limit = options.maxRejected ?? DEFAULT_REJECTED_ROWS_LIMIT;
  }

  /** Loads the files of a landing folder that are new to the ledger; returns what each became. */
  async run(landingDir: string): Promise<ReferenceFile[]> {
    const names = (await readdir(landingDir, { withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort(compareText);
    const files: ReferenceFile[] = [];
    for (const spec of ENTITIES) {
      for (const name of names.filter((n) => entityForFile(n) === spec.name)) {
        const file = await loadFile(join(landingDir, name), name, spec, this.state, this.limit);
        if (file !== null) files.push(file);
      }
    }
    this.files.push(...files);
    this.skippedFiles = names.filter((n) => entityForFile(n) === null);
    return files;
  }

  /** Silver counts and gold tables of everything loaded so far; `files` lists every run's files. */
  result(): ReferenceGold {
    const { orders, orderItems, orphanLines } = buildOrders(this.state.rows, this.zone);
    const { revenueBy, cancellationsBy } = byMember(orders);
    return {
      timeZone: this.options.timeZone,
      files: [...this.files],
      skippedFiles: [...this.skippedFiles],
      silverCounts: {
        orders: orders.length,
        orderItems,
        customers: this.state.rows.get('customers')?.latest.size ?? 0,
        products: this.state.rows.get('products')?.latest.size ?? 0,
        orphanLines,
      },
      gold: {
        daily_sales: dailySales(orders),
        monthly_kpis: monthlyKpis(orders),
        revenue_by: revenueBy,
        cancellations_by: cancellationsBy,
        customer_monthly_spend: customerMonthlySpend(orders),
        monthly_by: monthlyBy(orders),
        conversion_funnel: conversionFunnel(this.state.rows.get('events')?.all ?? []),
      },
    };
  }
}

/**
 * Computes the gold tables from a landing folder loaded in one run into a new warehouse,
 * independently of the SQL pipeline (see {@link ReferenceWarehouse}).
 *
 * @throws InvalidArgumentError when `options.timeZone` is not an IANA zone.
 * @example
 * // The three-order example of reference-gold.test.ts:
 * const ref = await computeReferenceGold(landingDir, { timeZone: 'UTC' });
 * ref.gold.monthly_kpis[0] // { month: '2025-01-01', orders: 1, revenue: '44.0000', aov: 44, ... }
 */
export async function computeReferenceGold(
  landingDir: string,
  options: ReferenceGoldOptions,
): Promise<ReferenceGold> {
  const warehouse = new ReferenceWarehouse(options);
  await warehouse.run(landingDir);
  return warehouse.result();
}
