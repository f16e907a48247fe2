import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMapping, formatMappingCheck } from '../../../etl/mapping/check.ts';
import { SAMPLE_DEFAULTS } from '../../../etl/mapping/sample.ts';

const MAPPINGS = fileURLToPath(new URL('../../../etl/mappings/', import.meta.url));
const DMY = join(MAPPINGS, 'online-retail-dmy-latin1.yaml');
const MDY = join(MAPPINGS, 'online-retail-mdy.yaml');
const BIN = fileURLToPath(new URL('../../../bin/shopstat.js', import.meta.url));

// The Online Retail layout: etl/mappings/online-retail-*.yaml and ../shared/data/online-retail/SOURCE.md.
const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/**
 * A UK re-save (`dd/mm/yyyy HH:MM`, Latin-1, LF) of 30 records, each on a day after the 12th so
 * no value also reads as US order: record 1 has a £ (byte 0xA3), record 2 a quoted description
 * over two lines, record 3 a negative quantity outside a C invoice (stock_adjustment), record 5
 * repeats record 4 (duplicate_row). So 2 of 30 rows are rejected by the dmy mapping.
 */
function ukExport(): Buffer {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const day = 13 + (i % 16);
    return `${536400 + i},2272${i % 10},MUG,6,${day}/12/2010 09:${String(i).padStart(2, '0')},2.55,17850,United Kingdom`;
  });
  rows[0] = '536400,GIFT_0001_10,GIFT VOUCHER \u00a310,1,13/12/2010 09:00,8.50,17850,United Kingdom';
  rows[1] = '536401,22728,"ALARM CLOCK\nPINK",2,14/12/2010 10:00,3.75,12583,France';
  rows[2] = '536402,22729,damaged,-3,15/12/2010 11:00,0,,United Kingdom';
  rows[4] = rows[3] as string;
  return Buffer.from(`${HEADER}\n${rows.join('\n')}\n`, 'latin1');
}

/** An Excel US export (`M/D/YY H:MM`, UTF-8, CRLF) of 25 valid records, December 1-25. */
function usExport(): string {
  const rows = Array.from(
    { length: 25 },
    (_, i) =>
      `${536365 + i},85123A,HEART,6,12/${i + 1}/10 8:${String(i + 10).padStart(2, '0')},2.55,17850,United Kingdom`,
  );
  return `${HEADER}\r\n${rows.join('\r\n')}`;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-sample-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('mapping check --landing loads a sample of each file', () => {
  it('samples 1,000 records by default', () => {
    expect(SAMPLE_DEFAULTS.records).toBe(1000);
  });

  it('reports the rows a fitting mapping would reject by reason, with the first detail of each, and passes', async () => {
    writeFileSync(join(dir, 'Online Retail.csv'), ukExport());
    const result = await checkMapping(DMY, dir);
    const file = result.files[0];
    expect(file?.status).toBe('ok');
    expect(file?.sample).toEqual({
      records: 30,
      rowsRead: 30,
      rowsRejected: 2,
      rejected: [
        {
          reason: 'duplicate_row',
          rows: 1,
          example: expect.stringContaining('the same values as an earlier row'),
          acrossFiles: false,
        },
        {
          reason: 'stock_adjustment',
          rows: 1,
          example: expect.stringContaining('-3'),
          acrossFiles: false,
        },
      ],
      rejectedWhole: null,
      warnings: [],
    });
    expect(result.ok).toBe(true);
    expect(result.options).toEqual({ landing: dir, sampleRecords: 1000, timeZone: 'UTC' });
  });

  it('warns and fails when most of the sample is rejected: a dd/mm mapping on an M/D/YY file', async () => {
    writeFileSync(join(dir, 'online_retail.csv'), usExport());
    const result = await checkMapping(DMY, dir);
    const sample = result.files[0]?.sample;
    expect(sample).toMatchObject({ records: 25, rowsRead: 25, rowsRejected: 25 });
    expect(sample?.rejected).toEqual([
      {
        reason: 'bad_timestamp',
        rows: 25,
        example: 'orders.order_ts (InvoiceDate)=12/1/10 8:10 (not dd/mm/yyyy HH:MM)',
        acrossFiles: false,
      },
    ]);
    expect(result.warnings).toEqual([
      {
        code: 'mostly_rejected',
        message:
          'online_retail.csv: 25 of the first 25 rows would be rejected (100%), most as bad_timestamp (orders.order_ts (InvoiceDate)=12/1/10 8:10 (not dd/mm/yyyy HH:MM)); the mapping (a date format, a column) does not seem to fit this file',
      },
    ]);
    expect(result.ok).toBe(false);
    expect(formatMappingCheck(result)).toContain(
      '           first 25 records: 25 rows read, 25 would be rejected\n             bad_timestamp 25, e.g. orders.order_ts (InvoiceDate)=12/1/10 8:10 (not dd/mm/yyyy HH:MM)\nwarning: online_retail.csv: 25 of the first 25 rows',
    );
  });

  it('passes the same M/D/YY file with the M/D/YY mapping, and fails the dd/mm file with it', async () => {
    writeFileSync(join(dir, 'online_retail.csv'), usExport());
    const fits = await checkMapping(MDY, dir);
    expect(fits.files[0]?.sample).toMatchObject({ records: 25, rowsRead: 25, rowsRejected: 0, rejected: [] });
    expect(fits.ok).toBe(true);
    rmSync(join(dir, 'online_retail.csv'));
    writeFileSync(join(dir, 'Online Retail.csv'), ukExport());
    const misfit = await checkMapping(MDY, dir);
    // Every date is on a day after the 12th: no dd/mm value reads as M/D (ukExport).
    expect(misfit.files[0]?.sample?.rejected[0]).toMatchObject({ reason: 'bad_timestamp' });
    expect(misfit.warnings.map((w) => w.code)).toEqual(['mostly_rejected']);
    expect(misfit.ok).toBe(false);
  });

  it('takes whole records up to the sample size, a quoted record over two lines counting once, also from a .gz', async () => {
    writeFileSync(join(dir, 'Online Retail.csv.gz'), gzipSync(ukExport()));
    const result = await checkMapping(DMY, dir, { sampleRecords: 4 });
    // Records 1-4 of ukExport: the £ row, the two-line row, the stock adjustment, a plain row.
    expect(result.files[0]?.sample).toMatchObject({
      records: 4,
      rowsRead: 4,
      rowsRejected: 1,
      rejected: [{ reason: 'stock_adjustment', rows: 1 }],
    });
    expect(result.options.sampleRecords).toBe(4);
  });

  it('checks headers only with a sample of 0 records', async () => {
    writeFileSync(join(dir, 'online_retail.csv'), usExport());
    const result = await checkMapping(DMY, dir, { sampleRecords: 0 });
    expect(result.files[0]).toMatchObject({ status: 'ok', sample: null });
    expect(result.ok).toBe(true);
  });

  it('fails a file the loader would reject whole although its header fits', async () => {
    // Binary after a fitting header: the contract's whole-file reason not_text.
    writeFileSync(
      join(dir, 'Online Retail.csv'),
      Buffer.concat([Buffer.from(`${HEADER}\n`), Buffer.alloc(2000, 0), Buffer.from('\n')]),
    );
    const result = await checkMapping(DMY, dir);
    expect(result.files[0]?.sample?.rejectedWhole).toMatchObject({ reason: 'not_text' });
    expect(result.warnings[0]).toMatchObject({ code: 'rejected_whole' });
    expect(result.warnings[0]?.message).toMatch(
      /^Online Retail\.csv: the whole file would be rejected as not_text/,
    );
    expect(result.ok).toBe(false);
  });

  it('the command exits 2 with the sample as data under --json when most rows would be rejected', () => {
    writeFileSync(join(dir, 'online_retail.csv'), usExport());
    const run = spawnSync(process.execPath, [BIN, 'mapping', 'check', DMY, '--landing', dir, '--json'], {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    expect(run.status).toBe(2);
    const result = JSON.parse(run.stdout);
    expect(result.files[0].sample).toMatchObject({ rowsRead: 25, rowsRejected: 25 });
    expect(result.warnings[0].code).toBe('mostly_rejected');
    const bad = spawnSync(process.execPath, [
      BIN,
      'mapping',
      'check',
      DMY,
      '--landing',
      dir,
      '--sample',
      'many',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toContain(
      'mapping check: --sample must be a whole number of records, got "many"',
    );
  });
});
