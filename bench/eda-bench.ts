import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGeneratedTable } from './generated-table.ts';
import { measure } from './measure.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
export const EDA_TARGETS = { seconds: 12, atRows: 10_000_000, pandasOverShopstat: 6 };

export interface EdaBenchOptions {
  readonly rows: number;
  readonly seed: number;
  readonly dataDir: string;
  readonly fresh: boolean;
  readonly pandas: boolean;
  readonly shopstat: string;
}

interface ProfileJson {
  readonly table: { readonly rows: number; readonly duplicateRows: number };
  readonly columns: readonly {
    readonly name: string;
    readonly missing: number;
    readonly distinct: number;
    readonly mean?: number | null;
    readonly quantiles?: readonly { readonly p: number; readonly value: number | null }[];
  }[];
}

interface PandasJson {
  readonly rows: number;
  readonly duplicateRows: number;
  readonly columns: Readonly<
    Record<string, { missing: number; distinct: number; mean?: number; quantiles?: number[] }>
  >;
  readonly timings: { readonly readSeconds: number; readonly profileSeconds: number };
}

export interface EdaBenchResult {
  readonly rows: number;
  readonly database: string;
  readonly generatedSeconds: number | null;
  readonly shopstat: { wallSeconds: number; peakRssMiB: number | null; command: string };
  readonly pandas:
    | { readSeconds: number; profileSeconds: number; wallSeconds: number; peakRssMiB: number | null }
    | { skipped: string }
    | null;
  /** pandas' profile time (its CSV read excluded) / shopstat's wall time. */
  readonly pandasOverShopstat: number | null;
  readonly crossCheck: { readonly ok: boolean; readonly mismatches: readonly string[] } | null;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The generator: every column from hashes of the row number and the seed (deterministic). */
function tableSql(rows: number, seed: number): string {
  const h = (k: number) => `hash(i, ${seed * 100 + k})`;
  return `create table sales as
select cast((${h(1)} % 500000) / 100 as decimal(18, 2)) as revenue,
       cast(1 + ${h(2)} % 40 as integer) as units,
       case when ${h(3)} % 100 < 5 then null else cast(${h(4)} % 10000 as double) / 100 end as discount,
       cast(date '2024-01-01' + cast(${h(5)} % 730 as integer) as date) as order_date,
       ['web', 'mobile', 'store'][cast(1 + ${h(6)} % 3 as integer)] as channel,
       'C' || lpad(cast(${h(7)} % 60 as varchar), 2, '0') as country,
       'cust' || cast(${h(8)} % 1000000 as varchar) as customer_id,
       case when ${h(9)} % 100 < 20 then null else 'note ' || cast(${h(10)} % 100000 as varchar) end as note
from range(${rows}) t(i)`;
}

/** The benchmark table (and its CSV for pandas), generated once per size and seed. */
async function ensureTable(o: EdaBenchOptions) {
  const t = await ensureGeneratedTable({
    base: join(o.dataDir, `eda-rows${o.rows}-seed${o.seed}`),
    table: 'sales',
    createSql: tableSql(o.rows, o.seed),
    csv: o.pandas,
    fresh: o.fresh,
  });
  if (t.seconds !== null)
    log(`  eda table: ${o.rows.toLocaleString('en-US')} rows in ${t.db} (${t.seconds} s)`);
  return t;
}

function close(a: number | null | undefined, b: number | null | undefined, rel: number): boolean {
  if (a == null || b == null) return a == null && b == null;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** shopstat's profile against pandas': counts exactly, means and quantiles to 1e-9 relative. */
function crossCheck(s: ProfileJson, p: PandasJson): { ok: boolean; mismatches: string[] } {
  const mismatches: string[] = [];
  if (s.table.rows !== p.rows) mismatches.push(`rows: ${s.table.rows} vs pandas ${p.rows}`);
  if (s.table.duplicateRows !== p.duplicateRows) {
    mismatches.push(`duplicate rows: ${s.table.duplicateRows} vs pandas ${p.duplicateRows}`);
  }
  for (const col of s.columns) {
    const q = p.columns[col.name];
    if (q === undefined) {
      mismatches.push(`${col.name}: not in pandas' result`);
      continue;
    }
    if (col.missing !== q.missing) mismatches.push(`${col.name} missing: ${col.missing} vs ${q.missing}`);
    if (col.distinct !== q.distinct)
      mismatches.push(`${col.name} distinct: ${col.distinct} vs ${q.distinct}`);
    if (q.mean !== undefined && !close(col.mean, q.mean, 1e-9)) {
      mismatches.push(`${col.name} mean: ${col.mean} vs ${q.mean}`);
    }
    q.quantiles?.forEach((v, i) => {
      const mine = col.quantiles?.[i]?.value;
      if (!close(mine, v, 1e-9))
        mismatches.push(`${col.name} quantile ${col.quantiles?.[i]?.p}: ${mine} vs ${v}`);
    });
  }
  return { ok: mismatches.length === 0, mismatches };
}

/** Runs the profile benchmark for one size. */
export async function benchProfile(o: EdaBenchOptions): Promise<EdaBenchResult> {
  log(`\n== profile: ${o.rows.toLocaleString('en-US')} rows x 8 columns (seed ${o.seed})`);
  const t = await ensureTable(o);
  const bin = relative(ROOT, join(o.shopstat, 'bin', 'shopstat.js'));
  const argv = [process.execPath, bin, 'profile', '--warehouse', t.db, '--table', 'sales', '--json'];
  log(`  shopstat: ${argv.slice(1).join(' ')}`);
  const m = await measure(argv);
  if (m.exitCode !== 0) throw new Error(`shopstat profile failed (exit ${m.exitCode}):\n${m.stderrTail}`);
  log(`    ${m.wallSeconds} s, peak RSS ${m.peakRssMiB ?? '?'} MiB`);
  const mine = JSON.parse(m.stdout) as ProfileJson;
  let pandas: EdaBenchResult['pandas'] = null;
  let check: EdaBenchResult['crossCheck'] = null;
  let ratio: number | null = null;
  if (o.pandas) {
    const pargv = [PYTHON, 'bench/pandas_profile.py', '--csv', t.csv];
    log(`  pandas: ${pargv.join(' ')}`);
    const pm = await measure(pargv);
    if (pm.exitCode !== 0) {
      pandas = { skipped: `pandas_profile.py exited ${pm.exitCode}: ${pm.stderrTail.split('\n').pop()}` };
    } else {
      const pj = JSON.parse(pm.stdout) as PandasJson;
      pandas = { ...pj.timings, wallSeconds: pm.wallSeconds, peakRssMiB: pm.peakRssMiB };
      log(
        `    read ${pj.timings.readSeconds} s, profile ${pj.timings.profileSeconds} s, peak RSS ${pm.peakRssMiB ?? '?'} MiB`,
      );
      ratio = Math.round((pj.timings.profileSeconds / m.wallSeconds) * 100) / 100;
      check = crossCheck(mine, pj);
    }
  }
  return {
    rows: o.rows,
    database: t.db,
    generatedSeconds: t.seconds,
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

/** Lines of the verdict, as the ETL benchmark prints them. */
export function edaVerdicts(r: EdaBenchResult): string[] {
  const n = r.rows.toLocaleString('en-US');
  const out = [
    `profile ${n} rows x 8 columns: shopstat ${r.shopstat.wallSeconds} s (target < ${EDA_TARGETS.seconds} s at ${EDA_TARGETS.atRows.toLocaleString('en-US')} rows): ${r.shopstat.wallSeconds < EDA_TARGETS.seconds ? 'met' : 'MISSED'}`,
  ];
  if (r.pandas !== null && 'profileSeconds' in r.pandas) {
    out.push(
      `profile ${n} rows: pandas ${r.pandas.profileSeconds} s (+ ${r.pandas.readSeconds} s reading the CSV); pandas ÷ shopstat = ${r.pandasOverShopstat} (target >= ${EDA_TARGETS.pandasOverShopstat}): ${(r.pandasOverShopstat ?? 0) >= EDA_TARGETS.pandasOverShopstat ? 'met' : 'MISSED'}`,
    );
  } else if (r.pandas !== null) out.push(`profile: pandas skipped: ${r.pandas.skipped}`);
  if (r.crossCheck !== null) {
    out.push(
      r.crossCheck.ok
        ? `profile ${n} rows: cross-check OK: rows, duplicates, missing and distinct counts, means and quantiles agree with pandas`
        : `MISMATCH profile ${n} rows: ${r.crossCheck.mismatches.join('; ')}`,
    );
  }
  return out;
}
