/**
 * Lag and window features (`shopstat features --window ...`): per-group lags, rolling and
 * expanding aggregates as DuckDB window expressions ordered by the row's date.
 *
 * The same-date rule. Rows are ordered by the date, then by a tie-breaker (the `order` column if
 * given, else the value itself, so results never depend on the table's physical order).
 * - Training mode (`training: true`) sees nothing of the current date, nor later: every frame is
 *   a RANGE on the date ending at `interval 1 day preceding`, so rows of the same day get the same
 *   features and never see each other; `lead` is refused.
 * - Otherwise day windows (`7d`) and expanding aggregates include the whole current date (all
 *   its rows, the current one included), while `lag` / `lead`, row windows (`3r`) and
 *   `days_since_previous` follow the row order (a day's second row sees its first).
 *
 * Day windows count calendar days, not rows: `sum:revenue:7d` in training mode is the sum over
 * the dates `d - 7 ... d - 1` (a gap without rows is simply empty); outside training mode it is
 * `d - 6 ... d`. Rows whose group columns are null form one group of their own (DuckDB's
 * partitioning); aggregates skip null values, and `count` counts non-null values.
 *
 * Cost: every feature is one window over the table, sorted by group and date. Row windows in
 * training mode (`3r`) gather each row's earlier values of its group into a list (work grows
 * with the square of a group's size): fine per customer, slow for one group of 10^5 rows.
 */
import { InvalidArgumentError } from '../errors.ts';
import { quoteIdentifier } from '../warehouse/identifiers.ts';
import {
  BEFORE_CURRENT_DATE,
  isNumericType,
  partitionClause,
  rowOrder,
  sumType,
  tableColumn,
} from './lag-frame.ts';
import { formatWindowSpec, MAX_WINDOW_SIZE, type WindowSpec, windowFeatureName } from './lag-spec.ts';
import { daysSincePreviousSql, lagSql, leadSql, type WindowInput } from './lags.ts';
import type { FeatureColumn, FeatureContext, FeatureSet } from './types.ts';

export type { WindowOp, WindowSpec } from './lag-spec.ts';
export { formatWindowSpec, parseWindowSpec, windowFeatureName } from './lag-spec.ts';

/** Options of {@link windowFeatures}. */
export interface WindowFeatureOptions {
  /** Leak-free features for training a model (see the module comment). Default `false`. */
  readonly training?: boolean;
  /** A column ordering rows of the same date (an order id or timestamp). Default: the value. */
  readonly order?: string;
}

type Aggregate = 'sum' | 'mean' | 'count' | 'min' | 'max';

const SQL_AGGREGATE: Record<Aggregate, string> = {
  sum: 'sum',
  mean: 'avg',
  count: 'count',
  min: 'min',
  max: 'max',
};

function aggregateOf(spec: WindowSpec): Aggregate {
  return spec.op.replace(/^expanding_/, '') as Aggregate;
}

function resultType(aggregate: Aggregate, valueType: string): string {
  if (aggregate === 'sum') return sumType(valueType);
  if (aggregate === 'mean') return 'DOUBLE';
  if (aggregate === 'count') return 'BIGINT';
  return valueType;
}

function checkSize(spec: WindowSpec, size: number | undefined, what: string): number {
  const n = size ?? 1;
  if (!Number.isInteger(n) || n < 1 || n > MAX_WINDOW_SIZE) {
    throw new InvalidArgumentError(
      `windowFeatures: ${what} must be an integer 1..${MAX_WINDOW_SIZE}, got ${String(size)} in ${formatWindowSpec(spec)}`,
    );
  }
  return n;
}

/** The last `rows` rows strictly before the current date, aggregated from their list. */
function trainingRowWindow(input: WindowInput, aggregate: Aggregate, value: string, rows: number): string {
  const last = `list_slice(list(${value} order by ${input.order.descending}) over (${input.partition}order by ${input.date} ${BEFORE_CURRENT_DATE}), 1, ${rows})`;
  if (aggregate === 'count') return `coalesce(list_count(${last}), 0)`;
  return `list_${SQL_AGGREGATE[aggregate]}(${last})`;
}

function aggregateSql(input: WindowInput, spec: WindowSpec, aggregate: Aggregate): string {
  const value = input.value?.sql ?? '';
  const call = `${SQL_AGGREGATE[aggregate]}(${value})`;
  const byDate = `${input.partition}order by ${input.date}`;
  if (spec.window === undefined) {
    const frame = input.training ? BEFORE_CURRENT_DATE : 'range between unbounded preceding and current row';
    return `${call} over (${byDate} ${frame})`;
  }
  if ('days' in spec.window) {
    const days = checkSize(spec, spec.window.days, 'window.days');
    const frame = input.training
      ? `range between interval ${days} day preceding and interval 1 day preceding`
      : `range between interval ${days - 1} day preceding and current row`;
    return `${call} over (${byDate} ${frame})`;
  }
  const rows = checkSize(spec, spec.window.rows, 'window.rows');
  if (input.training) return trainingRowWindow(input, aggregate, value, rows);
  return `${call} over (${input.partition}order by ${input.order.ascending} rows between ${rows - 1} preceding and current row)`;
}

function describe(spec: WindowSpec, training: boolean): string {
  const group = spec.by.length === 0 ? 'the whole table' : spec.by.join(', ');
  const mode = training
    ? 'training mode: only rows strictly before the row date'
    : 'the current date / row included';
  return `${formatWindowSpec(spec)} per ${group} (${mode})`;
}

function featureColumn(ctx: FeatureContext, spec: WindowSpec, options: WindowFeatureOptions): FeatureColumn {
  const caller = 'windowFeatures';
  const training = options.training ?? false;
  const isDays = spec.op === 'days_since_previous';
  const value = isDays ? null : tableColumn(ctx, spec.value, `${spec.op} value`, caller);
  const by = spec.by.map((name) => tableColumn(ctx, name, 'group', caller));
  const tie = options.order === undefined ? value : tableColumn(ctx, options.order, 'order', caller);
  const input: WindowInput = {
    value,
    partition: partitionClause(by),
    date: ctx.date,
    order: rowOrder(ctx.date, tie?.sql ?? null),
    training,
  };
  const name = windowFeatureName(spec);
  const description = describe(spec, training);
  if (value === null) return { name, sql: daysSincePreviousSql(input), type: 'BIGINT', description };
  if (spec.op === 'lag' || spec.op === 'lead') {
    const k = checkSize(spec, spec.k, 'k');
    if (spec.op === 'lead' && training) {
      throw new InvalidArgumentError(
        `windowFeatures: lead looks at later rows and is refused in training mode, got ${formatWindowSpec(spec)}; use lag, or build targets outside training features`,
      );
    }
    const sql = spec.op === 'lag' ? lagSql(input, k) : leadSql(input, k);
    return { name, sql, type: value.type, description };
  }
  const aggregate = aggregateOf(spec);
  if (aggregate !== 'count' && aggregate !== 'min' && aggregate !== 'max' && !isNumericType(value.type)) {
    throw new InvalidArgumentError(
      `windowFeatures: ${spec.op} needs a numeric column, ${JSON.stringify(spec.value)} is ${value.type}`,
    );
  }
  const type = resultType(aggregate, value.type);
  const raw = aggregateSql(input, spec, aggregate);
  const sql = aggregate === 'min' || aggregate === 'max' ? raw : `cast(${raw} as ${type})`;
  return { name, sql, type, description };
}

/**
 * Lag / window features of a table, one column per spec, named by {@link windowFeatureName}
 * (e.g. `revenue_sum_7d_by_customer_id`). Types: `lag`, `lead`, `min`, `max` keep the value's
 * type; `sum` as DuckDB sums (DECIMAL(38,s), DOUBLE or HUGEINT); `mean` DOUBLE; `count` and
 * `days_since_previous` BIGINT. Empty frames give null (`count`: 0). See the module comment for
 * the same-date rule and the frames of each mode.
 *
 * @throws InvalidArgumentError for an unknown column, `lead` in training mode, a non-numeric
 *   `sum` / `mean`, a bad `k` or window size, or two specs making the same column name.
 * @example windowFeatures(ctx, [parseWindowSpec('sum:revenue:7d@customer_id')], { training: true })
 *   // one column `revenue_sum_7d_by_customer_id`: the customer's revenue over the 7 days before the row's date
 */
export function windowFeatures(
  ctx: FeatureContext,
  specs: readonly WindowSpec[],
  options: WindowFeatureOptions = {},
): FeatureSet {
  const columns = specs.map((spec) => featureColumn(ctx, spec, options));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) {
      throw new InvalidArgumentError(
        `windowFeatures: two specs make the column ${quoteIdentifier(column.name)}`,
      );
    }
    seen.add(column.name);
  }
  const warnings = [];
  const needsTie = specs.some(
    (s) => s.op === 'lag' || s.op === 'lead' || (s.window !== undefined && 'rows' in s.window),
  );
  if (needsTie && options.order === undefined) {
    warnings.push({
      code: 'same_date_ordered_by_value',
      message:
        'windowFeatures: rows of the same date are ordered by the value itself; pass an order column (an order id or timestamp) to order them as they happened',
    });
  }
  const mode = options.training === true ? 'training' : 'inclusive';
  return {
    spec: `windows[${mode}]:${specs.map(formatWindowSpec).join(';')}`,
    columns,
    setup: [],
    joins: [],
    warnings,
  };
}
