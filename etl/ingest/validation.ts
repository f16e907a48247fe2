import { quoteIdentifier, quoteLiteral } from '../../src/warehouse/index.ts';
import {
  type ColumnSpec,
  type EntitySpec,
  EVENT_TYPES,
  MONEY_SQL_TYPE,
  ORDER_STATUSES,
  REJECTION_REASONS,
  STATUS_ALIASES,
} from '../contract.ts';
import { wallColumn } from '../schema.ts';

/** ISO 8601 forms the contract accepts (docs/contract-notes.md); the calendar is checked by a cast. */
export const TIMESTAMP_PATTERN =
  '\\d{4}-\\d{2}-\\d{2}([T ]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(Z|[+-](0\\d|1[0-4]):?[0-5]\\d)?)?';
const DATE_PATTERN = '\\d{4}-\\d{2}-\\d{2}';
/** Leading zeros are accepted (contract v1.1: `0002` is 2); the range is checked by a cast. */
const INTEGER_PATTERN = '[+-]?0*\\d{1,10}';
/**
 * Money: at most 14 significant integer digits (DECIMAL(18,4)) after any leading zeros, and 4
 * decimals; further decimals only if they are zeros. A value past the type is a `bad_number`.
 */
export const MONEY_PATTERN = '[+-]?0*\\d{1,14}(\\.\\d{1,4}0*)?';

/** SQL pieces that validate and type one landing file's raw VARCHAR columns. */
export interface ValidationSql {
  /**
   * Expression giving the rejection reason of every rule but `unknown_product`, or NULL. It needs
   * no join, so it can be computed while the file is read, in file order.
   */
  readonly reason: string;
  /**
   * Expression naming the failing column and value, for rejected rows; for order lines it reads
   * `_known_product_id` (the product id found among known products, or NULL).
   */
  readonly detail: string;
  /** Typed select list for bronze, in bronze column order (contract columns and wall columns). */
  readonly typed: readonly { readonly name: string; readonly expr: string }[];
  /** Expression listing optional fields that failed to parse (`col=value; ...`), or NULL. */
  readonly nulled: string;
  /**
   * Columns parsed once while the file is read (timestamps: the zoned instant `_z_<col>` and the
   * naive wall time `_w_<col>`), which the reason and the typed list refer to.
   */
  readonly parsed: readonly { readonly name: string; readonly expr: string }[];
  /** Raw VARCHAR select list for quarantine, in contract column order. */
  readonly raw: readonly { readonly name: string; readonly expr: string }[];
  /** For order lines, the raw `product_id` expression that must be a known product; else null. */
  readonly productExpr: string | null;
  /** The rules behind `reason`, in order (without `unknown_product`). */
  readonly rules: readonly ValidationRule[];
  /** For order lines, the `unknown_product` rule (it reads `_known_product_id`); else null. */
  readonly productRule: ValidationRule | null;
}

/** One rejection rule: when it holds, the row goes to quarantine with the reason. */
export interface ValidationRule {
  readonly when: string;
  readonly reason: string;
  readonly detail: string;
}

/**
 * Where each contract column of an entity comes from: a SQL expression over the staged raw
 * VARCHAR columns (a quoted column name), or null when the file lacks the column.
 */
export type ColumnSources = Readonly<Record<string, string | null>>;

/** Name of the raw VARCHAR column at a file position, as read by DuckDB. */
export function rawColumnName(position: number): string {
  return `c${position}`;
}

/** `_extra`: a MAP of column names to the raw values of those columns, or a NULL map. */
export function extraMapSql(
  columns: readonly { readonly name: string; readonly position: number }[],
): string {
  return columns.length === 0
    ? 'CAST(NULL AS MAP(VARCHAR, VARCHAR))'
    : `map([${columns.map((x) => quoteLiteral(x.name)).join(', ')}], [${columns
        .map((x) => quoteIdentifier(rawColumnName(x.position)))
        .join(', ')}])`;
}

function sourceExpr(sources: ColumnSources, column: string): string {
  return sources[column] ?? 'CAST(NULL AS VARCHAR)';
}

const zonedName = (c: ColumnSpec) => quoteIdentifier(`_z_${c.name}`);
const wallName = (c: ColumnSpec) => quoteIdentifier(`_w_${c.name}`);

/**
 * Rules of several entities fed by one row, in the contract's reason order (a stable sort, so
 * the row entity's rule comes first among rules of the same reason).
 */
export function mergeRules(lists: readonly (readonly ValidationRule[])[]): ValidationRule[] {
  const rank = (r: ValidationRule) => {
    const i = (REJECTION_REASONS as readonly string[]).indexOf(r.reason);
    return i < 0 ? -1 : i;
  };
  return lists.flat().sort((a, b) => rank(a) - rank(b));
}

/** The CASE expressions giving the first failing rule's reason and its detail, or NULL. */
export function reasonCase(rules: readonly ValidationRule[]): { reason: string; detail: string } {
  if (rules.length === 0) return { reason: 'CAST(NULL AS VARCHAR)', detail: 'CAST(NULL AS VARCHAR)' };
  return {
    reason: `CASE ${rules.map((r) => `WHEN ${r.when} THEN ${quoteLiteral(r.reason)}`).join(' ')} ELSE NULL END`,
    detail: `CASE ${rules.map((r) => `WHEN ${r.when} THEN ${r.detail}`).join(' ')} ELSE NULL END`,
  };
}

/** Whether a timestamp text ends in a zone (`Z`, `+hh:mm`, `-hhmm`...); cheap character tests. */
function zonedText(s: string): string {
  return `(length(${s}) > 10 AND (${s}[-1] = 'Z' OR ${s}[-6] IN ('+', '-') OR ${s}[-5] IN ('+', '-')))`;
}

function isValidExpr(column: ColumnSpec, s: string): string | null {
  switch (column.type) {
    case 'timestamp':
      return `(regexp_full_match(${s}, '${TIMESTAMP_PATTERN}') AND (${zonedName(column)} IS NOT NULL OR ${wallName(column)} IS NOT NULL))`;
    case 'date':
      return `(regexp_full_match(${s}, '${DATE_PATTERN}') AND try_cast(${s} AS DATE) IS NOT NULL)`;
    case 'integer':
      return `(regexp_full_match(${s}, '${INTEGER_PATTERN}') AND try_cast(${s} AS INTEGER) IS NOT NULL)`;
    case 'money':
      return `regexp_full_match(${s}, '${MONEY_PATTERN}')`;
    default:
      return null;
  }
}

function inList(values: readonly string[]): string {
  return values.map(quoteLiteral).join(', ');
}

const STATUS_VALUES = [...ORDER_STATUSES, ...Object.keys(STATUS_ALIASES)];

/**
 * Builds the validation and typing SQL for one entity given where its columns come from. `label`
 * prefixes the column names in details and messages (`orders.order_ts=...`) when one source row
 * feeds several entities; `names` replaces a column's name there (`order_ts (InvoiceDate)`).
 */
export function buildValidationSql(
  entity: EntitySpec,
  sources: ColumnSources,
  label = '',
  names: Readonly<Record<string, string>> = {},
): ValidationSql {
  const rules: ValidationRule[] = [];
  const src = (c: ColumnSpec) => sourceExpr(sources, c.name);
  const named = (c: ColumnSpec) => `${label}${names[c.name] ?? c.name}`;
  const show = (c: ColumnSpec) => `${quoteLiteral(`${named(c)}=`)} || ${src(c)}`;
  const strict = (c: ColumnSpec) => c.required || entity.strict;
  for (const c of entity.columns) {
    if (c.required) {
      rules.push({
        when: `${src(c)} IS NULL`,
        reason: 'missing_required',
        detail: quoteLiteral(`${named(c)} is missing`),
      });
    }
  }
  for (const kind of ['timestamp', 'number'] as const) {
    for (const c of entity.columns) {
      const isKind =
        kind === 'timestamp'
          ? c.type === 'timestamp' || c.type === 'date'
          : c.type === 'integer' || c.type === 'money';
      const valid = isValidExpr(c, src(c));
      if (!isKind || valid === null || !strict(c)) continue;
      rules.push({
        when: `${src(c)} IS NOT NULL AND NOT ${valid}`,
        reason: kind === 'timestamp' ? 'bad_timestamp' : 'bad_number',
        detail: show(c),
      });
    }
  }
  const byName = (name: string) => entity.columns.find((c) => c.name === name);
  const quantity = byName('quantity');
  if (quantity && entity.name === 'order_items') {
    rules.push({
      when: `CAST(${src(quantity)} AS INTEGER) <= 0`,
      reason: 'negative_quantity',
      detail: show(quantity),
    });
  }
  for (const name of ['unit_price', 'discount_amount']) {
    const c = byName(name);
    if (c && entity.name === 'order_items') {
      rules.push({
        when: `CAST(${src(c)} AS ${MONEY_SQL_TYPE}) < 0`,
        reason: 'negative_amount',
        detail: show(c),
      });
    }
  }
  // Closed vocabularies, compared case-insensitively.
  for (const [type, values, reason] of [
    ['status', STATUS_VALUES, 'unknown_status'],
    ['event_type', EVENT_TYPES, 'unknown_event_type'],
  ] as const) {
    for (const c of entity.columns.filter((x) => x.type === type)) {
      rules.push({ when: `lower(${src(c)}) NOT IN (${inList(values)})`, reason, detail: show(c) });
    }
  }
  const { reason } = reasonCase(rules);
  const product = byName('product_id');
  const productExpr = entity.name === 'order_items' && product !== undefined ? src(product) : null;
  const productRule =
    productExpr !== null && product
      ? { when: '_known_product_id IS NULL', reason: 'unknown_product', detail: show(product) }
      : null;
  const { detail } = reasonCase(productRule === null ? rules : [...rules, productRule]);

  const typed: { name: string; expr: string }[] = [];
  const nulledParts: string[] = [];
  for (const c of entity.columns) {
    const s = src(c);
    const valid = isValidExpr(c, s);
    const guard = (expr: string) =>
      strict(c) || valid === null ? expr : `CASE WHEN ${valid} THEN ${expr} END`;
    if (!strict(c) && valid !== null) {
      nulledParts.push(`CASE WHEN ${s} IS NOT NULL AND NOT ${valid} THEN ${show(c)} END`);
    }
    switch (c.type) {
      case 'integer':
        typed.push({ name: c.name, expr: guard(`CAST(${s} AS INTEGER)`) });
        break;
      case 'money':
        typed.push({ name: c.name, expr: guard(`CAST(${s} AS ${MONEY_SQL_TYPE})`) });
        break;
      case 'date':
        typed.push({ name: c.name, expr: guard(`CAST(${s} AS DATE)`) });
        break;
      case 'timestamp': {
        typed.push({
          name: c.name,
          expr: guard(`coalesce(${zonedName(c)}, timezone($time_zone, ${wallName(c)}))`),
        });
        typed.push({ name: wallColumn(c), expr: guard(wallName(c)) });
        break;
      }
      case 'status':
        typed.push({
          name: c.name,
          expr: `CASE ${Object.entries(STATUS_ALIASES)
            .map(
              ([alias, status]) => `WHEN lower(${s}) = ${quoteLiteral(alias)} THEN ${quoteLiteral(status)}`,
            )
            .join(' ')} ELSE lower(${s}) END`,
        });
        break;
      case 'event_type':
        typed.push({ name: c.name, expr: `lower(${s})` });
        break;
      default:
        typed.push({ name: c.name, expr: s });
    }
  }
  const nulled =
    nulledParts.length === 0
      ? 'CAST(NULL AS VARCHAR)'
      : `nullif(concat_ws('; ', ${nulledParts.join(', ')}), '')`;
  const raw = entity.columns.map((c) => ({ name: c.name, expr: src(c) }));
  const parsed = entity.columns
    .filter((c) => c.type === 'timestamp')
    .flatMap((c) => [
      {
        name: `_z_${c.name}`,
        expr: `CASE WHEN ${zonedText(src(c))} THEN try_cast(${src(c)} AS TIMESTAMPTZ) END`,
      },
      {
        name: `_w_${c.name}`,
        expr: `CASE WHEN NOT ${zonedText(src(c))} THEN try_cast(${src(c)} AS TIMESTAMP) END`,
      },
    ]);
  return { reason, detail, typed, nulled, raw, parsed, productExpr, rules, productRule };
}
