import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WriteReportResult, writeReport } from '../../src/reports/write-report.ts';
import { EtlFixture } from '../support/fixtures.ts';
import { convertWithLibreOffice, libreOfficeAvailable } from '../support/libreoffice.ts';
import { readGrids } from './xlsx/pivot/sheet-grid.ts';

/**
 * Labels from data that are markup, formulas, right-to-left text and 10,000 characters long,
 * through the ETL into both outputs: the page shows them as text, the workbook stores them as
 * text (no formula anywhere), and LibreOffice opens the workbook and recomputes its pivots.
 */
const LONG = `L${'x'.repeat(9999)}`;
const RTL = 'مرحبا \u202Eevil';
const HOSTILE = {
  channel: '=HYPERLINK("http://evil.example","click")',
  country: '<script>alert(1)</script>',
  category: "+cmd|' /C calc'!A0",
  brand: '@SUM(1+1)',
};
const csv = (v: string) => `"${v.replaceAll('"', '""')}"`;

const ORDERS = [
  'order_id,customer_id,order_ts,channel,payment_method,status,currency',
  ...['2025-08', '2025-09'].flatMap((m, k) =>
    Array.from({ length: 40 }, (_, i) => {
      const channel = i % 3 === 0 ? HOSTILE.channel : i % 3 === 1 ? RTL : 'web';
      const pay = i % 2 === 0 ? '-2+3' : 'card';
      return `o${k}-${i},u${i % 4},${m}-${String((i % 27) + 1).padStart(2, '0')} 10:00:00,${csv(channel)},${pay},${i % 10 === 0 ? 'cancelled' : 'delivered'},EUR`;
    }),
  ),
].join('\n');
const ITEMS = [
  'order_id,line_number,product_id,quantity,unit_price,discount_amount',
  ...['2025-08', '2025-09'].flatMap((_, k) =>
    Array.from(
      { length: 40 },
      (_, i) => `o${k}-${i},1,${i % 2 === 0 ? 'p1' : 'p2'},${(i % 3) + 1},${10 + i}.50,`,
    ),
  ),
].join('\n');

let fx: EtlFixture;
let result: WriteReportResult;
beforeAll(async () => {
  fx = new EtlFixture({
    'categories.csv': `category_id,category_name,parent_category_id\nc1,${csv(HOSTILE.category)},\nc2,${csv(LONG)},\n`,
    'brands.csv': `brand_id,brand_name\nb1,${csv(HOSTILE.brand)}\n`,
    'customers.csv': `customer_id,gender,birth_date,country,region,city,signup_date\nu0,female,1990-01-02,${csv(HOSTILE.country)},,,\nu1,male,,${csv(RTL)},,,\nu2,,,,,,\nu3,male,,DE,,,\n`,
    'products.csv':
      'product_id,product_name,category_id,brand_id,list_price,unit_cost\np1,A,c1,b1,10.00,4\np2,B,c2,b1,2.50,1\n',
    'orders.csv': ORDERS,
    'order_items.csv': ITEMS,
  });
  expect((await fx.run({ timeZone: 'UTC' })).exitCode).toBe(0);
  result = await writeReport({
    warehouse: fx.warehouse,
    outDir: join(fx.root.dir, 'out'),
    month: '2025-09',
    generatedAt: '2025-10-01T00:00:00.000Z',
  });
}, 120_000);
afterAll(() => fx?.cleanup());

describe('hostile labels in the review', () => {
  it('the page shows markup as text and carries no script, no link out', () => {
    const html = readFileSync(result.files.html, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?https?:/i);
  });

  it('the workbook stores every label as text: no formula in any sheet', () => {
    const parts = unzipSync(readFileSync(result.files.xlsx));
    for (const [name, bytes] of Object.entries(parts)) {
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) expect(strFromU8(bytes), name).not.toMatch(/<f[ >]/);
    }
    const strings = strFromU8(parts['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(strings).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)');
  });

  it.skipIf(!libreOfficeAvailable)(
    'LibreOffice opens it and recomputes the pivots with the labels as items',
    async () => {
      const converted = await convertWithLibreOffice(
        new Uint8Array(readFileSync(result.files.xlsx)),
        'mbr.xlsx',
      );
      const grids = await readGrids(converted.bytes);
      const months = grids.get('Pivot revenue by month') ?? [];
      const header = months.find((r) => r[0] === 'Month') ?? [];
      expect(header).toContain(HOSTILE.channel);
      const categories = (grids.get('Pivot categories') ?? []).map((r) => r[0]);
      expect(categories).toContain(HOSTILE.category);
    },
    180_000,
  );
});
