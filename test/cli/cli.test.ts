import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shopstat } from '../support/cli.ts';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';

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

  it('a misspelt option is reported as unknown, not as a missing required option: exit code 2', () => {
    const r = shopstat('etl', '--landng', 'x', '--warehouse', 'x.duckdb');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: unknown option '--landng'");
    expect(r.stderr).not.toContain('required option');
    const sub = shopstat('mapping', 'check', '--landng', 'x', 'm.yaml');
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("error: unknown option '--landng'");
  });

  it('a --landing that is a file or does not exist is named as such, by the command, not by a function', () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    const file = join(fx.landing, 'brands.csv');
    const asFile = shopstat('etl', '--landing', file, '--warehouse', fx.warehouse);
    expect(asFile.code).toBe(2);
    expect(asFile.stderr).toBe(`shopstat: etl: --landing ${file} is a file, not a folder of exports\n`);
    const missing = join(fx.root.dir, 'nowhere');
    const absent = shopstat('etl', '--landing', missing, '--warehouse', fx.warehouse);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toBe(`shopstat: etl: --landing ${missing} does not exist\n`);
    const olist = join(import.meta.dirname, '../../etl/mappings/olist.yaml');
    const check = shopstat('mapping', 'check', olist, '--landing', file);
    expect(check.code).toBe(2);
    expect(check.stderr).toBe(
      `shopstat: mapping check: --landing ${file} is a file, not a folder of exports\n`,
    );
    expect(existsSync(fx.warehouse)).toBe(false);
  });

  it('export from a missing warehouse is an input error naming the file, and creates nothing', () => {
    fx = new EtlFixture();
    const warehouse = join(fx.root.dir, 'missing.duckdb');
    const r = shopstat('export', '--warehouse', warehouse, '--out', join(fx.root.dir, 'export'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `shopstat: export: --warehouse ${warehouse} does not exist; build it first with: shopstat etl --landing DIR --warehouse ${warehouse}\n`,
    );
    expect(existsSync(warehouse)).toBe(false);
    expect(existsSync(`${warehouse}.tmp`)).toBe(false);
    expect(existsSync(join(fx.root.dir, 'export'))).toBe(false);
  });

  it('--threads is bounded to 1..64 and --memory-limit must be a size of at least 128MB, naming option and value', () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    const etl = (...extra: string[]) =>
      shopstat('etl', '--landing', fx?.landing ?? '', '--warehouse', fx?.warehouse ?? '', ...extra);
    const threads = etl('--threads', '999999');
    expect(threads.code).toBe(2);
    expect(threads.stderr).toBe(
      'shopstat: etl: --threads must be a whole number from 1 to 64, got "999999"\n',
    );
    expect(etl('--threads', '0').stderr).toContain('--threads must be a whole number from 1 to 64, got "0"');
    const memory = etl('--memory-limit', 'lots');
    expect(memory.code).toBe(2);
    expect(memory.stderr).toMatch(
      /^shopstat: etl: --memory-limit must be a size such as 512MB.*, got "lots"\n$/,
    );
    expect(memory.stderr).not.toContain('Warehouse.open');
    expect(etl('--memory-limit', '64MB').stderr).toContain('--memory-limit must be at least 128MB');
    expect(existsSync(fx.warehouse)).toBe(false);
  });

  it('a message raised inside the library shows the command, not the function that raised it', () => {
    fx = new EtlFixture();
    // A parent that is a file passes the --out check (nothing there yet) and fails in generateDemo.
    const parent = join(fx.root.dir, 'plain-file');
    writeFileSync(parent, '');
    const r = shopstat('demo', '--out', join(parent, 'landing'), '--orders', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^shopstat: demo: cannot use outDir /);
    expect(r.stderr).not.toContain('generateDemo');
    const debug = shopstat('--debug', 'demo', '--out', join(parent, 'landing'), '--orders', '10');
    // --debug keeps the original message and the stack, for whoever reads the code.
    expect(debug.stderr).toContain('InvalidArgumentError: generateDemo: cannot use outDir');
  });

  it('--out that is a file is refused before anything is written', () => {
    fx = new EtlFixture();
    const file = join(fx.root.dir, 'landing.csv');
    writeFileSync(file, 'keep me');
    const r = shopstat('demo', '--out', file, '--orders', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`shopstat: demo: --out ${file} is a file, not a folder to write into\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('shopstat --version prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = shopstat(flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('bad numbers in options are usage errors naming the value', () => {
    const r = shopstat('demo', '--out', '/tmp/never', '--orders', 'many');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('shopstat: demo: --orders must be a positive integer, got "many"\n');
  });
});

describe('shopstat start', () => {
  it('writes the demo, loads it, explains the last complete month, tests seasonal spending, profiles the orders, and a second run finds nothing new', () => {
    fx = new EtlFixture();
    const out = join(fx.root.dir, 'out');
    const first = shopstat('start', '--out', out, '--orders', '3000');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('writing demo exports (3,000 orders)');
    expect(first.stdout).toMatch(/^run 1: ok — \d+ file\(s\) loaded, silver and gold rebuilt/);
    // The demo runs to 31 December 2025: December against November, by channel.
    expect(first.stdout).toMatch(/\nDecember 2025 revenue (rose|fell) [\d.]+ % .* vs November 2025: /);
    const saved = JSON.parse(readFileSync(join(out, 'decomposition-2025-12.json'), 'utf8')) as {
      kind: string;
      options: { by: string[] };
    };
    expect(saved.kind).toBe('revenue-decomposition');
    expect(saved.options.by).toEqual(['channel']);
    // Seasonal spending (--test auto by quarter) and the orders' profile, each with its file.
    expect(first.stdout).toMatch(
      /\nCustomer spending per month (differs|There is no significant difference)|\nThere is no significant difference in customer spending per month by quarter/,
    );
    const anova = JSON.parse(readFileSync(join(out, 'anova-spending-by-quarter.json'), 'utf8')) as {
      kind: string;
      auto: { test: string };
      subjects: { column: string };
    };
    expect(anova.kind).toBe('group-comparison');
    expect(['oneway', 'welch', 'kruskal']).toContain(anova.auto.test);
    expect(anova.subjects.column).toBe('customer_id');
    const profile = JSON.parse(readFileSync(join(out, 'profile-fact-orders.json'), 'utf8')) as {
      kind: string;
    };
    expect(profile.kind).toBe('profile');
    // The monthly business review of December 2025: workbook with pivot tables, page and model.
    expect(first.stdout).toMatch(/\nmonthly business review of December 2025:\n {2}- /);
    expect(first.stdout).toContain(`workbook (4 pivot tables): ${join(out, 'mbr-2025-12.xlsx')}`);
    for (const ext of ['xlsx', 'html', 'json'])
      expect(existsSync(join(out, `mbr-2025-12.${ext}`))).toBe(true);
    const second = shopstat('start', '--out', out, '--orders', '3000');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      'run 2: nothing_new — nothing new: bronze, silver and gold are unchanged',
    );
  });
});
