import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEtl } from '../../etl/runner.ts';
import { WarehouseBusyError } from '../../src/errors.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { BASE_DIMENSIONS, type TempDir, tempDir, writeFiles } from '../support/fixtures.ts';

const BIN = join(import.meta.dirname, '../../bin/shopstat.js');
const GOLD = [
  'gold.daily_sales',
  'gold.monthly_kpis',
  'gold.revenue_by',
  'gold.cancellations_by',
  'gold.customer_monthly_spend',
];

let root: TempDir;
let landing: string;
let reference: Record<string, unknown>;

/** A landing zone big enough that a load takes a while: 200k orders, 400k lines in 4 files. */
function writeLanding(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, BASE_DIMENSIONS);
  for (let part = 0; part < 2; part++) {
    const orders = ['order_id,customer_id,order_ts,channel,payment_method,status,currency'];
    const items = ['order_id,line_number,product_id,quantity,unit_price,discount_amount'];
    for (let i = part * 100_000; i < (part + 1) * 100_000; i++) {
      const day = 1 + (i % 28);
      const status = i % 17 === 0 ? 'cancelled' : 'delivered';
      orders.push(
        `o${i},u${1 + (i % 2)},2025-0${1 + (i % 9)}-${String(day).padStart(2, '0')} 12:00:00,${i % 3 ? 'web' : 'mobile'},card,${status},EUR`,
      );
      items.push(`o${i},1,p1,${1 + (i % 3)},10.00,`, `o${i},2,p2,1,2.50,${i % 5 === 0 ? '0.50' : ''}`);
    }
    writeFiles(dir, {
      [`orders_${part}.csv`]: `${orders.join('\n')}\n`,
      [`order_items_${part}.csv`]: `${items.join('\n')}\n`,
    });
  }
}

async function goldOf(path: string): Promise<Record<string, unknown>> {
  const wh = await Warehouse.open(path);
  try {
    const out: Record<string, unknown> = {};
    for (const t of GOLD) out[t] = await wh.all(`select * from ${t} order by all`);
    out.bronze = await wh.all('select count(*) as n from bronze.order_items');
    return out;
  } finally {
    wh.close();
  }
}

function startEtl(warehouse: string): {
  child: ChildProcess;
  lines: string[];
  waitFor: (re: RegExp) => Promise<void>;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [BIN, 'etl', '--landing', landing, '--warehouse', warehouse], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'UTC' },
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  let buffer = '';
  child.stderr?.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.re.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (lines.some((l) => re.test(l))) return resolve();
      waiters.push({ re, resolve });
      void exit.then(() => reject(new Error(`etl exited before printing ${re}: ${lines.join('\n')}`)));
    });
  return { child, lines, waitFor, exit };
}

beforeAll(async () => {
  root = tempDir();
  landing = join(root.dir, 'landing');
  writeLanding(landing);
  const path = join(root.dir, 'reference.duckdb');
  const result = await runEtl({ landing, warehouse: path });
  expect(result.exitCode).toBe(0);
  reference = await goldOf(path);
}, 120_000);

afterAll(() => root?.cleanup());

describe('crash safety', () => {
  it.each([
    ['while a file is loading', /load order_items_0\.csv/, 150],
    ['between two files', /rows read/, 0],
    ['while silver and gold are built', /building silver\.fact_order_items/, 50],
    ['while gold is built', /building gold\.revenue_by/, 0],
  ])(
    'kill -9 %s, then a re-run gives exactly the gold tables of an uninterrupted run',
    async (_when, trigger, delayMs) => {
      const path = join(root.dir, `crash-${readdirSync(root.dir).length}.duckdb`);
      const run = startEtl(path);
      await run.waitFor(trigger);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      run.child.kill('SIGKILL');
      await run.exit;
      const rerun = await runEtl({ landing, warehouse: path });
      expect(rerun.exitCode).toBe(0);
      expect(await goldOf(path)).toEqual(reference);
      const wh = await Warehouse.open(path);
      try {
        const runs = await wh.all<{ status: string }>('select status from meta.runs order by run_id');
        expect(runs.map((r) => r.status)).toEqual(['interrupted', 'ok']);
        // Tables a killed build staged beside silver and gold are replaced, then swapped in.
        expect(
          await wh.all(
            "select table_name from duckdb_tables() where schema_name in ('silver', 'gold') and ends_with(table_name, '__next')",
          ),
        ).toEqual([]);
      } finally {
        wh.close();
      }
    },
    120_000,
  );

  it('a second run on the same warehouse at the same time with no lock wait fails clearly and the first one completes', async () => {
    const path = join(root.dir, 'concurrent.duckdb');
    const first = startEtl(path);
    await first.waitFor(/load orders_0\.csv/);
    const error = await runEtl({ landing, warehouse: path, warehouseOptions: { lockTimeoutMs: 0 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WarehouseBusyError);
    expect((error as Error).message).toContain('is in use by another process');
    expect(await first.exit).toBe(0);
    expect(await goldOf(path)).toEqual(reference);
  }, 120_000);

  it('a second run with a lock timeout waits for the first and then finds nothing new', async () => {
    const path = join(root.dir, 'waiting.duckdb');
    const first = startEtl(path);
    await first.waitFor(/load orders_0\.csv/);
    const second = await runEtl({ landing, warehouse: path, warehouseOptions: { lockTimeoutMs: 60_000 } });
    expect(await first.exit).toBe(0);
    expect(second.status).toBe('nothing_new');
    expect(await goldOf(path)).toEqual(reference);
  }, 120_000);
});
