import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureGeneratedTable } from './generated-table.ts';
import { measure } from './measure.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
export const ANOVA_TARGETS = { seconds: 2.5, atRows: 10_000_000 };

export interface AnovaBenchOptions {
  readonly rows: number;
  readonly seed: number;
  readonly dataDir: string;
  readonly fresh: boolean;
  readonly python: boolean;
  readonly shopstat: string;
}

export interface AnovaBenchResult {
  readonly rows: number;
  readonly database: string;
  readonly shopstat: { wallSeconds: number; peakRssMiB: number | null; command: string };
  readonly python:
    | { readSeconds: number; suiteSeconds: number; peakRssMiB: number | null }
    | { skipped: string }
    | null;
  readonly crossCheck: { readonly ok: boolean; readonly mismatches: readonly string[] } | null;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** The benchmark table: group k (0..7) has mean 50 + 3k and a spread growing with k, in cents. */
function ensureTable(o: AnovaBenchOptions) {
  return ensureGeneratedTable({
    base: join(o.dataDir, `anova-rows${o.rows}-seed${o.seed}`),
    table: 'sales',
    createSql: `create table sales as
    select 'g' || (hash(i, ${o.seed}) % 8) as grp,
           cast(50 + 3 * (hash(i, ${o.seed}) % 8) + (1 + (hash(i, ${o.seed}) % 8) / 4.0)
                * ((hash(i, ${o.seed + 1}) % 100000) / 100000.0 - 0.5) * 40 as decimal(18, 2)) as revenue
    from range(${o.rows}) t(i)`,
    csv: o.python,
    fresh: o.fresh,
  });
}

interface ShopstatJson {
  tests: Record<string, { f?: number | null; h?: number | null; k2?: number | null } | undefined>;
}

/** Runs the ANOVA benchmark for one size. */
export async function benchAnova(o: AnovaBenchOptions): Promise<AnovaBenchResult> {
  log(`\n== anova: ${o.rows.toLocaleString('en-US')} rows in 8 groups (seed ${o.seed})`);
  const t = await ensureTable(o);
  const bin = relative(ROOT, join(o.shopstat, 'bin', 'shopstat.js'));
  const argv = [
    process.execPath,
    bin,
    'anova',
    '--warehouse',
    t.db,
    '--table',
    'sales',
    '--value',
    'revenue',
  ];
  argv.push('--group', 'grp', '--test', 'all', '--posthoc', 'tukey,games-howell', '--json');
  log(`  shopstat: ${argv.slice(1).join(' ')}`);
  const m = await measure(argv);
  if (m.exitCode !== 0) throw new Error(`shopstat anova failed (exit ${m.exitCode}):\n${m.stderrTail}`);
  log(`    ${m.wallSeconds} s, peak RSS ${m.peakRssMiB ?? '?'} MiB`);
  const mine = JSON.parse(m.stdout) as ShopstatJson;
  let python: AnovaBenchResult['python'] = null;
  let check: AnovaBenchResult['crossCheck'] = null;
  if (o.python) {
    const pargv = [PYTHON, 'bench/scipy_anova.py', '--csv', t.csv];
    log(`  scipy: ${pargv.join(' ')}`);
    const pm = await measure(pargv);
    if (pm.exitCode !== 0)
      python = { skipped: `scipy_anova.py exited ${pm.exitCode}: ${pm.stderrTail.split('\n').pop()}` };
    else {
      const pj = JSON.parse(pm.stdout) as Record<string, { f?: number; h?: number; k2?: number }> & {
        timings: { readSeconds: number; suiteSeconds: number };
      };
      python = { ...pj.timings, peakRssMiB: pm.peakRssMiB };
      log(`    read ${pj.timings.readSeconds} s, suite ${pj.timings.suiteSeconds} s`);
      const mismatches: string[] = [];
      for (const name of [
        'oneway',
        'welch',
        'brownForsytheMeans',
        'kruskal',
        'levene',
        'brownForsythe',
        'bartlett',
      ]) {
        const a = mine.tests[name];
        const b = pj[name];
        const x = a?.f ?? a?.h ?? a?.k2 ?? null;
        const y = b?.f ?? b?.h ?? b?.k2 ?? null;
        if (x === null || y === null || Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(y))) {
          mismatches.push(`${name}: ${x} vs scipy ${y}`);
        }
      }
      check = { ok: mismatches.length === 0, mismatches };
    }
  }
  return {
    rows: o.rows,
    database: t.db,
    shopstat: {
      wallSeconds: m.wallSeconds,
      peakRssMiB: m.peakRssMiB,
      command: `node ${argv.slice(1).join(' ')}`,
    },
    python,
    crossCheck: check,
  };
}

/** Lines of the verdict. */
export function anovaVerdicts(r: AnovaBenchResult): string[] {
  const n = r.rows.toLocaleString('en-US');
  const out = [
    `anova ${n} rows, 8 groups, the one-way suite: shopstat ${r.shopstat.wallSeconds} s (target < ${ANOVA_TARGETS.seconds} s at ${ANOVA_TARGETS.atRows.toLocaleString('en-US')} rows): ${r.shopstat.wallSeconds < ANOVA_TARGETS.seconds ? 'met' : 'MISSED'}`,
  ];
  if (r.python !== null && 'suiteSeconds' in r.python) {
    out.push(
      `anova ${n} rows: scipy + statsmodels ${r.python.suiteSeconds} s on data in memory (+ ${r.python.readSeconds} s reading the CSV)`,
    );
  } else if (r.python !== null) out.push(`anova: scipy skipped: ${r.python.skipped}`);
  if (r.crossCheck !== null) {
    out.push(
      r.crossCheck.ok
        ? `anova ${n} rows: cross-check OK: every statistic agrees with scipy / statsmodels to 1e-6`
        : `MISMATCH anova ${n} rows: ${r.crossCheck.mismatches.join('; ')}`,
    );
  }
  return out;
}
