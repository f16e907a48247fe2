import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';

const BIN = join(import.meta.dirname, '../../bin/shopstat.js');

function shopstat(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let fx: EtlFixture | null = null;
afterEach(() => {
  fx?.cleanup();
  fx = null;
});

describe('shopstat CLI', () => {
  it('a missing required option is a usage error: exit code 2', () => {
    const r = shopstat('etl', '--warehouse', 'x.duckdb');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--landing <dir>' not specified");
  });

  it('an unknown time zone is an input error naming the zone, without a stack unless --debug', () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    const r = shopstat(
      'etl',
      '--landing',
      fx.landing,
      '--warehouse',
      fx.warehouse,
      '--time-zone',
      'Mars/Olympus',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'shopstat: etl: unknown time zone "Mars/Olympus"; use an IANA name such as Europe/Berlin\n',
    );
    const debug = shopstat(
      '--debug',
      'etl',
      '--landing',
      fx.landing,
      '--warehouse',
      fx.warehouse,
      '--time-zone',
      'Mars/Olympus',
    );
    expect(debug.stderr).toContain('at validateTimeZone');
  });

  it('etl --json prints the run result; a rejected file gives exit code 2 with the file and column on stderr', () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': 'order_id,customer_id,status\no1,u1,placed\n' });
    const r = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--json');
    expect(r.code).toBe(2);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ kind: 'etl', status: 'input_error', exitCode: 2 });
    expect(r.stderr).toContain("orders.csv: required column 'order_ts' is missing from the header");
  });

  it('etl --mapping loads an export in another layout, and a bad mapping is an input error naming its line', () => {
    fx = new EtlFixture({
      'Online Retail.csv':
        'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,HEART,6,01/12/2010 08:26,2.55,17850,United Kingdom\n',
    });
    const mapping = join(import.meta.dirname, '../../etl/mappings/online-retail-dmy-latin1.yaml');
    const r = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--mapping', mapping);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('load       Online Retail.csv: 1 read, 1 accepted, 0 quarantined');
    const bad = join(fx.root.dir, 'bad.yaml');
    writeFileSync(bad, 'mapping: 1\nsources:\n  - files: "*.csv"\n    rows: invoices\n');
    const refused = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--mapping', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `shopstat: mapping ${bad} line 4: 'invoices' is not an entity of the data contract (categories, brands, customers, products, product_prices, orders, order_items, events)\n`,
    );
  });

  it('etl prints a readable summary and progress on stderr', () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    const r = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^run 1: ok — 4 file\(s\) loaded, silver and gold rebuilt\n/);
    expect(r.stdout).toContain('  load       customers.csv: 2 read, 2 accepted, 0 quarantined');
    expect(r.stderr).toContain('[1/4] load categories.csv (categories)');
    const again = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse);
    expect(again.stdout).toContain('nothing new: bronze, silver and gold are unchanged');
  });

  it('a failed data-quality check exits with code 1', async () => {
    const orders = 'order_id,customer_id,order_ts,status,currency\n';
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': `${orders}o1,u1,2025-01-01,placed,EUR\n` });
    expect(shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--quiet').code).toBe(0);
    // A file in a second currency is rejected whole (exit 2), so bronze is corrupted by hand.
    await fx.query(
      "insert into bronze.orders select * replace ('o9' as order_id, 'GBP' as currency) from bronze.orders",
    );
    fx.write({ 'orders_2.csv': `${orders}o2,u1,2025-01-02,placed,EUR\n` });
    const r = shopstat('etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('ERROR one reporting currency');
    expect(r.stderr).toBe('');
  });

  it('bad numbers in options are usage errors naming the value', () => {
    const r = shopstat('demo', '--out', '/tmp/never', '--orders', 'many');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--orders must be a positive integer, got "many"');
  });
});

describe('shopstat start', () => {
  it('writes the demo, loads it, and a second run finds nothing new', () => {
    fx = new EtlFixture();
    const out = join(fx.root.dir, 'out');
    const first = shopstat('start', '--out', out, '--orders', '3000');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('writing demo exports (3,000 orders)');
    expect(first.stdout).toMatch(/^run 1: ok — \d+ file\(s\) loaded, silver and gold rebuilt/);
    const second = shopstat('start', '--out', out, '--orders', '3000');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      'run 2: nothing_new — nothing new: bronze, silver and gold are unchanged',
    );
  });
});
