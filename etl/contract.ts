/**
 * The data contract (`docs/data-contract.md`, v1.1) as code: the one source of truth for
 * entity schemas, keys, the status vocabulary and the rejection reasons. Ingest, silver and the
 * checks all read it from here.
 */

/** How a landing column is typed in bronze. */
export type ColumnType = 'id' | 'text' | 'integer' | 'money' | 'timestamp' | 'date' | 'status' | 'event_type';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly required: boolean;
}

export type EntityName =
  | 'customers'
  | 'products'
  | 'categories'
  | 'brands'
  | 'orders'
  | 'order_items'
  | 'events'
  | 'product_prices';

export interface EntitySpec {
  readonly name: EntityName;
  /** Key columns; empty for entities without a key (events). */
  readonly key: readonly string[];
  readonly columns: readonly ColumnSpec[];
  /** Every field is validated strictly (a failure rejects the row), as for order_items. */
  readonly strict: boolean;
  /** The entity may be absent from a landing zone. */
  readonly optional: boolean;
}

const col = (name: string, type: ColumnType, required = false): ColumnSpec => ({ name, type, required });

/** Entities in load order: dimensions first, so products arrive before or with their lines. */
export const ENTITIES: readonly EntitySpec[] = [
  {
    name: 'categories',
    key: ['category_id'],
    strict: false,
    optional: false,
    columns: [col('category_id', 'id', true), col('category_name', 'text'), col('parent_category_id', 'id')],
  },
  {
    name: 'brands',
    key: ['brand_id'],
    strict: false,
    optional: false,
    columns: [col('brand_id', 'id', true), col('brand_name', 'text')],
  },
  {
    name: 'customers',
    key: ['customer_id'],
    strict: false,
    optional: false,
    columns: [
      col('customer_id', 'id', true),
      col('gender', 'text'),
      col('birth_date', 'date'),
      col('country', 'text', true),
      col('region', 'text'),
      col('city', 'text'),
      col('signup_date', 'date'),
    ],
  },
  {
    name: 'products',
    key: ['product_id'],
    strict: false,
    optional: false,
    columns: [
      col('product_id', 'id', true),
      col('product_name', 'text'),
      col('category_id', 'id'),
      col('brand_id', 'id'),
      col('list_price', 'money'),
      col('unit_cost', 'money'),
    ],
  },
  {
    name: 'product_prices',
    key: ['product_id', 'effective_ts'],
    strict: false,
    optional: true,
    columns: [
      col('product_id', 'id', true),
      col('effective_ts', 'timestamp', true),
      col('list_price', 'money', true),
    ],
  },
  {
    name: 'orders',
    key: ['order_id'],
    strict: false,
    optional: false,
    columns: [
      col('order_id', 'id', true),
      col('customer_id', 'id', true),
      col('order_ts', 'timestamp', true),
      col('channel', 'text'),
      col('payment_method', 'text'),
      col('status', 'status', true),
      col('currency', 'text'),
    ],
  },
  {
    name: 'order_items',
    key: ['order_id', 'line_number'],
    strict: true,
    optional: false,
    columns: [
      col('order_id', 'id', true),
      col('line_number', 'integer', true),
      col('product_id', 'id', true),
      col('quantity', 'integer', true),
      col('unit_price', 'money', true),
      col('discount_amount', 'money'),
    ],
  },
  {
    name: 'events',
    key: [],
    strict: false,
    optional: true,
    columns: [
      col('event_ts', 'timestamp', true),
      col('visitor_id', 'id', true),
      col('event_type', 'event_type', true),
      col('product_id', 'id', true),
      col('order_id', 'id'),
    ],
  },
];

/** Looks up an entity's spec by name. */
export function entitySpec(name: EntityName): EntitySpec {
  const spec = ENTITIES.find((e) => e.name === name);
  if (spec === undefined) throw new Error(`entitySpec: unknown entity ${name}`);
  return spec;
}

/** Canonical order statuses; `canceled` is accepted as `cancelled`. Compared case-insensitively. */
export const ORDER_STATUSES = ['placed', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const STATUS_ALIASES: Readonly<Record<string, OrderStatus>> = { canceled: 'cancelled' };
/** Statuses that make an order not valid (section 3). */
export const INVALID_ORDER_STATUSES: readonly OrderStatus[] = ['cancelled', 'returned'];

export const EVENT_TYPES = ['view', 'addtocart', 'transaction'] as const;

/** Row rejection reasons, in rule order: the first failing rule is the reason. */
export const REJECTION_REASONS = [
  'malformed_row',
  'missing_required',
  'bad_timestamp',
  'bad_number',
  'negative_quantity',
  'negative_amount',
  'unknown_status',
  'unknown_event_type',
  'unknown_product',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Whole-file rejection reasons recorded in the ledger. */
export const FILE_REJECTION_REASONS = [
  'empty_file',
  'not_text',
  'missing_column',
  'bad_header',
  /** The file cannot be read: missing, not permitted, truncated compression, not a regular file. */
  'unreadable',
  /** A record is longer than the reader's limit ({@link MAX_RECORD_BYTES}). */
  'line_too_long',
  /** The header has more columns than {@link MAX_COLUMNS}. */
  'too_many_columns',
  /** Orders in a currency other than the warehouse's. */
  'currency_mismatch',
  /** More of the file's rows rejected than the run's threshold (`--max-rejected`). */
  'too_many_rejected',
] as const;
export type FileRejectionReason = (typeof FILE_REJECTION_REASONS)[number];

/** Money: DECIMAL(18,4), at most 4 decimals. */
export const MONEY_SCALE = 4;
export const MONEY_SQL_TYPE = 'DECIMAL(18,4)';
/** Products and sums of money (line revenue, totals): wide enough never to overflow on valid values. */
export const MONEY_SUM_SQL_TYPE = 'DECIMAL(38,4)';

/** The longest record a landing file may hold, in bytes (DuckDB's CSV reader's default line limit). */
export const MAX_RECORD_BYTES = 2_000_000;
/** The most columns a landing file's header may have. */
export const MAX_COLUMNS = 1_000;

/**
 * Version of the warehouse layout written to `meta.schema_version`. 2: the file ledger records
 * the mapping and `--max-rejected` that judged each file (`etl/schema-version.ts` upgrades a
 * version-1 warehouse in place).
 */
export const SCHEMA_VERSION = 2;

/**
 * The entity a landing file belongs to: the longest entity name that the file name starts with,
 * compared case-insensitively; `null` when none matches. `.csv` and `.csv.gz` only.
 *
 * @example entityForFile('Orders_2025-10-31.csv') // 'orders'
 * @example entityForFile('order_items_part2.csv.gz') // 'order_items'
 */
export function entityForFile(fileName: string): EntityName | null {
  const lower = fileName.toLowerCase();
  if (!lower.endsWith('.csv') && !lower.endsWith('.csv.gz')) return null;
  let best: EntityName | null = null;
  for (const e of ENTITIES) {
    if (lower.startsWith(e.name) && (best === null || e.name.length > best.length)) best = e.name;
  }
  return best;
}
