import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EtlFixture } from '../../support/fixtures.ts';

const MAPPING = join(import.meta.dirname, '../../../etl/mappings/online-retail-mdy.yaml');
const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n';
/** Invoice 536365's seven lines (the head of UCI Online Retail, prices as published). */
const LINES = [
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,12/1/10 8:26,3.39,17850,United Kingdom',
  '536365,84406B,CREAM CUPID HEARTS COAT HANGER,8,12/1/10 8:26,2.75,17850,United Kingdom',
  '536365,84029G,KNITTED UNION FLAG HOT WATER BOTTLE,6,12/1/10 8:26,3.39,17850,United Kingdom',
  '536365,84029E,RED WOOLLY HOTTIE WHITE HEART.,6,12/1/10 8:26,3.39,17850,United Kingdom',
  '536365,22752,SET 7 BABUSHKA NESTING BOXES,2,12/1/10 8:26,7.65,17850,United Kingdom',
  '536365,21730,GLASS STAR FROSTED T-LIGHT HOLDER,6,12/1/10 8:26,4.25,17850,United Kingdom',
];
const part = (from: number, to: number) => `${HEADER}${LINES.slice(from, to).join('\n')}\n`;
// 6 x 2.55 + 6 x 3.39 + 8 x 2.75 + 6 x 3.39 + 6 x 3.39 + 2 x 7.65 + 6 x 4.25
// = 15.30 + 20.34 + 22.00 + 20.34 + 20.34 + 15.30 + 25.50 = 139.12
const INVOICE_REVENUE = '139.1200';

let fx: EtlFixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

describe('an export split into part files mid-invoice', () => {
  it('loses no line when its parts load in one run: line numbers keep counting across the files', async () => {
    fx = new EtlFixture({ 'Online Retail part1.csv': part(0, 4), 'Online Retail part2.csv': part(4, 7) });
    const result = await fx.run({ mapping: MAPPING });
    expect(result.exitCode).toBe(0);
    expect(
      await fx.query('select line_number, product_id, _source_file from bronze.order_items order by 1'),
    ).toEqual([
      { line_number: 1, product_id: '85123A', _source_file: 'Online Retail part1.csv' },
      { line_number: 2, product_id: '71053', _source_file: 'Online Retail part1.csv' },
      { line_number: 3, product_id: '84406B', _source_file: 'Online Retail part1.csv' },
      { line_number: 4, product_id: '84029G', _source_file: 'Online Retail part1.csv' },
      { line_number: 5, product_id: '84029E', _source_file: 'Online Retail part2.csv' },
      { line_number: 6, product_id: '22752', _source_file: 'Online Retail part2.csv' },
      { line_number: 7, product_id: '21730', _source_file: 'Online Retail part2.csv' },
    ]);
    expect(await fx.query('select revenue from silver.fact_orders')).toEqual([{ revenue: INVOICE_REVENUE }]);
    expect(result.warnings.filter((w) => w.code === 'line_numbers_restart')).toEqual([]);
  });

  it('reports the restart when the second part arrives in a later run', async () => {
    fx = new EtlFixture({ 'Online Retail part1.csv': part(0, 4) });
    await fx.run({ mapping: MAPPING });
    fx.write({ 'Online Retail part2.csv': part(4, 7) });
    const result = await fx.run({ mapping: MAPPING });
    expect(result.warnings.find((w) => w.code === 'line_numbers_restart')?.message).toBe(
      '1 order(s) of Online Retail part2.csv (e.g. 536365) already have lines from earlier files (e.g. Online Retail part1.csv); the mapping numbers lines from 1 in each run, so these lines replace the earlier ones instead of continuing them. If this is one export split into parts, load all its parts in one run (with --reprocess for the parts already loaded)',
    );
  });
});
