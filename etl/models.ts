import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Warehouse } from '../src/warehouse/index.ts';

/** Silver and gold models in build order; each is `etl/models/<layer>/<table>.sql`. */
export const MODELS = {
  silver: [
    'dim_customers',
    'dim_products',
    'product_prices',
    'fact_orders',
    'fact_order_items',
    'order_totals',
    'fact_events',
    'dim_date',
  ],
  gold: [
    'daily_sales',
    'monthly_kpis',
    'revenue_by',
    'cancellations_by',
    'customer_monthly_spend',
    'conversion_funnel',
  ],
} as const;

export type ModelLayer = keyof typeof MODELS;

/** The SQL text of one model. */
export function modelSql(layer: ModelLayer, table: string): string {
  return readFileSync(fileURLToPath(new URL(`./models/${layer}/${table}.sql`, import.meta.url)), 'utf8');
}

/** Builds every model of a layer, in order, with the reporting time zone bound as `$time_zone`. */
export async function buildLayer(
  wh: Warehouse,
  layer: ModelLayer,
  timeZone: string,
  onModel?: (table: string) => void,
): Promise<void> {
  for (const table of MODELS[layer]) {
    onModel?.(`${layer}.${table}`);
    const sql = modelSql(layer, table);
    await wh.run(sql, sql.includes('$time_zone') ? { time_zone: timeZone } : undefined);
  }
}
