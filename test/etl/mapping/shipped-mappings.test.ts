import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../../etl/contract.ts';
import { matchesSourceGlob } from '../../../etl/ingest/sources.ts';
import { checkMapping } from '../../../etl/mapping/check.ts';
import { loadMapping } from '../../../etl/mapping/load.ts';
import type { Mapping } from '../../../etl/mapping/types.ts';

const MAPPINGS = fileURLToPath(new URL('../../../etl/mappings/', import.meta.url));
const SHIPPED = readdirSync(MAPPINGS).filter((f) => f.endsWith('.yaml'));

/** What a mapping does with a file name: the rows entity of the source that reads it, 'ignored' or null. */
function taken(mapping: Mapping, name: string): string | null {
  if (mapping.ignore.some((g) => matchesSourceGlob(name, g))) return 'ignored';
  return mapping.sources.find((s) => s.files.some((g) => matchesSourceGlob(name, g)))?.rows ?? null;
}

describe('the file names the shipped mappings take', () => {
  // Contract file names (contract section 1): the entity name, then anything, .csv or .csv.gz.
  const contractNames = ENTITIES.flatMap((e) => [
    `${e.name}.csv`,
    `${e.name}.csv.gz`,
    `${e.name}_2025-10-31.csv`,
    `${e.name}-part2.csv`,
    `${e.name}_superstore.csv`,
  ]);

  it.each(SHIPPED)(
    '%s takes no file named for a contract entity, so those still load by the contract',
    (file) => {
      const mapping = loadMapping(join(MAPPINGS, file));
      expect(contractNames.filter((name) => taken(mapping, name) !== null)).toEqual([]);
    },
  );

  // The names of the real exports: ../shared/data/*/SOURCE.md (the folders' file names), Kaggle's
  // data.csv for Online Retail (online-retail/SOURCE.md), and a split or gzip export of each.
  it.each([
    ['online-retail-dmy-latin1.yaml', 'Online Retail.csv', 'order_items'],
    ['online-retail-dmy-latin1.yaml', 'Online Retail part 2.csv.gz', 'order_items'],
    ['online-retail-dmy-latin1.yaml', 'online_retail.csv', 'order_items'],
    ['online-retail-mdy.yaml', 'online_retail.csv', 'order_items'],
    ['online-retail-mdy.yaml', 'online_retail_II.csv', 'order_items'],
    ['online-retail-mdy.yaml', 'data.csv', 'order_items'],
    ['online-retail-mdy.yaml', 'Online Retail.csv', 'order_items'],
    ['superstore.yaml', 'Sample - Superstore.csv', 'order_items'],
    ['superstore.yaml', 'Superstore.csv.gz', 'order_items'],
    ['olist.yaml', 'olist_orders_dataset.csv', 'orders'],
    ['olist.yaml', 'olist_order_items_dataset.csv', 'order_items'],
    ['olist.yaml', 'olist_customers_dataset.csv', 'customers'],
    ['olist.yaml', 'olist_products_dataset.csv', 'products'],
    ['olist.yaml', 'product_category_name_translation.csv', 'categories'],
    ['olist.yaml', 'olist_order_reviews_dataset.csv', 'ignored'],
    ['olist.yaml', 'olist_geolocation_dataset.csv', 'ignored'],
  ])('%s takes the real export name %s as %s', (file, name, expected) => {
    expect(taken(loadMapping(join(MAPPINGS, file)), name)).toBe(expected);
  });

  it('mapping check: an Online Retail export beside contract orders.csv and products.csv, each read by its own rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopstat-globs-'));
    try {
      // Online Retail layout (etl/mappings/online-retail-dmy-latin1.yaml), £ as the Latin-1 byte 0xA3.
      writeFileSync(
        join(dir, 'Online Retail.csv'),
        Buffer.concat([
          Buffer.from(
            'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,GIFT VOUCHER ',
          ),
          Buffer.from([0xa3]),
          Buffer.from('10,6,01/12/2010 08:26,2.55,17850,United Kingdom\n'),
        ]),
      );
      writeFileSync(
        join(dir, 'orders.csv'),
        'order_id,customer_id,order_ts,status,currency\nO9,C1,2025-01-01T10:00:00Z,placed,GBP\n',
      );
      writeFileSync(join(dir, 'products.csv'), 'product_id,product_name\nP1,Mug\n');
      const result = await checkMapping(join(MAPPINGS, 'online-retail-dmy-latin1.yaml'), dir);
      expect(
        result.files.map((f) => [f.file, f.status, f.sourceLine === null ? null : 'source', f.detail]),
      ).toEqual([
        ['Online Retail.csv', 'ok', 'source', '8 columns, rows become order_items'],
        ['orders.csv', 'unmapped', null, 'loads as contract entity orders'],
        ['products.csv', 'unmapped', null, 'loads as contract entity products'],
      ]);
      expect(result.ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("mapping check says so when a source of a user's mapping reads a file named for a contract entity", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopstat-globs-'));
    try {
      const wide = join(dir, 'wide.yaml');
      writeFileSync(
        wide,
        readFileSync(join(MAPPINGS, 'online-retail-mdy.yaml'), 'utf8').replace(
          /files: \[.*\]/,
          'files: ["*.csv"]',
        ),
      );
      const landing = join(dir, 'landing');
      mkdirSync(landing);
      writeFileSync(join(landing, 'orders.csv'), 'order_id,customer_id,order_ts,status,currency\n');
      const result = await checkMapping(wide, landing, { sampleRecords: 0 });
      expect(result.files[0]?.status).toBe('error');
      expect(result.files[0]?.detail).toContain(
        "its name is also the contract's name for orders, but this mapping's source reads it; narrow the source's files if it is a contract file",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
