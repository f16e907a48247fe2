/**
 * `npm run bench`: the ETL benchmark of issue "Foundation".
 *
 * For each size (order lines) it generates the demo landing zone (`generateDemo`, orders = lines
 * / 2.4, seed 42; cached under the data dir), then runs, each as a child process on a fresh
 * database and measured for wall time and peak RSS (GNU time's maximum RSS of the child, so
 * DuckDB's native memory is included):
 *
 *   pipeline         node bin/shopstat.js etl --landing DIR --warehouse FILE --quiet --json
 *   handwritten SQL  node --import tsx bench/run-sql.ts --script bench/handwritten.sql ...
 *   pandas           /usr/bin/python3 bench/pandas_gold.py --landing DIR   (with --pandas)
 *
 * and cross-checks their gold tables (all seven tables row for row between the pipeline and the
 * SQL script, monthly totals against pandas). Then, on the pipeline's warehouse, it times
 * `shopstat decompose` of the last month against the one before, by two dimensions (channel x
 * country: orders x AOV; category x country: units x revenue per unit), each a child process.
 * Targets (measured, not enforced): pipeline within 1.5x of the handwritten SQL, pandas ÷
 * pipeline above 2, peak RSS under 2 GiB at 10M lines, each decomposition under 2 s.
 *
 *   npm run bench -- --lines 1000000,10000000 --pandas
 *   npm run bench -- --lines 1000000 --repeat 3          # fastest of three runs each
 *   npm run bench -- --lines 1000000 --profile           # wall time and peak RSS per phase
 *
 * With --profile the pipeline runs without --quiet and its progress lines are timed as they
 * arrive; bench/profile-etl.ts goes further, down to every SQL statement. The machine's other CPU
 * use during each run is recorded, and a disturbed run is flagged NOISE.
 *
 * Results are printed and written to bench/results/latest.json (and bench/results/lines-N.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { generateDemo } from '../etl/demo/index.ts';
import { anovaVerdicts, benchAnova } from './anova-bench.ts';
import { benchProfile, EDA_TARGETS, edaVerdicts } from './eda-bench.ts';
import { benchFeatures, featuresVerdicts } from './features-bench.ts';
import { type Measured, measure, type RssSample, setWaitQuietSeconds } from './measure.ts';
import { type ProgressMark, periodsOf } from './phases.ts';
import { benchReport, reportVerdicts } from './report-bench.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
const LINES_PER_ORDER = 2.4;
const TARGETS = {
  pipelineOverSql: 1.5,
  // The hardening issue withdrew "5x pandas": keep pandas ÷ pipeline above 2.
  pandasOverPipeline: 2,
  peakRssMiB: 2048,
  peakRssAtLines: 10_000_000,
  // The decomposition issue: a 10M-line warehouse decomposed by two dimensions in under 2 s.
  decomposeSeconds: 2,
};

const HELP = `usage: npm run bench -- [options]

  --lines N[,N...]   sizes in order lines (default 1000000); orders = lines / ${LINES_PER_ORDER}
  --eda ROWS         the profile benchmark: a ROWS x 8-column table profiled by shopstat profile
                     (and by bench/pandas_profile.py with --pandas); without --lines, only this
  --features ROWS    the time-features benchmark: ROWS order rows, calendar + holidays + 3 training
                     windows per customer to Parquet (and bench/pandas_features.py with --pandas)
  --anova ROWS       the ANOVA benchmark: ROWS rows in 8 groups, shopstat anova --test all (and
                     bench/scipy_anova.py with --pandas); without --lines, only this
  --report LINES     the report benchmark: shopstat report on a 24-month demo warehouse of LINES
                     order lines (generated and loaded once, cached); without --lines, only this
  --pandas           also run bench/pandas_gold.py under ${PYTHON} (needs python3-pandas)
  --profile          time the pipeline's phases (file scans, loads per entity, each model, checks)
                     with their peak RSS, from its progress lines (it runs without --quiet)
  --data-dir DIR     demo data cache and databases (default $TMPDIR/shopstat-bench)
  --keep             keep the databases after the run (the demo data is always kept)
  --fresh            regenerate the demo data even when cached
  --seed N           demo seed (default 42)
  --repeat N         run each contender N times and keep the fastest run (default 1)
  --wait-quiet S     before each run, wait up to S seconds for other processes to stop using the
                     CPUs (default 60; 0 = never wait); runs disturbed anyway are flagged NOISE
  --out FILE         results JSON (default bench/results/latest.json)
  --shopstat DIR     the shopstat checkout whose bin/shopstat.js is measured (default: this one),
                     e.g. a snapshot: git archive HEAD | tar -x -C DIR; ln -s $PWD/node_modules DIR;
                     git rev-parse HEAD > DIR/.bench-commit
`;

interface Options {
  readonly lines: readonly number[];
  readonly pandas: boolean;
  readonly profile: boolean;
  readonly dataDir: string;
  readonly keep: boolean;
  readonly fresh: boolean;
  readonly seed: number;
  readonly repeat: number;
  readonly waitQuietSeconds: number;
  readonly out: string;
  readonly shopstat: string;
  /** `--eda ROWS`: also (or, without --lines, only) the profile benchmark of that many rows. */
  readonly edaRows: number | null;
  /** `--anova ROWS`: likewise, the ANOVA benchmark. */
  readonly anovaRows: number | null;
  /** `--features ROWS`: likewise, the time-features benchmark. */
  readonly featuresRows: number | null;
  /** `--report LINES`: likewise, the report benchmark. */
  readonly reportLines: number | null;
}

function parseOptions(argv: readonly string[]): Options | null {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      lines: { type: 'string', default: '1000000' },
      eda: { type: 'string' },
      anova: { type: 'string' },
      features: { type: 'string' },
      report: { type: 'string' },
      pandas: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'data-dir': { type: 'string', default: join(os.tmpdir(), 'shopstat-bench') },
      keep: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      repeat: { type: 'string', default: '1' },
      'wait-quiet': { type: 'string', default: '60' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results', 'latest.json') },
      shopstat: { type: 'string', default: ROOT },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const edaRows = values.eda === undefined ? null : Number(values.eda.replaceAll('_', ''));
  if (edaRows !== null && (!Number.isSafeInteger(edaRows) || edaRows < 1)) {
    throw new Error(`--eda must be a number of rows, got ${values.eda}`);
  }
  const anovaRows = values.anova === undefined ? null : Number(values.anova.replaceAll('_', ''));
  if (anovaRows !== null && (!Number.isSafeInteger(anovaRows) || anovaRows < 1)) {
    throw new Error(`--anova must be a number of rows, got ${values.anova}`);
  }
  const featuresRows = values.features === undefined ? null : Number(values.features.replaceAll('_', ''));
  if (featuresRows !== null && (!Number.isSafeInteger(featuresRows) || featuresRows < 1)) {
    throw new Error(`--features must be a number of rows, got ${values.features}`);
  }
  const reportLines = values.report === undefined ? null : Number(values.report.replaceAll('_', ''));
  if (reportLines !== null && (!Number.isSafeInteger(reportLines) || reportLines < 3)) {
    throw new Error(`--report must be a number of order lines, got ${values.report}`);
  }
  // With --eda, --anova, --features or --report and no --lines, only those benchmarks run.
  const lines =
    (edaRows !== null || anovaRows !== null || featuresRows !== null || reportLines !== null) &&
    !argv.some((a) => a === '--lines' || a.startsWith('--lines='))
      ? []
      : values.lines.split(',').map((s) => Number(s.trim().replaceAll('_', '')));
  if (lines.some((n) => !Number.isSafeInteger(n) || n < LINES_PER_ORDER)) {
    throw new Error(`--lines must be a comma-separated list of integers >= 3, got ${values.lines}`);
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const repeat = Number(values.repeat);
  if (!Number.isSafeInteger(repeat) || repeat < 1)
    throw new Error(`--repeat must be >= 1, got ${values.repeat}`);
  const waitQuietSeconds = Number(values['wait-quiet']);
  if (!Number.isFinite(waitQuietSeconds) || waitQuietSeconds < 0) {
    throw new Error(`--wait-quiet must be a number of seconds, got ${values['wait-quiet']}`);
  }
  return {
    lines,
    pandas: values.pandas,
    profile: values.profile,
    dataDir: resolve(values['data-dir']),
    keep: values.keep,
    fresh: values.fresh,
    seed,
    repeat,
    waitQuietSeconds,
    out: resolve(values.out),
    shopstat: resolve(values.shopstat),
    edaRows,
    anovaRows,
    featuresRows,
    reportLines,
  };
}

// ---------------------------------------------------------------------------------------------
// Demo data (cached)
// ---------------------------------------------------------------------------------------------

interface DemoSummary {
  readonly orders: number;
  readonly seed: number;
  readonly orderLines: number;
  readonly customers: number;
  readonly products: number;
  readonly events: number;
  readonly files: readonly { readonly name: string; readonly rows: number; readonly bytes: number }[];
  readonly generatedSeconds: number;
}

interface Demo {
  readonly dir: string;
  readonly summary: DemoSummary;
  readonly reused: boolean;
}

/** The demo landing zone for these arguments: reused from the cache when complete, else generated. */
async function ensureDemo(dataDir: string, orders: number, seed: number, fresh: boolean): Promise<Demo> {
  const name = `demo-orders${orders}-seed${seed}`;
  const dir = join(dataDir, name);
  const marker = join(dataDir, `${name}.json`);
  if (!fresh && existsSync(marker)) {
    const summary = JSON.parse(readFileSync(marker, 'utf8')) as DemoSummary;
    const complete =
      summary.orders === orders &&
      summary.seed === seed &&
      summary.files.every((f) => {
        const p = join(dir, f.name);
        return existsSync(p) && statSync(p).size === f.bytes;
      });
    if (complete) return { dir, summary, reused: true };
  }
  rmSync(marker, { force: true });
  rmSync(dir, { recursive: true, force: true });
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(`generating demo data: ${fmtInt(orders)} orders, seed ${seed} -> ${dir}`);
  const t0 = performance.now();
  const result = await generateDemo({ outDir: partial, orders, seed });
  renameSync(partial, dir);
  const summary: DemoSummary = {
    orders,
    seed,
    orderLines: result.orderLines,
    customers: result.customers,
    products: result.products,
    events: result.events,
    files: result.files.map((f) => ({ name: f.name, rows: f.rows, bytes: f.bytes })),
    generatedSeconds: round((performance.now() - t0) / 1000, 1),
  };
  writeFileSync(marker, `${JSON.stringify(summary, null, 2)}\n`);
  log(
    `  ${fmtInt(result.orderLines)} order lines in ${result.files.length} files, ${summary.generatedSeconds} s`,
  );
  return { dir, summary, reused: false };
}

// ---------------------------------------------------------------------------------------------
// Measuring a child process
// ---------------------------------------------------------------------------------------------

function removeDatabase(path: string): void {
  for (const p of [path, `${path}.wal`, `${path}.tmp`]) rmSync(p, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// The three contenders
// ---------------------------------------------------------------------------------------------

interface ToolResult {
  readonly wallSeconds: number;
  readonly linesPerSecond: number;
  readonly peakRssMiB: number | null;
  readonly userSeconds: number | null;
  readonly systemSeconds: number | null;
  readonly rssMethod: string;
  readonly otherCpuSeconds: number | null;
  readonly busyCpusBefore: number | null;
  /** Wall seconds of every repeat; the fields above are those of the fastest. */
  readonly runs: readonly number[];
}

interface PipelineJson {
  readonly status: string;
  readonly exitCode: number;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly durationMs: number;
  readonly files: readonly {
    readonly file: string;
    readonly entity: string | null;
    readonly action: string;
    readonly rowsRead: number;
    readonly rowsRejected: number;
  }[];
}

interface ProgressEvent {
  readonly t: number;
  readonly line: string;
}

function toolResult(m: Measured, lines: number): ToolResult {
  return {
    wallSeconds: m.wallSeconds,
    linesPerSecond: Math.round(lines / m.wallSeconds),
    peakRssMiB: m.peakRssMiB,
    userSeconds: m.userSeconds,
    systemSeconds: m.systemSeconds,
    rssMethod: m.rssMethod,
    otherCpuSeconds: m.otherCpuSeconds,
    busyCpusBefore: m.busyCpusBefore,
    runs: [m.wallSeconds],
  };
}

/** Runs `once` n times and keeps the fastest, recording every run's wall time. */
async function fastestOf<T extends { readonly result: ToolResult }>(
  n: number,
  once: () => Promise<T>,
): Promise<T> {
  let best: T | null = null;
  const walls: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = await once();
    walls.push(r.result.wallSeconds);
    if (n > 1) log(`    run ${i + 1}/${n}: ${r.result.wallSeconds} s`);
    if (best === null || r.result.wallSeconds < best.result.wallSeconds) best = r;
  }
  if (best === null) throw new Error('fastestOf: no run');
  return { ...best, result: { ...best.result, runs: walls } };
}

function failIfBad(what: string, m: Measured, okCodes: readonly number[] = [0]): void {
  if (!okCodes.includes(m.exitCode)) {
    throw new Error(`${what} exited with code ${m.exitCode}\n${m.stderrTail}`);
  }
}

async function runPipeline(
  shopstat: string,
  landing: string,
  warehouse: string,
  profile: boolean,
  lines: number,
) {
  removeDatabase(warehouse);
  const events: ProgressEvent[] = [];
  const bin = relative(ROOT, join(shopstat, 'bin', 'shopstat.js'));
  const argv = [process.execPath, bin, 'etl', '--landing', landing, '--warehouse', warehouse];
  argv.push('--json', ...(profile ? [] : ['--quiet']));
  log(`  pipeline: ${argv.slice(1).join(' ')}`);
  const samples: RssSample[] = [];
  const m = await measure(
    argv,
    profile ? (line, t) => events.push({ t, line }) : undefined,
    profile ? samples : undefined,
  );
  // Exit code 2 (a rejected file) still builds gold; the demo data has none.
  failIfBad('the pipeline', m, [0, 2]);
  const json = JSON.parse(m.stdout) as PipelineJson;
  return { measured: m, result: toolResult(m, lines), json, events, samples };
}

interface DecomposeRun {
  readonly by: string;
  readonly from: string;
  readonly to: string;
  readonly wallSeconds: number;
  readonly peakRssMiB: number | null;
  readonly segments: number;
  readonly command: string;
}

/**
 * Times `shopstat decompose` (a child process, start-up included) on the pipeline's warehouse:
 * the last month with orders against the one before, by channel x country and category x country.
 */
async function runDecompose(shopstat: string, warehouse: string): Promise<DecomposeRun[]> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: 'READ_ONLY' });
  const c = await instance.connect();
  const last = await rows(
    c,
    `select strftime(max(order_month), '%Y-%m') as to_month,
            strftime(max(order_month) - interval 1 month, '%Y-%m') as from_month
     from silver.fact_orders`,
  );
  c.closeSync();
  instance.closeSync();
  const to = String(last[0]?.to_month);
  const from = String(last[0]?.from_month);
  const bin = relative(ROOT, join(shopstat, 'bin', 'shopstat.js'));
  const out: DecomposeRun[] = [];
  for (const by of ['channel,country', 'category,country']) {
    const argv = [process.execPath, bin, 'decompose', '--warehouse', warehouse, '--from', from, '--to', to];
    argv.push('--by', by, '--json');
    log(`  decompose: ${argv.slice(1).join(' ')}`);
    const m = await measure(argv);
    failIfBad('shopstat decompose', m);
    const json = JSON.parse(m.stdout) as { segments?: { segments?: unknown[] } | null };
    out.push({
      by,
      from,
      to,
      wallSeconds: m.wallSeconds,
      peakRssMiB: m.peakRssMiB,
      segments: json.segments?.segments?.length ?? 0,
      command: `node ${argv.slice(1).join(' ')}`,
    });
    log(`    ${m.wallSeconds} s, peak RSS ${fmtMaybe(m.peakRssMiB)} MiB`);
  }
  return out;
}

interface SqlJson {
  readonly duckdb: string;
  readonly steps: readonly { readonly step: string; readonly ms: number }[];
  readonly totalMs: number;
}

async function runHandwritten(landing: string, db: string, lines: number) {
  const argv = [process.execPath, '--import', 'tsx', 'bench/run-sql.ts', '--script', 'bench/handwritten.sql'];
  argv.push('--landing', landing, '--db', db);
  log(`  handwritten SQL: ${argv.slice(1).join(' ')}`);
  const m = await measure(argv);
  failIfBad('bench/run-sql.ts', m);
  return { result: toolResult(m, lines), json: JSON.parse(m.stdout) as SqlJson };
}

interface PandasMonth {
  readonly month: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue: string;
  readonly active_customers: number;
  readonly new_customers: number;
  readonly cancelled_orders: number;
  readonly lost_revenue: string;
}

interface PandasJson {
  readonly pandas: string;
  readonly python: string;
  readonly timings: Readonly<Record<string, number>>;
  readonly rows: Readonly<Record<string, number>>;
  readonly monthly: readonly PandasMonth[];
}

function pandasAvailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} does not exist`;
  const r = spawnSync(PYTHON, ['-c', 'import pandas, numpy; print(pandas.__version__)'], {
    encoding: 'utf8',
  });
  return r.status === 0 ? null : `${PYTHON} cannot import pandas (apt-get install -y python3-pandas)`;
}

async function runPandas(landing: string, lines: number) {
  const argv = [PYTHON, 'bench/pandas_gold.py', '--landing', landing];
  log(`  pandas: ${argv.join(' ')}`);
  const m = await measure(argv);
  failIfBad('bench/pandas_gold.py', m);
  return { result: toolResult(m, lines), json: JSON.parse(m.stdout) as PandasJson };
}

// ---------------------------------------------------------------------------------------------
// Cross-check of the gold tables
// ---------------------------------------------------------------------------------------------

/** Gold columns (docs/contract-notes.md); doubles are compared rounded. */
const GOLD: Readonly<Record<string, readonly string[]>> = {
  daily_sales: [
    'date',
    'channel',
    'country',
    'orders',
    'units',
    'revenue',
    'customers',
    'cancelled_orders',
    'lost_revenue',
  ],
  monthly_kpis: [
    'month',
    'orders',
    'units',
    'revenue',
    'aov:double',
    'active_customers',
    'new_customers',
    'cancelled_orders',
    'cancellation_rate:double',
    'lost_revenue',
  ],
  revenue_by: ['dimension', 'member', 'orders', 'units', 'revenue', 'revenue_share:double'],
  cancellations_by: [
    'dimension',
    'member',
    'orders',
    'cancelled_orders',
    'cancellation_rate:double',
    'lost_revenue',
  ],
  monthly_by: [
    'month',
    'dimension',
    'member',
    'orders',
    'units',
    'revenue',
    'customers',
    'cancelled_orders',
    'lost_revenue',
  ],
  customer_monthly_spend: ['customer_id', 'month', 'orders', 'revenue'],
  conversion_funnel: [
    'product_id',
    'views',
    'addtocarts',
    'purchases',
    'view_to_cart_rate:double',
    'cart_to_purchase_rate:double',
  ],
};

const MONTH_COLUMNS = [
  'orders',
  'units',
  'revenue',
  'active_customers',
  'new_customers',
  'cancelled_orders',
  'lost_revenue',
] as const;

type MonthRow = Record<string, string>;

interface CrossCheck {
  readonly ok: boolean;
  readonly tables: Readonly<
    Record<string, { rowsPipeline: number; rowsSql: number; onlyPipeline: number; onlySql: number }>
  >;
  readonly monthly: { readonly months: number; readonly mismatches: readonly string[] };
  readonly pandas: { readonly ok: boolean; readonly mismatches: readonly string[] } | null;
  readonly mismatches: readonly string[];
}

async function rows(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

function sqlLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Per-month totals of monthly_kpis and of daily_sales summed per month, as exact text. */
function monthlySql(db: string): string {
  const m = MONTH_COLUMNS.map((c) => `cast(k.${c} as varchar) as ${c}`).join(', ');
  return `select cast(k.month as varchar) as month, ${m},
            cast(d.revenue as varchar) as daily_revenue, cast(d.orders as varchar) as daily_orders,
            cast(d.lost_revenue as varchar) as daily_lost_revenue,
            cast(d.cancelled_orders as varchar) as daily_cancelled_orders
          from (select month, ${MONTH_COLUMNS.map((c) => (c.endsWith('revenue') ? `cast(${c} as decimal(38, 4)) as ${c}` : c)).join(', ')}
                from ${db}.gold.monthly_kpis) k
          full join (select cast(date_trunc('month', date) as date) as month,
                       cast(sum(revenue) as decimal(38, 4)) as revenue, sum(orders) as orders,
                       cast(sum(lost_revenue) as decimal(38, 4)) as lost_revenue, sum(cancelled_orders) as cancelled_orders
                     from ${db}.gold.daily_sales group by 1) d on d.month = k.month
          order by 1`;
}

async function crossCheck(pipelineDb: string, sqlDb: string, pandas: PandasJson | null): Promise<CrossCheck> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '1GB' });
  const c = await instance.connect();
  try {
    await c.run(`attach ${sqlLiteral(pipelineDb)} as p (read_only)`);
    await c.run(`attach ${sqlLiteral(sqlDb)} as s (read_only)`);
    const mismatches: string[] = [];
    const tables: Record<
      string,
      { rowsPipeline: number; rowsSql: number; onlyPipeline: number; onlySql: number }
    > = {};
    for (const [table, cols] of Object.entries(GOLD)) {
      const list = cols
        .map((col) => {
          const [name, kind] = col.split(':');
          return kind === 'double' ? `round(${name}, 9) as ${name}` : (name as string);
        })
        .join(', ');
      const [r] = await rows(
        c,
        `select (select count(*) from p.gold.${table}) as rows_pipeline,
                (select count(*) from s.gold.${table}) as rows_sql,
                (select count(*) from (select ${list} from p.gold.${table} except all select ${list} from s.gold.${table})) as only_pipeline,
                (select count(*) from (select ${list} from s.gold.${table} except all select ${list} from p.gold.${table})) as only_sql`,
      );
      const t = {
        rowsPipeline: Number(r?.rows_pipeline),
        rowsSql: Number(r?.rows_sql),
        onlyPipeline: Number(r?.only_pipeline),
        onlySql: Number(r?.only_sql),
      };
      tables[table] = t;
      if (t.onlyPipeline > 0 || t.onlySql > 0) {
        mismatches.push(
          `handwritten SQL vs pipeline: gold.${table}: ${t.onlyPipeline} of ${t.rowsPipeline} pipeline rows and ${t.onlySql} of ${t.rowsSql} SQL rows have no equal row on the other side`,
        );
      }
    }
    const pm = (await rows(c, monthlySql('p'))) as MonthRow[];
    const sm = (await rows(c, monthlySql('s'))) as MonthRow[];
    const monthMismatches: string[] = [];
    const byMonth = new Map(sm.map((r) => [r.month, r]));
    for (const r of pm) {
      const other = byMonth.get(r.month as string);
      const daily = ['revenue', 'orders', 'lost_revenue', 'cancelled_orders'];
      for (const [k, v] of Object.entries(r)) {
        if (other?.[k] !== v) {
          monthMismatches.push(
            `month ${r.month} ${k}: pipeline ${v}, handwritten SQL ${other?.[k] ?? 'missing'}`,
          );
        }
      }
      for (const k of daily) {
        if (r[k] !== r[`daily_${k}`]) {
          monthMismatches.push(
            `month ${r.month}: pipeline monthly_kpis.${k} ${r[k]} != sum of daily_sales.${k} ${r[`daily_${k}`]}`,
          );
        }
      }
    }
    if (sm.length !== pm.length)
      monthMismatches.push(`months: pipeline ${pm.length}, handwritten SQL ${sm.length}`);
    mismatches.push(...monthMismatches.map((m) => `monthly totals: ${m}`));
    let pandasCheck: CrossCheck['pandas'] = null;
    if (pandas !== null) {
      const pandasMismatches: string[] = [];
      const pandasByMonth = new Map(pandas.monthly.map((r) => [r.month, r]));
      for (const r of pm) {
        const other = pandasByMonth.get(r.month as string);
        for (const k of MONTH_COLUMNS) {
          const theirs = other === undefined ? 'missing' : String(other[k]);
          if (theirs !== r[k]) {
            pandasMismatches.push(`month ${r.month} ${k}: pipeline ${r[k]}, pandas ${theirs}`);
          }
        }
      }
      if (pandas.monthly.length !== pm.length) {
        pandasMismatches.push(`months: pipeline ${pm.length}, pandas ${pandas.monthly.length}`);
      }
      for (const [table, n] of Object.entries(pandas.rows)) {
        const mine = tables[table]?.rowsPipeline;
        if (mine !== undefined && mine !== n) {
          pandasMismatches.push(`gold.${table} rows: pipeline ${mine}, pandas ${n}`);
        }
      }
      pandasCheck = { ok: pandasMismatches.length === 0, mismatches: pandasMismatches };
      mismatches.push(...pandasMismatches.map((m) => `pandas vs pipeline: ${m}`));
    }
    return {
      ok: mismatches.length === 0,
      tables,
      monthly: { months: pm.length, mismatches: monthMismatches },
      pandas: pandasCheck,
      mismatches,
    };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

// ---------------------------------------------------------------------------------------------
// Profile of a pipeline run (from its progress lines on stderr, timed as they arrive)
// ---------------------------------------------------------------------------------------------

interface Phase {
  readonly phase: string;
  readonly seconds: number;
  /** Highest VmRSS sampled (every 200 ms) during the phase. */
  readonly peakRssMiB: number | null;
}

interface Profile {
  /**
   * Wall time and peak RSS per phase (see phases.ts), from the progress lines on stderr timed as
   * they arrive: start-up, file scans (sha256 and record count), loads per entity (read_csv,
   * validation, bronze, quarantine, ledger, commit), each model (with the checks that run after
   * it), and the tail after the last model started (the last checks, commit, checkpoint, exit).
   */
  readonly phases: readonly Phase[];
  /** Each data-quality check's query re-run on the finished warehouse, read-only (an estimate). */
  readonly checks: readonly { readonly check: string; readonly seconds: number }[];
  /** meta.runs.duration_ms of the run (in-process, without Node start-up). */
  readonly runDurationSeconds: number | null;
}

const FILE_LINE = /^\[(\d+)\/(\d+)\] (\w+) (.+) \((\w+)\)$/;
const LOADED_LINE = /^\s+[\d,]+ rows read, [\d,]+ quarantined, [\d.]+ s$/;
const MODEL_LINE = /^\s+building (\w+\.\w+)$/;

async function profileRun(
  shopstat: string,
  events: readonly ProgressEvent[],
  samples: readonly RssSample[],
  wallSeconds: number,
  warehouse: string,
): Promise<Profile> {
  // The k-th "rows read" line reports the k-th file announced for loading (files keep their order
  // within an entity's batch, and entities load in order).
  const marks: ProgressMark[] = [];
  const announced: string[] = [];
  let loadedCount = 0;
  for (const e of events) {
    const f = FILE_LINE.exec(e.line);
    if (f !== null) {
      marks.push({ t: e.t, kind: 'file', file: f[4] as string, entity: f[5] as string });
      if (f[3] === 'load' || f[3] === 'reprocess') announced.push(f[4] as string);
    } else if (LOADED_LINE.test(e.line)) {
      marks.push({ t: e.t, kind: 'loaded', file: announced[loadedCount++] ?? '?' });
    } else {
      const m = MODEL_LINE.exec(e.line);
      if (m !== null) marks.push({ t: e.t, kind: 'layer', model: m[1] as string });
    }
  }
  const totals = new Map<string, { ms: number; peak: number }>();
  for (const p of periodsOf(marks, wallSeconds * 1000)) {
    const inPeriod = samples.filter((x) => x.t >= p.start && x.t < p.end).map((x) => x.kib);
    const t = totals.get(p.phase) ?? { ms: 0, peak: 0 };
    t.ms += p.end - p.start;
    t.peak = Math.max(t.peak, ...inPeriod);
    totals.set(p.phase, t);
  }
  const phases = [...totals].map(([phase, t]) => ({
    phase,
    seconds: round(t.ms / 1000, 2),
    peakRssMiB: t.peak > 0 ? round(t.peak / 1024, 0) : null,
  }));
  // The measured checkout's checks, re-run one by one on the finished warehouse, read-only.
  const { CHECKS } = (await import(pathToFileURL(join(shopstat, 'etl', 'checks.ts')).href)) as {
    CHECKS: readonly { readonly name: string; readonly sql: string }[];
  };
  const instance = await DuckDBInstance.create(warehouse, {
    access_mode: 'READ_ONLY',
    threads: '2',
    memory_limit: '1GB',
  });
  const c = await instance.connect();
  const checks: { check: string; seconds: number }[] = [];
  let runDuration: number | null = null;
  try {
    for (const check of CHECKS) {
      const t0 = performance.now();
      try {
        await c.runAndReadAll(check.sql);
        checks.push({ check: check.name, seconds: round((performance.now() - t0) / 1000, 2) });
      } catch (error) {
        log(
          `  profile: check ${JSON.stringify(check.name)} could not be re-run: ${String(error).split('\n')[0]}`,
        );
      }
    }
    const [r] = await rows(c, 'select duration_ms from meta.runs order by run_id desc limit 1');
    runDuration = r?.duration_ms === undefined ? null : round(Number(r.duration_ms) / 1000, 2);
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  return { phases, checks, runDurationSeconds: runDuration };
}

function printProfile(p: Profile, steps: SqlJson['steps']): void {
  const sec = (x: number) => `${x.toFixed(1).padStart(7)} s`;
  console.log('  pipeline phases (progress lines timed on arrival)         wall   peak RSS');
  for (const ph of p.phases) {
    console.log(
      `    ${ph.phase.slice(0, 52).padEnd(52)} ${sec(ph.seconds)} ${fmtMaybe(ph.peakRssMiB).padStart(6)} MiB`,
    );
  }
  const checks = p.checks.reduce((a, x) => a + x.seconds, 0);
  console.log(`    checks alone, re-run on the finished warehouse       ${sec(checks)}`);
  for (const c of [...p.checks].sort((a, b) => b.seconds - a.seconds).slice(0, 4)) {
    console.log(`      ${c.check.slice(0, 50).padEnd(50)} ${sec(c.seconds)}`);
  }
  if (p.runDurationSeconds !== null) {
    console.log(`    meta.runs.duration_ms (in-process total)             ${sec(p.runDurationSeconds)}`);
  }
  console.log('  handwritten SQL steps (>= 0.1 s):');
  for (const step of steps.filter((x) => x.ms >= 100)) {
    console.log(`    ${step.step.slice(0, 52).padEnd(52)} ${sec(step.ms / 1000)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

interface SizeResult {
  /** The size asked for (--lines). */
  readonly requestedLines: number;
  /** The order lines the demo data actually has. */
  readonly lines: number;
  readonly orders: number;
  readonly demo: {
    readonly dir: string;
    readonly reused: boolean;
    readonly files: number;
    readonly bytes: number;
    readonly csvRows: number;
    readonly generatedSeconds: number;
  };
  readonly pipeline: ToolResult & {
    readonly rowsRead: number;
    readonly rowsRejected: number;
    readonly runDurationSeconds: number;
    readonly command: string;
  };
  readonly handwrittenSql: ToolResult & { readonly duckdb: string; readonly steps: SqlJson['steps'] };
  readonly pandas:
    | (ToolResult & { readonly timings: PandasJson['timings'] })
    | { readonly skipped: string }
    | null;
  readonly ratios: { readonly pipelineOverSql: number; readonly pandasOverPipeline: number | null };
  readonly crossCheck: CrossCheck;
  readonly profile: Profile | null;
  readonly decompose: readonly DecomposeRun[];
}

function printTable(results: readonly SizeResult[]): void {
  const header = [
    'order lines',
    'pipeline s',
    'lines/s',
    'RSS MiB',
    'SQL s',
    'lines/s',
    'RSS MiB',
    'pandas s',
    'lines/s',
    'RSS MiB',
    'pipeline÷SQL',
    'pandas÷pipeline',
  ];
  const body = results.map((r) => {
    const p = r.pandas !== null && 'wallSeconds' in r.pandas ? r.pandas : null;
    return [
      fmtInt(r.lines),
      r.pipeline.wallSeconds.toFixed(1),
      fmtInt(r.pipeline.linesPerSecond),
      fmtMaybe(r.pipeline.peakRssMiB),
      r.handwrittenSql.wallSeconds.toFixed(1),
      fmtInt(r.handwrittenSql.linesPerSecond),
      fmtMaybe(r.handwrittenSql.peakRssMiB),
      p === null ? '-' : p.wallSeconds.toFixed(1),
      p === null ? '-' : fmtInt(p.linesPerSecond),
      p === null ? '-' : fmtMaybe(p.peakRssMiB),
      r.ratios.pipelineOverSql.toFixed(2),
      r.ratios.pandasOverPipeline === null ? '-' : r.ratios.pandasOverPipeline.toFixed(2),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
  );
  for (const row of body) console.log(line(row));
}

function verdicts(results: readonly SizeResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const n = fmtInt(r.lines);
    const runs: [string, ToolResult | null][] = [
      ['pipeline', r.pipeline],
      ['handwritten SQL', r.handwrittenSql],
      ['pandas', r.pandas !== null && 'wallSeconds' in r.pandas ? r.pandas : null],
    ];
    for (const [name, t] of runs) {
      // More than a tenth of one CPU used by other processes during the run: the numbers are noisy.
      if (t?.otherCpuSeconds != null && t.otherCpuSeconds > Math.max(0.5, 0.1 * t.wallSeconds)) {
        out.push(
          `NOISE ${n} lines: other processes used ${t.otherCpuSeconds} CPU s during the ${t.wallSeconds} s ${name} run`,
        );
      }
    }
    const speed = r.ratios.pipelineOverSql <= TARGETS.pipelineOverSql ? 'met' : 'MISSED';
    out.push(
      `${n} lines: pipeline ÷ handwritten SQL = ${r.ratios.pipelineOverSql.toFixed(2)} (target <= ${TARGETS.pipelineOverSql}): ${speed}`,
    );
    if (r.ratios.pandasOverPipeline !== null) {
      const v = r.ratios.pandasOverPipeline >= TARGETS.pandasOverPipeline ? 'met' : 'MISSED';
      out.push(
        `${n} lines: pandas ÷ pipeline = ${r.ratios.pandasOverPipeline.toFixed(2)} (target >= ${TARGETS.pandasOverPipeline}): ${v}`,
      );
    }
    for (const d of r.decompose) {
      const v = d.wallSeconds < TARGETS.decomposeSeconds ? 'met' : 'MISSED';
      out.push(
        `${n} lines: shopstat decompose ${d.from} -> ${d.to} by ${d.by} (${d.segments} segments) ${d.wallSeconds} s (target < ${TARGETS.decomposeSeconds}): ${v}`,
      );
    }
    if (r.pipeline.peakRssMiB !== null) {
      const v = r.pipeline.peakRssMiB < TARGETS.peakRssMiB ? 'met' : 'MISSED';
      const at =
        r.lines >= TARGETS.peakRssAtLines
          ? ''
          : ` (the target is set at ${fmtInt(TARGETS.peakRssAtLines)} lines)`;
      out.push(
        `${n} lines: pipeline peak RSS ${r.pipeline.peakRssMiB} MiB (target < ${TARGETS.peakRssMiB}): ${v}${at}`,
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function benchSize(opts: Options, lines: number, pandasSkip: string | null): Promise<SizeResult> {
  const orders = Math.max(1, Math.round(lines / LINES_PER_ORDER));
  log(`\n== ${fmtInt(lines)} order lines (${fmtInt(orders)} orders, seed ${opts.seed})`);
  const demo = await ensureDemo(opts.dataDir, orders, opts.seed, opts.fresh);
  if (demo.reused) log(`  demo data reused from ${demo.dir}`);
  const actualLines = demo.summary.orderLines;
  const work = join(opts.dataDir, `run-orders${orders}`);
  mkdirSync(work, { recursive: true });
  const warehouse = join(work, 'pipeline.duckdb');
  const sqlDb = join(work, 'handwritten.duckdb');

  const pipe = await fastestOf(opts.repeat, () =>
    runPipeline(opts.shopstat, demo.dir, warehouse, opts.profile, actualLines),
  );
  log(
    `    ${pipe.result.wallSeconds} s, peak RSS ${fmtMaybe(pipe.result.peakRssMiB)} MiB, ${pipe.json.status}`,
  );
  const sql = await fastestOf(opts.repeat, () => runHandwritten(demo.dir, sqlDb, actualLines));
  log(`    ${sql.result.wallSeconds} s, peak RSS ${fmtMaybe(sql.result.peakRssMiB)} MiB`);
  let pandas: Awaited<ReturnType<typeof runPandas>> | null = null;
  if (opts.pandas && pandasSkip === null) {
    pandas = await fastestOf(opts.repeat, () => runPandas(demo.dir, actualLines));
    log(`    ${pandas.result.wallSeconds} s, peak RSS ${fmtMaybe(pandas.result.peakRssMiB)} MiB`);
  }
  const check = await crossCheck(warehouse, sqlDb, pandas?.json ?? null);
  const decompose = await runDecompose(opts.shopstat, warehouse);
  const profile = opts.profile
    ? await profileRun(opts.shopstat, pipe.events, pipe.samples, pipe.result.wallSeconds, warehouse)
    : null;
  if (!opts.keep) {
    removeDatabase(warehouse);
    removeDatabase(sqlDb);
  }
  return {
    requestedLines: lines,
    lines: actualLines,
    orders,
    demo: {
      dir: demo.dir,
      reused: demo.reused,
      files: demo.summary.files.length,
      bytes: demo.summary.files.reduce((s, f) => s + f.bytes, 0),
      csvRows: demo.summary.files.reduce((s, f) => s + f.rows, 0),
      generatedSeconds: demo.summary.generatedSeconds,
    },
    pipeline: {
      ...pipe.result,
      rowsRead: pipe.json.rowsRead,
      rowsRejected: pipe.json.rowsRejected,
      runDurationSeconds: round(pipe.json.durationMs / 1000, 2),
      command: `node ${relative(ROOT, join(opts.shopstat, 'bin', 'shopstat.js'))} etl --landing ${demo.dir} --warehouse ${warehouse} --json${opts.profile ? '' : ' --quiet'}`,
    },
    handwrittenSql: { ...sql.result, duckdb: sql.json.duckdb, steps: sql.json.steps },
    pandas:
      pandas !== null
        ? { ...pandas.result, timings: pandas.json.timings }
        : opts.pandas
          ? { skipped: pandasSkip ?? 'not run' }
          : null,
    ratios: {
      pipelineOverSql: round(pipe.result.wallSeconds / sql.result.wallSeconds, 2),
      pandasOverPipeline:
        pandas === null ? null : round(pandas.result.wallSeconds / pipe.result.wallSeconds, 2),
    },
    crossCheck: check,
    profile,
    decompose,
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  if (opts === null) {
    process.stdout.write(HELP);
    return;
  }
  setWaitQuietSeconds(opts.waitQuietSeconds);
  const pandasSkip = opts.pandas ? pandasAvailable() : null;
  if (pandasSkip !== null) log(`SKIPPING pandas: ${pandasSkip}`);
  const results: SizeResult[] = [];
  for (const lines of opts.lines) results.push(await benchSize(opts, lines, pandasSkip));
  const eda =
    opts.edaRows === null
      ? null
      : await benchProfile({
          rows: opts.edaRows,
          seed: opts.seed,
          dataDir: opts.dataDir,
          fresh: opts.fresh,
          pandas: opts.pandas && pandasSkip === null,
          shopstat: opts.shopstat,
        });

  const pandasVersion = spawnSync(PYTHON, ['-c', 'import pandas; print(pandas.__version__)'], {
    encoding: 'utf8',
  }).stdout?.trim();
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-C', opts.shopstat, ...args], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const shopstat = {
    dir: opts.shopstat,
    // A snapshot without .git may name its commit in a .bench-commit file.
    commit:
      git('rev-parse', 'HEAD') ??
      (existsSync(join(opts.shopstat, '.bench-commit'))
        ? readFileSync(join(opts.shopstat, '.bench-commit'), 'utf8').trim()
        : null),
    // Uncommitted changes to the measured code (read-only git query).
    dirty: (git('status', '--porcelain', '--', 'etl', 'src', 'bin') ?? '') !== '',
  };
  const machine = {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    // As reported by the SQL runner's child process (the DuckDB the children ran).
    duckdb: [...new Set(results.map((r) => r.handwrittenSql.duckdb))].join(', ') || (await duckdbVersion()),
    pandas: opts.pandas && pandasSkip === null ? (pandasVersion ?? null) : null,
  };
  console.log(
    `\nshopstat ETL benchmark, ${machine.date}: ${machine.nproc} CPUs (${machine.cpu}), ${machine.memoryGiB} GiB RAM, Node ${machine.node}, DuckDB ${machine.duckdb}${machine.pandas ? `, pandas ${machine.pandas}` : ''}`,
  );
  console.log(
    `shopstat measured: ${shopstat.dir}${shopstat.commit ? ` at ${shopstat.commit.slice(0, 7)}${shopstat.dirty ? ' with uncommitted changes in etl/, src/ or bin/' : ''}` : ''}`,
  );
  console.log('wall s = child process wall time (start-up included); RSS = peak resident set of the child\n');
  if (results.length > 0) printTable(results);
  console.log('');
  for (const v of verdicts(results)) console.log(v);
  for (const r of results) {
    const c = r.crossCheck;
    if (c.ok) {
      console.log(
        `${fmtInt(r.lines)} lines: cross-check OK: the ${Object.keys(GOLD).length} gold tables of pipeline and handwritten SQL are equal; monthly totals agree${c.pandas ? ' (pandas too)' : ''}`,
      );
    }
    for (const m of c.mismatches) console.log(`MISMATCH ${fmtInt(r.lines)} lines: ${m}`);
    if (r.pandas !== null && 'skipped' in r.pandas) console.log(`pandas skipped: ${r.pandas.skipped}`);
    if (r.profile !== null) {
      console.log(`\n${fmtInt(r.lines)} lines:`);
      printProfile(r.profile, r.handwrittenSql.steps);
    }
  }
  const anova =
    opts.anovaRows === null
      ? null
      : await benchAnova({
          rows: opts.anovaRows,
          seed: opts.seed,
          dataDir: opts.dataDir,
          fresh: opts.fresh,
          python: opts.pandas && pandasSkip === null,
          shopstat: opts.shopstat,
        });
  const features =
    opts.featuresRows === null
      ? null
      : await benchFeatures({
          rows: opts.featuresRows,
          seed: opts.seed,
          dataDir: opts.dataDir,
          fresh: opts.fresh,
          python: opts.pandas && pandasSkip === null,
          shopstat: opts.shopstat,
        });
  const reportBench =
    opts.reportLines === null
      ? null
      : await benchReport({
          lines: opts.reportLines,
          seed: opts.seed,
          dataDir: opts.dataDir,
          fresh: opts.fresh,
          shopstat: opts.shopstat,
        });
  if (eda !== null) {
    console.log('');
    for (const v of edaVerdicts(eda)) console.log(v);
  }
  if (reportBench !== null) {
    console.log('');
    for (const v of reportVerdicts([reportBench])) console.log(v);
  }
  if (features !== null) {
    console.log('');
    for (const v of featuresVerdicts(features)) console.log(v);
  }
  if (anova !== null) {
    console.log('');
    for (const v of anovaVerdicts(anova)) console.log(v);
  }
  const report = {
    kind: 'shopstat-etl-bench',
    machine,
    shopstat,
    targets: { ...TARGETS, profile: EDA_TARGETS },
    options: opts,
    results,
    profile: eda,
    anova,
    features,
    report: reportBench,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  for (const r of results) {
    const perSize = join(dirname(opts.out), `lines-${r.requestedLines}.json`);
    writeFileSync(perSize, `${JSON.stringify({ ...report, results: [r] }, null, 2)}\n`);
  }
  console.log(`\nresults written to ${relative(process.cwd(), opts.out) || opts.out}`);
  if (
    results.some((r) => !r.crossCheck.ok) ||
    eda?.crossCheck?.ok === false ||
    anova?.crossCheck?.ok === false
  )
    process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The DuckDB version of the client library (when no SQL child process reported one). */
async function duckdbVersion(): Promise<string> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  const v = String((await rows(c, 'select version() as v'))[0]?.v ?? 'unknown');
  c.closeSync();
  instance.closeSync();
  return v;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function fmtMaybe(n: number | null): string {
  return n === null ? '?' : fmtInt(n);
}

await main();
