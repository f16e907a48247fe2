import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { entitySpec } from '../../../etl/contract.ts';
import { scanCsvFile } from '../../../etl/ingest/csv-scan.ts';
import { mapHeader, splitCsvRecord } from '../../../etl/ingest/header.ts';
import { rawText, readRawRecords } from '../../../etl/ingest/raw-records.ts';
import { type TempDir, tempDir, writeFiles } from '../../support/fixtures.ts';

let tmp: TempDir;
afterEach(() => tmp?.cleanup());

async function scan(content: string | Buffer, name = 'f.csv') {
  tmp = tempDir();
  writeFiles(tmp.dir, { [name]: content });
  return scanCsvFile(join(tmp.dir, name));
}

describe('scanCsvFile', () => {
  it.each([
    ['LF with a final line break', 'a,b\n1,2\n3,4\n', 2, []],
    ['CRLF without a final line break', 'a,b\r\n1,2\r\n3,4', 2, []],
    ['a blank line in the middle', 'a,b\n1,2\n\n3,4\n', 3, [2]],
    ['a CRLF blank line', 'a,b\r\n1,2\r\n\r\n3,4\r\n', 3, [2]],
    ['a quoted field spanning lines', 'a,b\n1,"x\n\ny"\n3,4\n', 2, []],
    ['an escaped quote before a line break inside quotes', 'a,b\n1,"x""\ny"\n3,4\n', 2, []],
    ['a quote in the middle of a field is literal', 'a,b\n1,x"y\n3,4\n', 2, []],
    ['an unterminated quote runs to the end', 'a,b\n1,"x\n3,4\n', 1, []],
    ['a header only', 'a,b\n', 0, []],
  ])('%s: counts records and blank lines', async (_what, content, records, blanks) => {
    const s = await scan(content);
    expect(s.records).toBe(records);
    expect(s.blankRecords).toEqual(blanks);
    expect(s.header).toBe('a,b');
  });

  it('hashes the bytes as stored and strips a BOM from the header', async () => {
    const s = await scan('\ufeffa,b\n1,2\n');
    expect(s.bom).toBe(true);
    expect(s.header).toBe('a,b');
    // sha256 of EF BB BF "a,b\n1,2\n", computed with `printf '\xef\xbb\xbfa,b\n1,2\n' | sha256sum`
    expect(s.sha256).toBe('4baf8d035fbc583379d998ac9ed3d18276d308ee43cf945ee88d0c54cca33992');
    expect(s.bytes).toBe(11);
  });

  it('reads gzip files through the decompressor and hashes the compressed bytes', async () => {
    const gz = gzipSync(Buffer.from('a,b\n1,2\n3,4\n'));
    const s = await scan(gz, 'f.csv.gz');
    expect(s.records).toBe(2);
    expect(s.bytes).toBe(gz.length);
  });

  it('tells empty files, binary files and text with a few bad bytes apart', async () => {
    expect((await scan('')).empty).toBe(true);
    expect((await scan('\ufeff  \n')).empty).toBe(true);
    expect((await scan(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).looksLikeText).toBe(false);
    const mostlyText = Buffer.concat([
      Buffer.from(`a,b\n${'x,y\n'.repeat(100)}`),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    expect((await scan(mostlyText)).looksLikeText).toBe(true);
  });
});

describe('readRawRecords', () => {
  it('returns the verbatim text of chosen records', async () => {
    tmp = tempDir();
    writeFiles(tmp.dir, { 'f.csv': 'a,b\r\n1,"x\r\ny"\r\n\r\n3,4' });
    const raw = await readRawRecords(join(tmp.dir, 'f.csv'), [1, 2, 3]);
    expect([...raw.entries()]).toEqual([
      [1, '1,"x\r\ny"'],
      [2, ''],
      [3, '3,4'],
    ]);
  });

  it('writes bytes that are not UTF-8 as \\xNN', () => {
    expect(rawText(Buffer.from([0x61, 0xa3, 0x34, 0x30]))).toBe('a\\xA340');
    expect(rawText(Buffer.from('Café £40'))).toBe('Café £40');
  });
});

describe('header mapping', () => {
  it('splits quoted header fields', () => {
    expect(splitCsvRecord('a,"b,c","d""e",')).toEqual(['a', 'b,c', 'd"e', '']);
  });

  it('maps columns case-insensitively after trimming and keeps unknown ones as extras', () => {
    const result = mapHeader(' Order_ID ,customer_id,ORDER_TS,status,note', entitySpec('orders'));
    expect(result).toEqual({
      ok: true,
      mapping: {
        positions: {
          order_id: 0,
          customer_id: 1,
          order_ts: 2,
          channel: null,
          payment_method: null,
          status: 3,
          currency: null,
        },
        extras: [{ position: 4, name: 'note' }],
        width: 5,
      },
    });
  });

  it('hints at the delimiter when a header is split by semicolons', () => {
    const result = mapHeader('order_id;customer_id;order_ts;status', entitySpec('orders'));
    expect(result.ok ? '' : result.detail).toBe(
      "required column 'order_id' is missing from the header (order_id;customer_id;order_ts;status); the header looks separated by semicolons, but the contract's delimiter is a comma",
    );
  });

  it('names the missing required column', () => {
    expect(mapHeader('order_id,customer_id,status', entitySpec('orders'))).toMatchObject({
      ok: false,
      reason: 'missing_column',
      column: 'order_ts',
    });
  });
});
