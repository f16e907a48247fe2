import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '../src/errors.ts';
import { qualifiedName, quoteIdentifier, quoteLiteral, type Warehouse } from '../src/warehouse/index.ts';

/** Silver and gold models in build order; each is `etl/models/<layer>/<table>.sql`. */
export const MODELS = {
  silver: [
    'dim_customers',
    'dim_products',
    'product_prices',
    'fact_order_items',
    'fact_orders',
    'order_lines',
    'fact_events',
    'dim_date',
  ],
  gold: [
    'daily_sales',
    'monthly_kpis',
    // customer_monthly_spend, revenue_by and cancellations_by read monthly_by, so they come after it.
    'monthly_by',
    'customer_monthly_spend',
    'revenue_by',
    'cancellations_by',
    'conversion_funnel',
  ],
} as const;

export type ModelLayer = keyof typeof MODELS;

/** What the models are built for. */
export interface ModelContext {
  /** The reporting zone (an IANA name already validated). */
  readonly timeZone: string;
  /**
   * Some bronze rows were typed in another zone: naive timestamps must be read again in this one
   * from their wall-clock column. When false, bronze instants are used as they are.
   */
  readonly rezone: boolean;
}

/**
 * The SQL text of one model with its time templates expanded:
 * - `{{instant:col}}`: the instant of bronze timestamp `col` in the reporting zone;
 * - `{{local_date:col}}`: its calendar date in the reporting zone.
 * The zone is a validated IANA name written as a SQL literal, so that views keep it.
 */
export function modelSql(layer: ModelLayer, table: string, context: ModelContext, suffix = ''): string {
  const text = readFileSync(
    fileURLToPath(new URL(`./models/${layer}/${table}.sql`, import.meta.url)),
    'utf8',
  );
  const zone = quoteLiteral(context.timeZone);
  const instant = (col: string) =>
    context.rezone
      ? `coalesce(timezone(${zone}, ${quoteIdentifier(`_${col}_wall`)}), ${quoteIdentifier(col)})`
      : quoteIdentifier(col);
  const expanded = text.replace(/\{\{(instant|local_date):([a-z_]+)\}\}/g, (_m, kind: string, col: string) =>
    kind === 'instant' ? instant(col) : `cast(timezone(${zone}, ${instant(col)}) as date)`,
  );
  return withModelNames(expanded, suffix);
}

/**
 * Writes the model names of a SQL text: each model reference `{{silver.fact_orders}}` becomes
 * the model's table, or with a suffix its staged table (`silver.fact_orders__next`), so a build
 * writes and checks new tables beside the current ones. Only model references are touched: bronze,
 * quarantine and meta names, and anything in strings or comments, are left as written.
 *
 * @throws InvalidArgumentError for a model reference that names no model.
 * @example withModelNames('select * from {{gold.monthly_kpis}}', '__next') // 'select * from "gold"."monthly_kpis__next"'
 */
export function withModelNames(sql: string, suffix = ''): string {
  return sql.replace(/\{\{(\w+)\.(\w+)\}\}/g, (whole, layer: string, name: string) => {
    const models = (MODELS as Readonly<Record<string, readonly string[]>>)[layer];
    if (models === undefined || !models.includes(name)) {
      throw new InvalidArgumentError(`withModelNames: ${whole} names no silver or gold model`);
    }
    return qualifiedName(layer, `${name}${suffix}`);
  });
}

/** Whether a model is a view (its SQL creates a view, not a table). */
export function isView(layer: ModelLayer, table: string): boolean {
  return /^\s*create\s+or\s+replace\s+view\b/im.test(
    modelSql(layer, table, { timeZone: 'UTC', rezone: false }),
  );
}

/** Builds every model of a layer, in order; with a suffix, as staged tables beside the current ones. */
export async function buildLayer(
  wh: Warehouse,
  layer: ModelLayer,
  context: ModelContext,
  onModel?: (table: string) => void,
  suffix = '',
): Promise<void> {
  for (const table of MODELS[layer]) {
    onModel?.(`${layer}.${table}`);
    await wh.run(modelSql(layer, table, context, suffix));
  }
}
