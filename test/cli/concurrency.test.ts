import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WarehouseBusyError } from '../../src/errors.ts';
import { Warehouse, withWarehouse } from '../../src/warehouse/index.ts';
import { holdLock } from '../warehouse/lock-holder.ts';

/**
 * Readers and writers of one warehouse at the same time, as real processes: short-lived
 * connections with a default lock wait on both sides (10 minutes), so neither fails the other.
 */
const BIN = join(import.meta.dirname, '../../bin/shopstat.js');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly endedAt: number;
}

/** Starts `shopstat ...`; `startedAt` is when it was spawned, `done` its end. */
function start(...args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: 'UTC' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr, endedAt: Date.now() })),
  );
  return { startedAt: Date.now(), done };
}

let dir = '';
let landing = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shopstat-concurrency-'));
  landing = join(dir, 'landing');
  const demo = spawnSync(
    process.execPath,
    [BIN, 'demo', '--out', landing, '--orders', '300', '--no-defects'],
    {
      encoding: 'utf8',
    },
  );
  expect(demo.status).toBe(0);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The one line a command writes when it has to wait for the warehouse (with the default wait). */
function waiting(warehouse: string): string {
  return `shopstat: ${warehouse} is in use by another process; waiting up to 600 s for it (--lock-timeout)\n`;
}

/** Resolves once another process holds the warehouse (a read-only open finds it busy). */
async function untilHeldByAnother(warehouse: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      (await Warehouse.open(warehouse, { readOnly: true, lockTimeoutMs: 0 })).close();
    } catch (error) {
      if (error instanceof WarehouseBusyError) return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nobody held ${warehouse} within 30 s`);
}

async function ordersIn(warehouse: string) {
  return withWarehouse(warehouse, { readOnly: true }, (wh) =>
    wh.one('select count(*) as orders, sum(revenue) as revenue from silver.fact_orders'),
  );
}

describe('reading the warehouse while it loads', () => {
  it('a load started while a reader holds the warehouse for 2 s waits for it: both exit 0', async () => {
    const warehouse = join(dir, 'a.duckdb');
    await withWarehouse(warehouse, {}, async () => {}); // an empty warehouse for the reader to open
    const reader = await holdLock(warehouse, 'read', 2000);
    const etl = start('etl', '--landing', landing, '--warehouse', warehouse, '--json', '--quiet');
    const [readerCode, run] = await Promise.all([reader.exited, etl.done]);
    expect(readerCode).toBe(0);
    expect(run.stderr).toBe(waiting(warehouse));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'ok', exitCode: 0 });
    expect(await ordersIn(warehouse)).toMatchObject({ orders: 300 });
  });

  it('shopstat sql started while a load runs waits for it, both exit 0, and it sees the loaded table whole', async () => {
    const warehouse = join(dir, 'b.duckdb');
    const etl = start('etl', '--landing', landing, '--warehouse', warehouse, '--json');
    await untilHeldByAnother(warehouse); // the load holds the warehouse now
    const sql = start(
      'sql',
      '--warehouse',
      warehouse,
      '--json',
      'select count(*) as orders, sum(revenue) as revenue from silver.fact_orders',
    );
    const [run, read] = await Promise.all([etl.done, sql.done]);
    expect(sql.startedAt).toBeLessThan(run.endedAt); // they overlapped
    expect(run.code).toBe(0);
    expect(read.stderr).toBe(waiting(warehouse)); // it did wait for the load
    expect(read.code).toBe(0);
    // What sql read is the finished load: the same as a reading after both ended.
    expect(JSON.parse(read.stdout).rows).toEqual([await ordersIn(warehouse)]);
    expect(JSON.parse(read.stdout).rows[0].orders).toBe(300);
  });

  it('past --lock-timeout, readers and writers exit 2 saying the warehouse is in use and naming the option', async () => {
    const warehouse = join(dir, 'c.duckdb');
    await withWarehouse(warehouse, {}, (wh) => wh.run('create table t as select 1 as x'));
    const writer = await holdLock(warehouse, 'write', 5000);
    const started = Date.now();
    const [sql, exported] = await Promise.all([
      start('sql', '--warehouse', warehouse, '--lock-timeout', '1', 'select * from t').done,
      start('export', '--warehouse', warehouse, '--out', join(dir, 'out'), '--lock-timeout', '1').done,
    ]);
    for (const r of [sql, exported]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`the warehouse ${warehouse} is in use by another process (waited 1 s)`);
      expect(r.stderr).toContain('--lock-timeout');
    }
    expect(Date.now() - started).toBeLessThan(4500); // they gave up after 1 s, not when the holder let go
    writer.child.kill();
    await writer.exited;

    const reader = await holdLock(warehouse, 'read', 5000);
    const etl = await start('etl', '--landing', landing, '--warehouse', warehouse, '--lock-timeout', '1')
      .done;
    expect(etl.code).toBe(2);
    expect(etl.stderr).toContain('is in use by another process (waited 1 s)');
    reader.child.kill();
    await reader.exited;
  });

  it('every command that opens the warehouse states its default wait in --help', () => {
    for (const command of ['etl', 'export', 'sql']) {
      const help = spawnSync(process.execPath, [BIN, command, '--help'], { encoding: 'utf8' });
      expect(help.stdout.replace(/\s+/g, ' ')).toContain('--lock-timeout <seconds>');
      expect(help.stdout.replace(/\s+/g, ' ')).toContain('(default: 600 = 10 minutes)');
    }
  });
});
