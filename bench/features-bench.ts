/**
 * The features benchmark of the time-features issue, run by `npm run bench -- --features ROWS
 * [--pandas]`: ROWS order rows (about ROWS / 10 customers over two years, revenue DECIMAL(18,2)),
 * generated in DuckDB and cached, get calendar (16 columns) + US holidays + three leak-free
 * windows per customer from `shopstat features ... --training --out FILE.parquet` (a child
 * process, start-up and the Parquet write included), and with --pandas the same features from
 * bench/pandas_features.py on the data already in memory (its CSV read timed apart; it writes
 * nothing). Column sums of both are cross-checked. Target: under 20 s at 10M rows on 2 cores.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { publicHolidays } from '../src/features/holiday-table.ts';
import { ensureGeneratedTable } from './generated-table.ts';
import { measure } from './measure.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
export const FEATURES_TARGETS = { seconds: 20, atRows: 10_000_000 };

export interface FeaturesBenchOptions {
  readonly rows: number;
  readonly seed: number;
  readonly dataDir: string;
  readonly fresh: boolean;
  readonly python: boolean;
  readonly shopstat: string;
}

export interface FeaturesBenchResult {
  readonly rows: number;
  readonly shopstat: { wallSeconds: number; peakRssMiB: number | null; command: string };
  readonly pandas:
    | { readSeconds: number; featuresSeconds: number; peakRssMiB: number | null }
    | { skipped: string }
    | null;
  readonly pandasOverShopstat: number | null;
  readonly crossCheck: { readonly ok: boolean; readonly mismatches: readonly string[] } | null;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

const SUMS = [
  'iso_week',
  'is_holiday',
  'days_to_next_holiday',
  'revenue_sum_30d_by_customer_id',
  'revenue_count_90d_by_customer_id',
  'days_since_previous_by_customer_id',
] as const;

/** The benchmark table: ROWS orders of about ROWS / 10 customers over two years, in cents. */
function ensureTable(o: FeaturesBenchOptions) {
  const customers = Math.max(1, Math.round(o.rows / 10));
  return ensureGeneratedTable({
    base: join(o.dataDir, `features-rows${o.rows}-seed${o.seed}`),
    table: 'orders',
    createSql: `create table orders as
    select 'c' || (hash(i, ${o.seed}) % ${customers}) as customer_id,
           cast(date '2024-01-01' + cast(hash(i, ${o.seed + 1}) % 730 as integer) as date) as order_date,
           cast((hash(i, ${o.seed + 2}) % 50000) / 100 as decimal(18, 2)) as revenue
    from range(${o.rows}) t(i)`,
    csv: o.python,
    fresh: o.fresh,
  });
}

/** Column sums of the Parquet file shopstat wrote. */
async function parquetSums(path: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const select = SUMS.map((s) => `cast(sum(cast(${s} as double)) as double) as ${s}`).join(', ');
  const rows = (
    await c.runAndReadAll(`select ${select} from read_parquet('${path.replaceAll("'", "''")}')`)
  ).getRowObjectsJson();
  c.closeSync();
  instance.closeSync();
  return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

/** Runs the features benchmark for one size. */
export async function benchFeatures(o: FeaturesBenchOptions): Promise<FeaturesBenchResult> {
  log(`\n== features: ${o.rows.toLocaleString('en-US')} order rows (seed ${o.seed})`);
  const t = await ensureTable(o);
  const out = join(o.dataDir, `features-rows${o.rows}-out.parquet`);
  rmSync(out, { force: true });
  const bin = relative(ROOT, join(o.shopstat, 'bin', 'shopstat.js'));
  const argv = [
    process.execPath,
    bin,
    'features',
    '--warehouse',
    t.db,
    '--table',
    'orders',
    '--date',
    'order_date',
  ];
  argv.push('--add', 'calendar,holidays:US', '--window', 'sum:revenue:30d@customer_id');
  argv.push('--window', 'count:revenue:90d@customer_id', '--window', 'days_since_previous@customer_id');
  argv.push('--training', '--out', out, '--json');
  log(`  shopstat: ${argv.slice(1).join(' ')}`);
  const m = await measure(argv);
  if (m.exitCode !== 0) throw new Error(`shopstat features failed (exit ${m.exitCode}):\n${m.stderrTail}`);
  log(`    ${m.wallSeconds} s, peak RSS ${m.peakRssMiB ?? '?'} MiB`);
  let pandas: FeaturesBenchResult['pandas'] = null;
  let ratio: number | null = null;
  let check: FeaturesBenchResult['crossCheck'] = null;
  if (o.python) {
    const holidays = join(o.dataDir, `features-holidays-us.json`);
    writeFileSync(holidays, JSON.stringify(publicHolidays('US', null, { from: 2023, to: 2026 })));
    const pargv = [PYTHON, 'bench/pandas_features.py', '--csv', t.csv, '--holidays', holidays];
    log(`  pandas: ${pargv.join(' ')}`);
    const pm = await measure(pargv);
    if (pm.exitCode !== 0)
      pandas = { skipped: `pandas_features.py exited ${pm.exitCode}: ${pm.stderrTail.split('\n').pop()}` };
    else {
      const pj = JSON.parse(pm.stdout) as {
        sums: Record<string, number>;
        timings: { readSeconds: number; featuresSeconds: number };
      };
      pandas = { ...pj.timings, peakRssMiB: pm.peakRssMiB };
      ratio = Math.round((pj.timings.featuresSeconds / m.wallSeconds) * 100) / 100;
      log(`    read ${pj.timings.readSeconds} s, features ${pj.timings.featuresSeconds} s`);
      const mine = await parquetSums(out);
      const mismatches = SUMS.filter((s) => {
        const a = mine[s] ?? Number.NaN;
        const b = pj.sums[s] ?? Number.NaN;
        return !(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));
      }).map((s) => `${s}: ${mine[s]} vs pandas ${pj.sums[s]}`);
      check = { ok: mismatches.length === 0, mismatches };
    }
  }
  rmSync(out, { force: true });
  return {
    rows: o.rows,
    shopstat: {
      wallSeconds: m.wallSeconds,
      peakRssMiB: m.peakRssMiB,
      command: `node ${argv.slice(1).join(' ')}`,
    },
    pandas,
    pandasOverShopstat: ratio,
    crossCheck: check,
  };
}

/** Lines of the verdict. */
export function featuresVerdicts(r: FeaturesBenchResult): string[] {
  const n = r.rows.toLocaleString('en-US');
  const out = [
    `features ${n} rows (calendar + US holidays + 3 training windows per customer, to Parquet): shopstat ${r.shopstat.wallSeconds} s (target < ${FEATURES_TARGETS.seconds} s at ${FEATURES_TARGETS.atRows.toLocaleString('en-US')} rows): ${r.shopstat.wallSeconds < FEATURES_TARGETS.seconds ? 'met' : 'MISSED'}`,
  ];
  if (r.pandas !== null && 'featuresSeconds' in r.pandas) {
    out.push(
      `features ${n} rows: pandas ${r.pandas.featuresSeconds} s in memory (+ ${r.pandas.readSeconds} s reading the CSV); pandas ÷ shopstat = ${r.pandasOverShopstat}`,
    );
  } else if (r.pandas !== null) out.push(`features: pandas skipped: ${r.pandas.skipped}`);
  if (r.crossCheck !== null) {
    out.push(
      r.crossCheck.ok
        ? `features ${n} rows: cross-check OK: the column sums agree with pandas`
        : `MISMATCH features ${n} rows: ${r.crossCheck.mismatches.join('; ')}`,
    );
  }
  return out;
}
