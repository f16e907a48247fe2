/**
 * The report benchmark of the monthly-review issue, run by `npm run bench -- --report LINES`:
 * the demo (orders = LINES / 2.4, seed 42, 24 months from January 2024) is generated and loaded
 * into a warehouse once (both cached under the data dir), then `shopstat report --warehouse W
 * --out DIR --json` reviews its last complete month as a child process (start-up, model, charts,
 * the HTML page and the workbook with its pivot tables included). Target: under 30 s at 10M lines
 * on 2 cores. The result names the phases the command reported and the files' sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../etl/demo/index.ts';
import { measure } from './measure.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPORT_TARGETS = { seconds: 30, atLines: 10_000_000 };
const LINES_PER_ORDER = 2.4;

export interface ReportBenchOptions {
  readonly lines: number;
  readonly seed: number;
  readonly dataDir: string;
  readonly fresh: boolean;
  readonly shopstat: string;
}

export interface ReportBenchResult {
  readonly lines: number;
  readonly orders: number;
  readonly month: string;
  readonly shopstat: { wallSeconds: number; peakRssMiB: number | null; command: string };
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly bytes: Readonly<Record<string, number>>;
  readonly pivots: readonly string[];
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The 24-month demo warehouse of this size, generated and loaded once. */
async function ensureWarehouse(o: ReportBenchOptions): Promise<{ warehouse: string; orders: number }> {
  const orders = Math.round(o.lines / LINES_PER_ORDER);
  const base = join(o.dataDir, `report-orders${orders}-seed${o.seed}`);
  const landing = `${base}-landing`;
  const warehouse = `${base}.duckdb`;
  if (o.fresh) {
    rmSync(landing, { recursive: true, force: true });
    rmSync(warehouse, { force: true });
  }
  if (!existsSync(landing) || readdirSync(landing).length === 0) {
    log(`  generating the 24-month demo (${orders.toLocaleString('en-US')} orders) in ${landing}`);
    mkdirSync(landing, { recursive: true });
    await generateDemo({ outDir: landing, orders, seed: o.seed, startDate: '2024-01-01', months: 24 });
    rmSync(warehouse, { force: true });
  }
  if (!existsSync(warehouse)) {
    log(`  loading it into ${warehouse}`);
    const etl = spawnSync(
      process.execPath,
      [
        join(o.shopstat, 'bin', 'shopstat.js'),
        'etl',
        '--landing',
        landing,
        '--warehouse',
        warehouse,
        '--quiet',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    if (etl.status !== 0 && etl.status !== 2) throw new Error(`shopstat etl failed (exit ${etl.status})`);
  }
  return { warehouse, orders };
}

/** Runs the report benchmark for one size. */
export async function benchReport(o: ReportBenchOptions): Promise<ReportBenchResult> {
  log(`\n== report: ${o.lines.toLocaleString('en-US')} order lines, 24 months (seed ${o.seed})`);
  const { warehouse, orders } = await ensureWarehouse(o);
  const out = join(o.dataDir, `report-lines${o.lines}-out`);
  rmSync(out, { recursive: true, force: true });
  const bin = relative(ROOT, join(o.shopstat, 'bin', 'shopstat.js'));
  const argv = [process.execPath, bin, 'report', '--warehouse', warehouse, '--out', out, '--json'];
  log(`  shopstat: ${argv.slice(1).join(' ')}`);
  const m = await measure(argv);
  if (m.exitCode !== 0) throw new Error(`shopstat report failed (exit ${m.exitCode}):\n${m.stderrTail}`);
  const result = JSON.parse(m.stdout) as {
    month: string;
    timingsMs: Record<string, number>;
    bytes: Record<string, number>;
    pivots: string[];
  };
  log(
    `    ${m.wallSeconds} s, peak RSS ${m.peakRssMiB ?? '?'} MiB; phases ${JSON.stringify(result.timingsMs)}`,
  );
  rmSync(out, { recursive: true, force: true });
  return {
    lines: o.lines,
    orders,
    month: result.month,
    shopstat: {
      wallSeconds: m.wallSeconds,
      peakRssMiB: m.peakRssMiB,
      command: `node ${argv.slice(1).join(' ')}`,
    },
    timingsMs: result.timingsMs,
    bytes: result.bytes,
    pivots: result.pivots,
  };
}

/** Verdict lines of the report benchmark. */
export function reportVerdicts(results: readonly ReportBenchResult[]): string[] {
  return results.map(
    (r) =>
      `report ${r.lines.toLocaleString('en-US')} lines (${r.month}): ${r.shopstat.wallSeconds} s (target < ${REPORT_TARGETS.seconds} s at ${REPORT_TARGETS.atLines.toLocaleString('en-US')}) ${
        r.lines >= REPORT_TARGETS.atLines
          ? r.shopstat.wallSeconds < REPORT_TARGETS.seconds
            ? 'MET'
            : 'MISSED'
          : ''
      }`,
  );
}
