import { describe, expect, it } from 'vitest';
import { MODELS, modelSql, withModelNames } from '../../etl/models.ts';

describe('withModelNames', () => {
  it('writes each model reference as the model table, or its staged table with a suffix', () => {
    const sql =
      "select * from {{gold.monthly_kpis}} k join {{silver.fact_orders}} o using (month) where note = 'gold.daily_sales'";
    expect(withModelNames(sql)).toBe(
      `select * from "gold"."monthly_kpis" k join "silver"."fact_orders" o using (month) where note = 'gold.daily_sales'`,
    );
    expect(withModelNames(sql, '__next')).toBe(
      `select * from "gold"."monthly_kpis__next" k join "silver"."fact_orders__next" o using (month) where note = 'gold.daily_sales'`,
    );
  });

  it('leaves names that are not model references alone: bronze, meta, strings and comments', () => {
    const sql =
      "-- reads silver.fact_orders\nselect * from bronze.orders, meta.runs where x = 'silver.dim_date'";
    expect(withModelNames(sql, '__next')).toBe(sql);
  });

  it('a model reference that names no model is an error naming it', () => {
    expect(() => withModelNames('select * from {{gold.revenue}}')).toThrow(
      'withModelNames: {{gold.revenue}} names no silver or gold model',
    );
    expect(() => withModelNames('select * from {{bronze.orders}}')).toThrow(
      '{{bronze.orders}} names no silver or gold model',
    );
  });

  it('every model names the models it reads by model reference, and its own table', () => {
    for (const layer of ['silver', 'gold'] as const) {
      for (const table of MODELS[layer]) {
        const staged = modelSql(layer, table, { timeZone: 'UTC', rezone: false }, '__next');
        // Outside comments, no model is named without its staged suffix.
        const code = staged.replace(/--[^\n]*/g, '');
        expect(code).toContain(`"${layer}"."${table}__next"`);
        expect(code).not.toMatch(/\b(silver|gold)\.[a-z_]+\b(?!__next)/);
        expect(code).not.toContain('{{');
      }
    }
  });
});
