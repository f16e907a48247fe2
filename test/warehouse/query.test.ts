import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, WarehouseError } from '../../src/errors.ts';
import { decimalToNumber, type SqlQuery, Warehouse } from '../../src/warehouse/index.ts';

let wh: Warehouse | null = null;
afterEach(() => {
  wh?.close();
  wh = null;
});

async function open(): Promise<Warehouse> {
  wh = await Warehouse.open(':memory:');
  return wh;
}

describe('Warehouse.query', () => {
  it('returns the columns with their DuckDB types beside the rows', async () => {
    const w = await open();
    const result = await w.query(
      "select 1::integer as i, 2::bigint as b, 3.5::decimal(18,4) as money, 'x' as s, date '2025-03-01' as month",
    );
    expect(result).toEqual({
      columns: [
        { name: 'i', type: 'INTEGER' },
        { name: 'b', type: 'BIGINT' },
        { name: 'money', type: 'DECIMAL(18,4)' },
        { name: 's', type: 'VARCHAR' },
        { name: 'month', type: 'DATE' },
      ],
      rows: [{ i: 1, b: 2, money: '3.5000', s: 'x', month: '2025-03-01' }],
      warnings: [],
    });
  });

  it('reads counts of every integer width as numbers up to 2^53 - 1', async () => {
    const w = await open();
    // 9007199254740991 = Number.MAX_SAFE_INTEGER = 2^53 - 1.
    const { rows } = await w.query(
      'select 9007199254740991::bigint as b, -9007199254740991::hugeint as h, 9007199254740991::ubigint as u, 7::uhugeint as uh, count(*) as n, sum(x) as s from (values (1::bigint), (2)) t(x)',
    );
    expect(rows).toEqual([
      { b: 9007199254740991, h: -9007199254740991, u: 9007199254740991, uh: 7, n: 2, s: 3 },
    ]);
  });

  it('fails loudly, naming the column and the value, for a count beyond 2^53', async () => {
    const w = await open();
    // 2^53 + 1 = 9007199254740993 is the first integer a double cannot hold.
    const error = await w.query('select 1 as ok, 9007199254740993::bigint as big').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect((error as Error).message).toContain('column "big" holds 9007199254740993 (BIGINT)');
    await expect(w.all('select -9007199254740993::hugeint as low')).rejects.toThrow(
      'column "low" holds -9007199254740993 (HUGEINT)',
    );
    // The way out the message gives reads the value exactly.
    expect(await w.all('select 9007199254740993::bigint::decimal(38,0) as big')).toEqual([
      { big: '9007199254740993' },
    ]);
  });

  it('reads DECIMAL as exact strings at their scale, also beyond double precision', async () => {
    const w = await open();
    const { rows } = await w.query(
      "select 12345678901234.5678::decimal(18,4) as a, -0.05::decimal(38,4) as b, '99999999999999999999999999999999.9999'::decimal(38,4) as c, 0::decimal(18,4) as z",
    );
    expect(rows).toEqual([
      { a: '12345678901234.5678', b: '-0.0500', c: '99999999999999999999999999999999.9999', z: '0.0000' },
    ]);
  });

  it('reads NaN and infinite doubles as null with one warning per column, never as strings', async () => {
    const w = await open();
    const result = await w.query(
      "select x, x * 2 as y, 1.5::double as fine from (values ('nan'::double), ('inf'::double), ('-inf'::double), (2.5)) t(x)",
    );
    expect(result.rows).toEqual([
      { x: null, y: null, fine: 1.5 },
      { x: null, y: null, fine: 1.5 },
      { x: null, y: null, fine: 1.5 },
      { x: 2.5, y: 5, fine: 1.5 },
    ]);
    expect(result.warnings).toEqual([
      { code: 'non_finite_double', message: 'column "x": 3 NaN or infinite value(s) read as null' },
      { code: 'non_finite_double', message: 'column "y": 3 NaN or infinite value(s) read as null' },
    ]);
  });

  it('decodes nested values by the same rules', async () => {
    const w = await open();
    const { rows } = await w.query(
      "select [1, 2]::bigint[] as l, {'m': 1.25::decimal(9,2), 'd': 'nan'::double} as s",
    );
    expect(rows).toEqual([{ l: [1, 2], s: { m: '1.25', d: null } }]);
  });

  it('reads dates and timestamps as ISO 8601 text with a space, timestamps with a zone in UTC', async () => {
    const w = await open();
    const { rows } = await w.query(
      "select date '2024-02-29' as d, timestamp '2025-01-02 03:04:05.123456' as t, timestamptz '2025-03-30 03:30:00+02' as tz, time '23:59:59' as tm",
    );
    // 03:30 at +02 is 01:30 UTC, the session zone.
    expect(rows).toEqual([
      { d: '2024-02-29', t: '2025-01-02 03:04:05.123456', tz: '2025-03-30 01:30:00+00', tm: '23:59:59' },
    ]);
  });

  it('keeps every value of a result that repeats a column name', async () => {
    const w = await open();
    const result = await w.query('select 1 as a, 2 as a');
    expect(result.columns.map((c) => c.name)).toEqual(['a', 'a:1']);
    expect(result.rows).toEqual([{ a: 1, 'a:1': 2 }]);
  });

  it('an empty result still has its columns', async () => {
    const w = await open();
    expect(await w.query('select 1::bigint as n, null::double as x where false')).toEqual({
      columns: [
        { name: 'n', type: 'BIGINT' },
        { name: 'x', type: 'DOUBLE' },
      ],
      rows: [],
      warnings: [],
    });
  });
});

describe('Warehouse.statementCount', () => {
  it('counts statements, 0 for blank or comment-only text, and reports a parse error', async () => {
    const w = await open();
    expect(await w.statementCount('select 1')).toBe(1);
    expect(await w.statementCount('select 1; select 2; -- done')).toBe(2);
    expect(await w.statementCount('')).toBe(0);
    expect(await w.statementCount('-- only a note')).toBe(0);
    await expect(w.statementCount('selec 1')).rejects.toThrow(
      'Warehouse: Parser Error: syntax error at or near "selec"',
    );
  });
});

describe('SqlQuery', () => {
  const byId: SqlQuery = { sql: 'select $id as id, $id * 2 as twice', params: { id: 21 } };

  it('is accepted by query, all, one, scalar and stream', async () => {
    const w = await open();
    expect((await w.query(byId)).rows).toEqual([{ id: 21, twice: 42 }]);
    expect(await w.all(byId)).toEqual([{ id: 21, twice: 42 }]);
    expect(await w.one(byId)).toEqual({ id: 21, twice: 42 });
    expect(await w.scalar(byId)).toBe(21);
    const batches = [];
    for await (const batch of w.stream(byId)) batches.push(batch.rows);
    expect(batches).toEqual([[{ id: 21, twice: 42 }]]);
  });

  it('refuses parameters given both inside and beside it', async () => {
    const w = await open();
    await expect(w.all(byId, { id: 1 })).rejects.toThrow(InvalidArgumentError);
    await expect(w.all(byId, { id: 1 })).rejects.toThrow('Warehouse.all: pass the parameters inside');
  });
});

describe('Warehouse.stream', () => {
  it('yields every row once, in batches of at most one DuckDB chunk (2,048 rows)', async () => {
    const w = await open();
    let rows = 0;
    let sum = 0;
    let batches = 0;
    for await (const batch of w.stream({
      sql: 'select range::bigint as i from range($n)',
      params: { n: 10_000 },
    })) {
      expect(batch.columns).toEqual([{ name: 'i', type: 'BIGINT' }]);
      expect(batch.rows.length).toBeLessThanOrEqual(2048);
      batches++;
      rows += batch.rows.length;
      for (const r of batch.rows) sum += r.i as number;
    }
    expect(rows).toBe(10_000);
    expect(sum).toBe((9_999 * 10_000) / 2); // 0 + 1 + ... + 9,999
    expect(batches).toBeGreaterThanOrEqual(5); // 10,000 / 2,048 = 4.9
  });

  it('yields one empty batch for a result without rows, so its columns are known', async () => {
    const w = await open();
    const batches = [];
    for await (const batch of w.stream('select 1::bigint as n, 2.5::decimal(9,2) as m where false'))
      batches.push(batch);
    expect(batches).toEqual([
      {
        columns: [
          { name: 'n', type: 'BIGINT' },
          { name: 'm', type: 'DECIMAL(9,2)' },
        ],
        rows: [],
        warnings: [],
      },
    ]);
  });

  it('gives each batch the warnings of its own rows', async () => {
    const w = await open();
    const warnings = [];
    for await (const batch of w.stream(
      "select case when range = 3000 then 'nan'::double else range end as x from range(4096)",
    )) {
      warnings.push(batch.warnings);
    }
    expect(warnings.flat()).toEqual([
      { code: 'non_finite_double', message: 'column "x": 1 NaN or infinite value(s) read as null' },
    ]);
  });

  it('releases the connection when the loop breaks early, and refuses statements mid-stream', async () => {
    const w = await open();
    for await (const batch of w.stream('select range as i from range(100000)')) {
      expect(batch.rows[0]).toEqual({ i: 0 });
      await expect(w.scalar('select 1')).rejects.toThrow('a stream is still being read');
      break;
    }
    expect(await w.scalar('select 42')).toBe(42);
  });

  it('wraps a failing query with its statement', async () => {
    const w = await open();
    const error = await (async () => {
      for await (const _ of w.stream('select * from nowhere')) {
        // never reached
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect((error as WarehouseError).sql).toBe('select * from nowhere');
  });
});

describe('decimalToNumber', () => {
  it('turns exact decimal text into the nearest double', () => {
    expect(decimalToNumber('1234.5000')).toBe(1234.5);
    expect(decimalToNumber('-0.0500')).toBe(-0.05);
    expect(decimalToNumber('42')).toBe(42);
    expect(decimalToNumber(null)).toBeNull();
  });

  it('refuses text that is not a plain decimal, naming it', () => {
    expect(() => decimalToNumber('1e3')).toThrow(InvalidArgumentError);
    expect(() => decimalToNumber('NaN')).toThrow('decimalToNumber: expected a decimal string such as');
    expect(() => decimalToNumber('')).toThrow('got ""');
  });

  it('reads a DECIMAL column read through the warehouse', async () => {
    const w = await open();
    const money = await w.scalar('select sum(x) from (values (0.1::decimal(18,4)), (0.2)) t(x)');
    expect(money).toBe('0.3000');
    expect(decimalToNumber(money as string)).toBe(0.3); // exact sum first, one rounding to double
  });
});
