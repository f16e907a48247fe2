import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, WarehouseError } from '../../src/errors.ts';
import {
  bigintList,
  quoteIdentifier,
  quoteLiteral,
  validateIdentifier,
  Warehouse,
  withWarehouse,
} from '../../src/warehouse/index.ts';

let wh: Warehouse | null = null;
afterEach(() => {
  wh?.close();
  wh = null;
});

describe('identifiers', () => {
  it('quotes any string as one identifier, doubling embedded quotes', () => {
    expect(quoteIdentifier('order "id"')).toBe('"order ""id"""');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });

  it('validates user identifiers and names the bad value', () => {
    expect(validateIdentifier('monthly_kpis')).toBe('monthly_kpis');
    expect(() => validateIdentifier('x; drop table y')).toThrow(InvalidArgumentError);
    expect(() => validateIdentifier('x; drop table y')).toThrow('"x; drop table y"');
  });

  it('a quoted identifier cannot break out of the statement', async () => {
    wh = await Warehouse.open(':memory:');
    const evil = 'a"; drop table t; --';
    await wh.run(`create table t (${quoteIdentifier(evil)} integer)`);
    await wh.run('insert into t values (1)');
    expect(await wh.all(`select ${quoteIdentifier(evil)} as v from t`)).toEqual([{ v: 1 }]);
  });
});

describe('Warehouse', () => {
  it('reads rows as plain data: DECIMAL as exact text, BIGINT as number, dates as ISO text', async () => {
    wh = await Warehouse.open(':memory:');
    expect(
      await wh.all(
        "select 12345678901234::bigint as b, 0.1::decimal(18,4) + 0.2::decimal(18,4) as d, date '2025-01-02' as dt, null as n",
      ),
    ).toEqual([{ b: 12345678901234, d: '0.3000', dt: '2025-01-02', n: null }]);
  });

  it('binds values as parameters, including typed empty lists', async () => {
    wh = await Warehouse.open(':memory:');
    expect(await wh.all('select $x as x, len($l) as n', { x: "o'; drop", l: bigintList([]) })).toEqual([
      { x: "o'; drop", n: 0 },
    ]);
    expect(await wh.scalar('select sum(v) from unnest($l) as t(v)', { l: bigintList([1, 2, 3]) })).toBe(6); // sum(BIGINT) is a HUGEINT, read as a safe number
  });

  it('rolls a failed transaction back', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run('create table t (v integer)');
    await expect(
      wh.transaction(async (w) => {
        await w.run('insert into t values (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await wh.scalar('select count(*) from t')).toBe(0);
  });

  it('wraps DuckDB errors with the statement', async () => {
    wh = await Warehouse.open(':memory:');
    const error = await wh.run('select * from missing_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect((error as WarehouseError).sql).toBe('select * from missing_table');
  });

  it('never takes the machine zone: the session zone is UTC', async () => {
    expect(process.env.TZ).toBe('UTC');
    expect(await withWarehouse(':memory:', {}, (w) => w.scalar("select current_setting('TimeZone')"))).toBe(
      'UTC',
    );
  });

  it('refuses bad resource settings with the bad value', async () => {
    await expect(Warehouse.open(':memory:', { threads: 0 })).rejects.toThrow('got 0');
    await expect(Warehouse.open(':memory:', { memoryLimit: 'lots' })).rejects.toThrow('got lots');
  });

  it('counts the rows a statement changed', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run('create table t (v integer)');
    expect(await wh.changes('insert into t select range from range(5)')).toBe(5);
    expect(await wh.changes({ sql: 'delete from t where v < $n', params: { n: 2 } })).toBe(2);
  });

  it('returns null for the first row of an empty result', async () => {
    wh = await Warehouse.open(':memory:');
    expect(await wh.one('select 1 as x where false')).toBeNull();
    expect(await wh.scalar('select 1 where false')).toBeNull();
  });
});
