import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError, WarehouseBusyError } from '../../src/errors.ts';
import { DEFAULT_LOCK_TIMEOUT_MS, Warehouse, withWarehouse } from '../../src/warehouse/index.ts';
import { holdLock } from './lock-holder.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-open-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function makeWarehouse(): Promise<string> {
  const path = join(dir, 'shop.duckdb');
  await withWarehouse(path, {}, (wh) => wh.run('create table t as select 42 as answer'));
  return path;
}

describe('Warehouse.open', () => {
  it('opening a missing file read-only names it and creates nothing', async () => {
    const path = join(dir, 'nothing', 'here.duckdb');
    const error = await Warehouse.open(path, { readOnly: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(`Warehouse.open: no warehouse file at ${path}`);
    expect(existsSync(join(dir, 'nothing'))).toBe(false);
  });

  it('a file that is not a DuckDB database is an input error naming it, and stays byte-identical', async () => {
    const csv = join(dir, 'orders.csv');
    writeFileSync(csv, 'order_id,customer_id\no1,c1\n');
    for (const readOnly of [true, false]) {
      const error = await Warehouse.open(csv, { readOnly }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toContain(`Warehouse.open: ${csv} is not a DuckDB warehouse file`);
    }
    expect(readFileSync(csv, 'utf8')).toBe('order_id,customer_id\no1,c1\n');
  });

  it('an empty file that DuckDB would open as an in-memory database (orders.csv) is refused, not used', async () => {
    const path = join(dir, 'orders.csv');
    writeFileSync(path, '');
    const error = await Warehouse.open(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toContain(`Warehouse.open: ${path} is not a DuckDB warehouse file`);
  });

  it('a read-only warehouse refuses to write', async () => {
    const path = await makeWarehouse();
    await withWarehouse(path, { readOnly: true }, async (wh) => {
      expect(await wh.scalar('select answer from t')).toBe(42);
      await expect(wh.run('drop table t')).rejects.toThrow(/read-only/);
    });
  });

  it('each read-only open spills into a folder of its own, so readers side by side never share one', async () => {
    const path = await makeWarehouse();
    const spill = (w: Warehouse) => w.scalar("select current_setting('temp_directory')");
    const writer = await withWarehouse(path, {}, spill);
    expect(writer).toBe(`${path}.tmp`);
    const a = await Warehouse.open(path, { readOnly: true });
    const b = await Warehouse.open(path, { readOnly: true });
    try {
      const [ta, tb] = [await spill(a), await spill(b)];
      expect(ta).not.toBe(tb);
      expect(ta).not.toBe(writer);
      expect(String(ta).startsWith(tmpdir())).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses a negative lock wait with the value, and a read-only :memory: warehouse', async () => {
    await expect(Warehouse.open(':memory:', { lockTimeoutMs: -1 })).rejects.toThrow(
      'lockTimeoutMs must be a non-negative number, got -1',
    );
    await expect(Warehouse.open(':memory:', { readOnly: true })).rejects.toThrow(InvalidArgumentError);
  });
});

describe('waiting for another process', () => {
  it('by default waits 10 minutes', () => {
    expect(DEFAULT_LOCK_TIMEOUT_MS).toBe(600_000);
  });

  it('a reader with the default wait opens once a writer holding the file for 1.5 s is done', async () => {
    const path = await makeWarehouse();
    const holder = await holdLock(path, 'write', 1500);
    const started = Date.now();
    const waits: unknown[] = [];
    const answer = await withWarehouse(path, { readOnly: true, onLockWait: (w) => waits.push(w) }, (wh) =>
      wh.scalar('select answer from t'),
    );
    expect(answer).toBe(42);
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(waits).toEqual([{ path, timeoutMs: 600_000 }]); // told once, with the default wait
    expect(await holder.exited).toBe(0);
  });

  it('readers share the file: a read-only open does not wait for another reader', async () => {
    const path = await makeWarehouse();
    const holder = await holdLock(path, 'read', 3000);
    const started = Date.now();
    expect(
      await withWarehouse(path, { readOnly: true, lockTimeoutMs: 0 }, (wh) => wh.scalar('select 1')),
    ).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
    holder.child.kill();
    await holder.exited;
  });

  it('past its wait, a busy file fails with WarehouseBusyError saying the warehouse is in use, exit code 2', async () => {
    const path = await makeWarehouse();
    const holder = await holdLock(path, 'write', 3000);
    const error = await Warehouse.open(path, { readOnly: true, lockTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WarehouseBusyError);
    expect((error as WarehouseBusyError).exitCode).toBe(2);
    expect((error as Error).message).toContain(
      `Warehouse.open: the warehouse ${path} is in use by another process`,
    );
    expect((error as Error).message).toContain('--lock-timeout SECONDS');
    holder.child.kill();
    await holder.exited;
  });
});
