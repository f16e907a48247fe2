import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { fileDurationMs } from '../../etl/load-group.ts';
import type { EtlResult } from '../../etl/runner.ts';
import { BASE_DIMENSIONS, EtlFixture, tempDir } from '../support/fixtures.ts';

const ORDERS_HEADER = 'order_id,customer_id,order_ts,channel,payment_method,status,currency\n';
const order = (status: string) => `o1,u1,2025-01-15 10:00:00,web,card,${status},EUR\n`;

let fx: EtlFixture;
afterEach(() => fx?.cleanup());

const ledger = () => fx.query('select file_name, status, reason from meta.file_ledger order by file_name');

describe('a run that ends in an exception', () => {
  it('is recorded as failed with the message in meta.runs, and the exception propagates', async () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    const run = fx.run({
      onProgress: (e) => {
        if (e.kind === 'layer') throw new Error('progress sink broke');
      },
    });
    await expect(run).rejects.toThrow('progress sink broke');
    expect(
      await fx.query('select run_id, status, message, finished_at is not null as finished from meta.runs'),
    ).toEqual([{ run_id: 1, status: 'failed', message: 'run failed: progress sink broke', finished: true }]);
    // The next run is not disturbed by it.
    const next = await fx.run();
    expect(next.exitCode).toBe(0);
  });
});

describe('entries of the landing folder that are not readable files', () => {
  it('a dangling symlink, a folder named like a file, a FIFO and a symlink loop are each rejected alone, named, while the rest load (exit 2)', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders_1.csv': `${ORDERS_HEADER}${order('placed')}` });
    symlinkSync(join(fx.landing, 'no-such-target.csv'), join(fx.landing, 'orders_2.csv'));
    mkdirSync(join(fx.landing, 'orders_3.csv'));
    execFileSync('mkfifo', [join(fx.landing, 'orders_4.csv')]);
    symlinkSync('orders_5.csv', join(fx.landing, 'orders_5.csv'));
    const t0 = Date.now();
    const result = await fx.run();
    // A FIFO is never opened: nothing waits for a writer.
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(result.exitCode).toBe(2);
    expect(
      result.files.filter((f) => f.action === 'reject').map((f) => [f.file, f.reason, f.detail]),
    ).toEqual([
      [
        'orders_2.csv',
        'unreadable',
        'orders_2.csv: is a symlink to nothing (ENOENT: its target does not exist)',
      ],
      ['orders_3.csv', 'unreadable', 'orders_3.csv: is a folder, not a file'],
      ['orders_4.csv', 'unreadable', 'orders_4.csv: is a FIFO (named pipe), not a regular file'],
      ['orders_5.csv', 'unreadable', 'orders_5.csv: is a symlink that cannot be followed (ELOOP)'],
    ]);
    expect(result.files.find((f) => f.file === 'orders_1.csv')?.action).toBe('load');
    expect(await fx.query('select order_id, status from silver.fact_orders')).toEqual([
      { order_id: 'o1', status: 'placed' },
    ]);
    expect((await ledger()).filter((r) => String(r.file_name).startsWith('orders'))).toEqual([
      { file_name: 'orders_1.csv', status: 'loaded', reason: null },
      { file_name: 'orders_2.csv', status: 'rejected', reason: 'unreadable' },
      { file_name: 'orders_3.csv', status: 'rejected', reason: 'unreadable' },
      { file_name: 'orders_4.csv', status: 'rejected', reason: 'unreadable' },
      { file_name: 'orders_5.csv', status: 'rejected', reason: 'unreadable' },
    ]);
    // Unchanged, they are listed as rejected before and no longer an error.
    const again = await fx.run();
    expect(again.exitCode).toBe(0);
    expect(again.files.filter((f) => f.action === 'rejected_before').map((f) => f.file)).toEqual([
      'orders_2.csv',
      'orders_3.csv',
      'orders_4.csv',
      'orders_5.csv',
    ]);
  });

  it('a truncated .gz, whose scan fails, is rejected alone as unreadable with its name, and the other files load', async () => {
    const gz = gzipSync(Buffer.from(`${ORDERS_HEADER}${order('shipped').repeat(2000)}`));
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}${order('placed')}`,
      'orders_2.csv.gz': gz.subarray(0, Math.floor(gz.length / 2)),
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(2);
    const bad = result.files.find((f) => f.file === 'orders_2.csv.gz');
    expect(bad).toMatchObject({ action: 'reject', reason: 'unreadable' });
    expect(bad?.detail).toMatch(/^orders_2\.csv\.gz: /);
    expect(await fx.query('select status from silver.fact_orders')).toEqual([{ status: 'placed' }]);
    // Its stored bytes are hashed: the same truncated file is rejected before, a fixed one loads.
    expect((await fx.run()).files.find((f) => f.file === 'orders_2.csv.gz')?.action).toBe('rejected_before');
    fx.write({ 'orders_2.csv.gz': gz });
    const fixed = await fx.run();
    expect(fixed.exitCode).toBe(0);
    expect(await fx.query('select status from silver.fact_orders')).toEqual([{ status: 'shipped' }]);
  });

  it('a file without read permission is rejected alone as unreadable, and the other files load', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}${order('placed')}`,
      'orders_2.csv': `${ORDERS_HEADER}${order('shipped')}`,
    });
    chmodSync(join(fx.landing, 'orders_2.csv'), 0o000);
    // Root reads any file, so as root the run is made without the capabilities that let it
    // (setpriv, util-linux, drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from its bounding set).
    const cli = join(import.meta.dirname, '../../bin/shopstat.js');
    const args = [cli, 'etl', '--landing', fx.landing, '--warehouse', fx.warehouse, '--json', '--quiet'];
    const run =
      process.getuid?.() === 0
        ? spawnSync('setpriv', ['--bounding-set=-dac_override,-dac_read_search', process.execPath, ...args], {
            encoding: 'utf8',
          })
        : spawnSync(process.execPath, args, { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(2);
    const result = JSON.parse(run.stdout) as EtlResult;
    expect(result.files.find((f) => f.file === 'orders_2.csv')).toMatchObject({
      action: 'reject',
      reason: 'unreadable',
      detail: 'orders_2.csv: cannot be read: permission denied',
    });
    expect(result.files.find((f) => f.file === 'orders_1.csv')).toMatchObject({ action: 'load' });
    chmodSync(join(fx.landing, 'orders_2.csv'), 0o644);
  });
});

describe('symlinks', () => {
  it('a symlink out of the landing folder is rejected as outside_landing and its target is never read', async () => {
    const outside = tempDir();
    try {
      writeFileSync(join(outside.dir, 'secret.csv'), 'root:x:0:0:root:/root:/bin/bash\n');
      fx = new EtlFixture(BASE_DIMENSIONS);
      symlinkSync(join(outside.dir, 'secret.csv'), join(fx.landing, 'orders.csv'));
      const result = await fx.run();
      expect(result.exitCode).toBe(2);
      expect(result.files.find((f) => f.file === 'orders.csv')).toMatchObject({
        action: 'reject',
        reason: 'outside_landing',
        detail:
          'orders.csv: is a symlink to a file outside the landing folder and was not read; pass --follow-symlinks to allow it',
      });
      expect(
        await fx.query(
          "select count(*) as n from meta.file_ledger where detail like '%root:x%' or sha256 <> ''  and file_name = 'orders.csv'",
        ),
      ).toEqual([{ n: 0 }]);
    } finally {
      outside.cleanup();
    }
  });

  it('--follow-symlinks reads a symlink out of the folder, and a symlink inside the folder is read without it', async () => {
    const outside = tempDir();
    try {
      writeFileSync(join(outside.dir, 'orders.csv'), `${ORDERS_HEADER}${order('placed')}`);
      fx = new EtlFixture({
        ...BASE_DIMENSIONS,
        'real_products.csv': BASE_DIMENSIONS['products.csv'] as string,
      });
      unlinkSync(join(fx.landing, 'products.csv'));
      symlinkSync('real_products.csv', join(fx.landing, 'products.csv'));
      symlinkSync(join(outside.dir, 'orders.csv'), join(fx.landing, 'orders.csv'));
      const result = await fx.run({ followSymlinks: true });
      expect(result.exitCode).toBe(0);
      expect(result.files.filter((f) => f.action === 'load').map((f) => f.file)).toContain('orders.csv');
      expect(result.files.find((f) => f.file === 'products.csv')?.action).toBe('load');
      expect(await fx.query('select order_id from silver.fact_orders')).toEqual([{ order_id: 'o1' }]);
    } finally {
      outside.cleanup();
    }
  });
});

describe('files sent again', () => {
  it('a rejected file fixed and re-sent after a newer file is applied in load order: the order ends cancelled', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders_1.csv': `${ORDERS_HEADER}${order('placed')}` });
    await fx.run();
    fx.write({
      // No status column: rejected whole (missing_column).
      'orders_2.csv':
        'order_id,customer_id,order_ts,channel,payment_method,currency\no1,u1,2025-01-15 10:00:00,web,card,EUR\n',
      'orders_3.csv': `${ORDERS_HEADER}${order('shipped')}`,
    });
    const second = await fx.run();
    expect(second.files.find((f) => f.file === 'orders_2.csv')).toMatchObject({
      action: 'reject',
      reason: 'missing_column',
    });
    expect(await fx.query('select status from silver.fact_orders')).toEqual([{ status: 'shipped' }]);
    fx.write({ 'orders_2.csv': `${ORDERS_HEADER}${order('cancelled')}` });
    const third = await fx.run();
    expect(third.exitCode).toBe(0);
    expect(third.files.find((f) => f.file === 'orders_2.csv')?.action).toBe('load');
    // The fixed file was loaded last, so it is the latest.
    expect(await fx.query('select status from silver.fact_orders')).toEqual([{ status: 'cancelled' }]);
    const ids = await fx.query(
      "select file_name, file_id from meta.file_ledger where file_name like 'orders%' order by file_id",
    );
    expect(ids.map((r) => r.file_name)).toEqual(['orders_1.csv', 'orders_3.csv', 'orders_2.csv']);
  });

  it('the content of a loaded file sent again gzip-compressed under a new name is a duplicate delivery', async () => {
    const orders = `${ORDERS_HEADER}${order('placed')}`;
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders_a.csv': orders });
    await fx.run();
    fx.write({
      'orders_b.csv.gz': gzipSync(Buffer.from(orders)),
      'orders_c.csv': `${ORDERS_HEADER}${order('shipped')}`,
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    expect(result.files.find((f) => f.file === 'orders_b.csv.gz')).toMatchObject({
      action: 'duplicate',
      reason: 'duplicate_content',
      detail:
        'orders_b.csv.gz has the same content as orders_a.csv, loaded before: a duplicate delivery, skipped',
    });
    // orders_c's shipped status is not reverted by the copy of orders_a.
    expect(await fx.query('select status from silver.fact_orders')).toEqual([{ status: 'shipped' }]);
  });

  it('two new files with the same content in one run: the first loads, the second is its duplicate', async () => {
    const orders = `${ORDERS_HEADER}${order('placed')}`;
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders_a.csv': orders, 'orders_b.csv': orders });
    const result = await fx.run();
    expect(result.files.filter((f) => f.file.startsWith('orders')).map((f) => [f.file, f.action])).toEqual([
      ['orders_a.csv', 'load'],
      ['orders_b.csv', 'duplicate'],
    ]);
    expect(await fx.query('select count(*) as n from bronze.orders')).toEqual([{ n: 1 }]);
  });

  it('a loaded file deleted from the landing folder is named in the warnings and changes nothing', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders_1.csv': `${ORDERS_HEADER}${order('placed')}` });
    await fx.run();
    const gold = await fx.query('select * from gold.monthly_kpis');
    unlinkSync(join(fx.landing, 'orders_1.csv'));
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      {
        code: 'missing_file',
        message:
          '1 loaded file(s) are no longer in the landing folder: orders_1.csv; their rows stay in the warehouse',
      },
    ]);
    expect(await fx.query('select * from gold.monthly_kpis')).toEqual(gold);
  });
});

describe('rejected files are not stuck', () => {
  // 120 records (past the 100-record minimum of the default --max-rejected), every one a bad timestamp.
  const allBad = `${ORDERS_HEADER}${Array.from({ length: 120 }, (_, i) => `o${i},u1,15/01/2025 10:00,web,card,placed,EUR\n`).join('')}`;

  it('an unchanged rejected file is listed as rejected before and the run exits 0', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': allBad });
    const first = await fx.run();
    expect(first.exitCode).toBe(2);
    const second = await fx.run();
    expect(second.exitCode).toBe(0);
    expect(second.status).toBe('nothing_new');
    const file = second.files.find((f) => f.file === 'orders.csv');
    expect(file).toMatchObject({ action: 'rejected_before', reason: 'too_many_rejected' });
    expect(file?.detail).toMatch(/^rejected before: too_many_rejected; /);
  });

  it('a rejected file is retried when --max-rejected changes, and its rows kept from the rejection are replaced', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': allBad });
    await fx.run();
    expect(await fx.query('select count(*) as n from quarantine.orders')).toEqual([{ n: 100 }]);
    const retried = await fx.run({ maxRejected: { share: 1, minRows: 100, keep: 100 } });
    expect(retried.files.find((f) => f.file === 'orders.csv')).toMatchObject({
      action: 'load',
      rowsRead: 120,
      rowsRejected: 120,
    });
    // 120 rows in quarantine once each: the 100 kept from the rejection went with its ledger row.
    expect(
      await fx.query('select count(*) as n, count(distinct _row_number) as rows from quarantine.orders'),
    ).toEqual([{ n: 120, rows: 120 }]);
    expect(retried.checks.find((c) => c.name.startsWith('row accounting'))?.passed).toBe(true);
  });

  it('a rejected file is retried when the time zone changes or --reprocess names it', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv':
        'order_id,customer_id,order_ts,channel,payment_method,currency\no1,u1,2025-01-15 10:00:00,web,card,EUR\n',
    });
    await fx.run();
    const zone = await fx.run({ timeZone: 'Europe/Berlin' });
    expect(zone.files.find((f) => f.file === 'orders.csv')).toMatchObject({
      action: 'reject',
      reason: 'missing_column',
    });
    expect(
      (await fx.run({ timeZone: 'Europe/Berlin' })).files.find((f) => f.file === 'orders.csv')?.action,
    ).toBe('rejected_before');
    const named = await fx.run({ timeZone: 'Europe/Berlin', reprocess: ['orders.csv'] });
    expect(named.exitCode).toBe(2);
    expect(named.files.find((f) => f.file === 'orders.csv')?.action).toBe('reject');
  });
});

describe('a rejected file and its mapping', () => {
  const mapping = (status: string) => `mapping: 1
sources:
  - files: "export*.csv"
    rows: orders
    entities:
      orders:
        order_id: Id
        customer_id: { const: u1 }
        order_ts: { date: Ts, format: iso }
        status: ${status}
`;

  it('a file rejected through a mapping is retried when the mapping file changes, and not before', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'export.csv': 'Id,Ts,State\n1,2025-01-15,shipped\n' });
    const path = join(fx.root.dir, 'm.yaml');
    writeFileSync(path, mapping('Status'));
    const first = await fx.run({ mapping: path });
    expect(first.files.find((f) => f.file === 'export.csv')).toMatchObject({
      action: 'reject',
      reason: 'missing_column',
    });
    // The same mapping, re-read from its file: the file stays rejected before.
    expect((await fx.run({ mapping: path })).files.find((f) => f.file === 'export.csv')?.action).toBe(
      'rejected_before',
    );
    writeFileSync(path, mapping('State'));
    const retried = await fx.run({ mapping: path });
    expect(retried.exitCode).toBe(0);
    expect(retried.files.find((f) => f.file === 'export.csv')?.action).toBe('load');
    expect(await fx.query('select order_id, status from silver.fact_orders')).toEqual([
      { order_id: '1', status: 'shipped' },
    ]);
  });
});

describe('the run summary', () => {
  it('an empty landing folder is a normal day: exit 0, nothing to load', async () => {
    fx = new EtlFixture({});
    const first = await fx.run();
    expect(first).toMatchObject({
      exitCode: 0,
      message: 'nothing to load: the landing folder is empty; silver and gold built',
    });
    const second = await fx.run();
    expect(second).toMatchObject({
      exitCode: 0,
      status: 'nothing_new',
      message: 'nothing to load: the landing folder is empty',
    });
  });

  it('files present but none matching exit 2 and name the shipped mapping whose headers fit', async () => {
    fx = new EtlFixture({
      'export.csv':
        'Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,State,Postal Code,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit\n1,CA-1,11/8/2016,11/11/2016,Second Class,CG-1,Claire,Consumer,United States,Henderson,Kentucky,42420,South,FUR-1,Furniture,Bookcases,Bush,261.96,2,0,41.9136\n',
      'notes.txt': 'hello\n',
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(2);
    expect(result.status).toBe('input_error');
    expect(result.mappingHints.map((h) => [h.mapping.replace(/^.*etl\//, 'etl/'), h.files])).toEqual([
      ['etl/mappings/superstore.yaml', ['export.csv']],
    ]);
    expect(result.message).toMatch(
      /^none of the 2 file\(s\) in the landing folder matches the data contract's file names; the shipped mapping .*superstore\.yaml fits the headers of export\.csv: pass --mapping .*superstore\.yaml$/,
    );
  });

  it('meta.run_files records the duration each file reports', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}${order('placed')}`,
      'orders_2.csv': `${ORDERS_HEADER}${order('shipped')}`,
    });
    const result = await fx.run();
    const logged = await fx.query(
      "select file_name, duration_ms from meta.run_files where action = 'load' order by 1",
    );
    expect(logged).toEqual(
      result.files
        .filter((f) => f.action === 'load')
        .map((f) => ({ file_name: f.file, duration_ms: f.durationMs }))
        .sort((a, b) => a.file_name.localeCompare(b.file_name)),
    );
    expect(logged.every((r) => Number(r.duration_ms) > 0)).toBe(true);
  });

  it('a threshold outside its range is refused naming the field and value, before anything is written', async () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    await expect(fx.run({ maxRejected: { share: 1.5, minRows: 100, keep: 100 } })).rejects.toThrow(
      'etl: maxRejected.share must be from 0 to 1, got 1.5',
    );
    await expect(fx.run({ maxRejected: { share: 0.5, minRows: -1, keep: 100 } })).rejects.toThrow(
      'etl: maxRejected.minRows must be a whole number from 0, got -1',
    );
    expect(readdirSync(fx.root.dir).filter((n) => n.startsWith('wh.duckdb'))).toEqual([]);
  });

  it('each file of a batch is timed by its own scan plus its share of the batch by records', () => {
    // 300 ms of batch time over 1 + 2 records: a third of it, 100 ms, to the one-record file.
    expect(fileDurationMs(10, 300, 1, 3, 2)).toBe(110);
    expect(fileDurationMs(10, 300, 2, 3, 2)).toBe(210);
    // A batch of header-only files shares equally.
    expect(fileDurationMs(0, 300, 0, 0, 3)).toBe(100);
  });
});

describe('temporary UTF-8 copies', () => {
  it('a Latin-1 file is copied as UTF-8 beside the warehouse while it loads, and the copies are gone after the run', async () => {
    fx = new EtlFixture({
      'Online Retail.csv': Buffer.from(
        'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,CAF\xc9,6,01/12/2010 08:26,2.55,17850,United Kingdom\n',
        'latin1',
      ),
    });
    const copies: string[] = [];
    const result = await fx.run({
      mapping: join(import.meta.dirname, '../../etl/mappings/online-retail-dmy-latin1.yaml'),
      onProgress: (e) => {
        if (e.kind === 'loaded') {
          for (const d of readdirSync(`${fx.warehouse}.utf8`))
            copies.push(...readdirSync(join(`${fx.warehouse}.utf8`, d)));
        }
      },
    });
    expect(result.exitCode).toBe(0);
    expect(copies).toEqual(['0.csv']);
    expect(readdirSync(fx.root.dir).filter((n) => n.endsWith('.utf8'))).toEqual([]);
  });

  it('copies left by a killed run beside the warehouse are removed by the next run', async () => {
    fx = new EtlFixture(BASE_DIMENSIONS);
    const left = join(`${fx.warehouse}.utf8`, 'shopstat-utf8-abc123');
    mkdirSync(left, { recursive: true });
    writeFileSync(join(left, '0.csv'), 'a,b\n1,2\n');
    await fx.run();
    expect(readdirSync(fx.root.dir).filter((n) => n.endsWith('.utf8'))).toEqual([]);
    rmSync(`${fx.warehouse}.utf8`, { recursive: true, force: true });
  });
});
