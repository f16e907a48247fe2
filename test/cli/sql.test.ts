import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withWarehouse } from '../../src/warehouse/index.ts';
import { SHOPSTAT_BIN, shopstat } from '../support/cli.ts';

let dir = '';
let warehouse = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-sql-'));
  warehouse = join(dir, 'shop.duckdb');
  // Written by hand: each row exercises one rule of the output.
  await withWarehouse(warehouse, {}, async (wh) => {
    await wh.run(`create schema gold;
      create table gold.kpis (month date, revenue decimal(38,4), orders bigint, label varchar, ratio double);
      insert into gold.kpis values
        ('2025-01-01', 12345678901234567890.1234, 3, '=HYPERLINK("http://x")', 0.25),
        ('2025-02-01', -0.05, 12, 'plain, with "quotes"', 'nan'),
        ('2025-03-01', 0, 0, 'Ünïcode 東京', null),
        ('2025-04-01', null, null, '+cmd|'' /C calc''!A0', 1),
        ('2025-05-01', 1, 1, '-2+3', 2),
        ('2025-06-01', 2, 2, '@SUM(A1)', 3),
        ('2025-07-01', 3, 3, e'\\tTAB', 4),
        ('2025-08-01', 4, 4, e'two\\nlines', 5),
        ('2025-09-01', 5, 5, e'\\x1b[31mred ' || chr(8238) || 'txt.exe', 6);`);
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('shopstat sql', () => {
  it('prints a readable table by default: numbers right-aligned, DECIMALs exact, NULL shown, control characters escaped', () => {
    const r = shopstat(
      'sql',
      '--warehouse',
      warehouse,
      "select month, revenue, orders, label from gold.kpis where month <= '2025-04-01' or month >= '2025-08-01' order by month",
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'month      |                   revenue | orders | label',
        '-----------+---------------------------+--------+----------------------------',
        '2025-01-01 | 12345678901234567890.1234 |      3 | =HYPERLINK("http://x")',
        '2025-02-01 |                   -0.0500 |     12 | plain, with "quotes"',
        '2025-03-01 |                    0.0000 |      0 | Ünïcode 東京',
        "2025-04-01 |                      NULL |   NULL | +cmd|' /C calc'!A0",
        '2025-08-01 |                    4.0000 |      4 | two\\nlines',
        '2025-09-01 |                    5.0000 |      5 | \\u001b[31mred \\u202etxt.exe',
        '(6 rows)',
        '',
      ].join('\n'),
    );
  });

  it('keeps columns aligned around wide (CJK) characters and combining marks', () => {
    const r = shopstat(
      'sql',
      '--warehouse',
      warehouse,
      "select * from (values ('東京', 1), ('Tokyo', 22), ('e' || chr(769) || 'te', 333)) t(city, n)",
    );
    expect(r.stdout).toBe(
      [
        'city  |   n',
        '------+----',
        '東京  |   1', // two characters, four columns
        'Tokyo |  22',
        'e\u0301te   | 333', // four code points, three columns (e + combining acute accent)
        '(3 rows)',
        '',
      ].join('\n'),
    );
  });

  it('--csv writes RFC 4180 CSV whose formula-like text cells stay text, and leaves numbers alone', () => {
    const r = shopstat('sql', '--warehouse', warehouse, '--csv', 'select * from gold.kpis order by month');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'month,revenue,orders,label,ratio',
        `2025-01-01,12345678901234567890.1234,3,"'=HYPERLINK(""http://x"")",0.25`,
        '2025-02-01,-0.0500,12,"plain, with ""quotes""",',
        '2025-03-01,0.0000,0,Ünïcode 東京,',
        "2025-04-01,,,'+cmd|' /C calc'!A0,1",
        "2025-05-01,1.0000,1,'-2+3,2",
        "2025-06-01,2.0000,2,'@SUM(A1),3",
        "2025-07-01,3.0000,3,'\tTAB,4",
        `2025-08-01,4.0000,4,"two\nlines",5`,
        '2025-09-01,5.0000,5,\u001b[31mred \u202etxt.exe,6',
        '',
      ].join('\r\n'),
    );
    // The NaN ratio is an empty cell, and the reader is told.
    expect(r.stderr).toBe(
      'warning: non_finite_double: column "ratio": 1 NaN or infinite value(s) read as null\n',
    );
  });

  it('--csv streams a large result and writes the header of an empty one', () => {
    const big = shopstat('sql', '--warehouse', warehouse, '--csv', 'select range as i from range(10000)');
    expect(big.code).toBe(0);
    const lines = big.stdout.split('\r\n');
    expect(lines.length).toBe(10_002); // header, 10,000 rows, the empty string after the last CRLF
    expect(lines[10_000]).toBe('9999');
    const empty = shopstat(
      'sql',
      '--warehouse',
      warehouse,
      '--csv',
      'select month, label from gold.kpis where false',
    );
    expect(empty).toMatchObject({ code: 0, stdout: 'month,label\r\n' });
  });

  it('a table of 200,000 rows prints whole, and output cut short by the reader (| head) ends quietly with exit code 0', () => {
    const table = shopstat('sql', '--warehouse', warehouse, 'select range as i from range(200000)');
    expect(table.code).toBe(0);
    expect(table.stdout.endsWith('199999\n(200,000 rows)\n')).toBe(true);
    for (const mode of ['', '--csv', '--json']) {
      const r = spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${SHOPSTAT_BIN}" sql --warehouse "${warehouse}" ${mode} "select range as i from range(1000000)" | head -n 1; exit \${PIPESTATUS[0]}`,
        ],
        { encoding: 'utf8' },
      );
      expect({ mode, code: r.status, stderr: r.stderr }).toEqual({ mode, code: 0, stderr: '' });
    }
  });

  it('--json prints {columns, rows, warnings} with NaN as null and a warning', () => {
    const r = shopstat(
      'sql',
      '--warehouse',
      warehouse,
      '--json',
      "select revenue, orders, ratio from gold.kpis where month = '2025-02-01'",
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      columns: [
        { name: 'revenue', type: 'DECIMAL(38,4)' },
        { name: 'orders', type: 'BIGINT' },
        { name: 'ratio', type: 'DOUBLE' },
      ],
      rows: [{ revenue: '-0.0500', orders: 12, ratio: null }],
      warnings: [
        { code: 'non_finite_double', message: 'column "ratio": 1 NaN or infinite value(s) read as null' },
      ],
    });
  });

  it('a writing statement fails with exit code 2 and DuckDB read-only message, and changes nothing', async () => {
    const r = shopstat('sql', '--warehouse', warehouse, 'delete from gold.kpis');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'shopstat: sql: Invalid Input Error: Cannot execute statement of type "DELETE" on database "shop" which is attached in read-only mode!\n',
    );
    expect(
      await withWarehouse(warehouse, { readOnly: true }, (wh) => wh.scalar('select count(*) from gold.kpis')),
    ).toBe(9);
  });

  it('a bad query fails with exit code 2 and DuckDB message, without a stack', () => {
    const r = shopstat('sql', '--warehouse', warehouse, 'select nope from gold.kpis');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^shopstat: sql: Binder Error: Referenced column "nope" not found in FROM clause!/,
    );
    expect(r.stderr).not.toContain('    at ');
  });

  it('an empty query, several statements or a bad --lock-timeout are input errors: exit code 2', () => {
    for (const [query, message] of [
      [[''], 'shopstat: sql: the query is empty\n'],
      [['--', '-- just a comment'], 'shopstat: sql: the query is empty\n'], // `--` ends the options
      [['select 1; select 2'], 'shopstat: sql: give one statement, got 2\n'],
    ] as const) {
      expect(shopstat('sql', '--warehouse', warehouse, ...query)).toMatchObject({
        code: 2,
        stdout: '',
        stderr: message,
      });
    }
    const badWait = shopstat('sql', '--warehouse', warehouse, '--lock-timeout', '-1', 'select 1');
    expect(badWait.code).toBe(2);
    expect(badWait.stderr).toContain(
      '--lock-timeout must be a whole number of seconds (0 or more), got "-1"',
    );
  });

  it('a count beyond 2^53 is an input error naming the column and how to read it exactly', () => {
    const r = shopstat('sql', '--warehouse', warehouse, 'select 9007199254740993::bigint as big');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sql: column "big" holds 9007199254740993 (BIGINT)');
    const exact = shopstat(
      'sql',
      '--warehouse',
      warehouse,
      '--csv',
      'select 9007199254740993::bigint::varchar as big',
    );
    expect(exact).toMatchObject({ code: 0, stdout: 'big\r\n9007199254740993\r\n' });
  });

  it('reads nothing but the warehouse: COPY ... TO and ATTACH fail with exit code 2 and create no file', () => {
    const copy = shopstat('sql', '--warehouse', warehouse, `copy (select 1) to '${join(dir, 'leak.csv')}'`);
    expect(copy.code).toBe(2);
    expect(copy.stderr).toContain('file system operations are disabled');
    const attach = shopstat('sql', '--warehouse', warehouse, `attach '${join(dir, 'other.duckdb')}' as o`);
    expect(attach.code).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['shop.duckdb']);
  });

  it('a missing warehouse fails with exit code 2 naming it, and no file is created', () => {
    const missing = join(dir, 'missing.duckdb');
    const r = shopstat('sql', '--warehouse', missing, 'select 1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(existsSync(missing)).toBe(false);
  });

  it('--csv and --json together are a usage error', () => {
    const r = shopstat('sql', '--warehouse', warehouse, '--csv', '--json', 'select 1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--csv' cannot be used with option '--json'");
  });

  it('--help states the default lock wait and how formula-like CSV cells are written', () => {
    const r = shopstat('sql', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('(default: 600 = 10 minutes)');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain("gets a leading ' so that Excel keeps it as text");
  });
});
