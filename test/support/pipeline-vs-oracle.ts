/**
 * The pipeline and the oracle side by side on one landing case: `runEtl` into a real DuckDB file
 * and {@link ReferenceWarehouse} on the same files, run after run, and every difference between
 * them (file outcomes and row accounting, silver counts, gold tables). Used by
 * test/support/differential.test.ts.
 */
import { gunzipSync } from 'node:zlib';
import type { EtlResult } from '../../etl/runner.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { EtlFixture } from './fixtures.ts';
import type { LandingCase } from './landing-generator.ts';
import { type ReferenceFile, type ReferenceGold, ReferenceWarehouse } from './reference-gold.ts';

/** Ratios may differ by this much, relative: both sides divide the same exact values in doubles. */
const REL = 1e-12;

/** The order in which each gold table is compared, row by row. */
export const GOLD_ORDER: Readonly<Record<keyof ReferenceGold['gold'], string>> = {
  daily_sales: 'date, channel nulls first, country nulls first',
  monthly_kpis: 'month',
  revenue_by: 'dimension, member nulls first',
  cancellations_by: 'dimension, member nulls first',
  customer_monthly_spend: 'customer_id, month',
  monthly_by: 'month, dimension, member nulls first',
  conversion_funnel: 'product_id',
};

/** Deep equality where two numbers may differ by REL relative; differences as `path: ours vs oracle`. */
export function differences(actual: unknown, expected: unknown, path: string, out: string[]): void {
  if (out.length > 20) return;
  if (typeof actual === 'number' && typeof expected === 'number') {
    const scale = Math.max(Math.abs(actual), Math.abs(expected));
    if (actual !== expected && Math.abs(actual - expected) > REL * scale)
      out.push(`${path}: ${actual} vs ${expected}`);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) out.push(`${path}: ${actual.length} rows vs ${expected.length}`);
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      differences(actual[i], expected[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (actual !== null && expected !== null && typeof actual === 'object' && typeof expected === 'object') {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const k of keys) {
      differences(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
      );
    }
    return;
  }
  if (actual !== expected) out.push(`${path}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
}

/** The pipeline's report of the files a run acted on, in the oracle's terms. */
function pipelineFiles(result: EtlResult) {
  const outcome = {
    load: 'loaded',
    reprocess: 'loaded',
    reject: 'rejected',
    changed: 'changed',
    duplicate: 'duplicate',
  } as const;
  // An unchanged file, loaded or rejected before, is not acted on again (the oracle skips both).
  return result.files.flatMap((f) =>
    f.action === 'skip' || f.action === 'unmatched' || f.action === 'rejected_before'
      ? []
      : [
          {
            name: f.file,
            outcome: outcome[f.action],
            fileRejection: f.action === 'reject' ? f.reason : null,
            rowsRead: f.rowsRead,
            accepted: f.rowsAccepted,
            rejectedByReason: f.rejectedByReason,
          },
        ],
  );
}

function oracleFiles(files: readonly ReferenceFile[]) {
  return files.map(({ name, outcome, fileRejection, rowsRead, accepted, rejectedByReason }) => ({
    name,
    outcome,
    fileRejection,
    rowsRead,
    accepted,
    rejectedByReason,
  }));
}

/** File reports keyed by name, so that a difference names its file. */
function byName<T extends { readonly name: string }>(files: readonly T[]): Record<string, Omit<T, 'name'>> {
  return Object.fromEntries(files.map(({ name, ...rest }) => [name, rest]));
}

/** Silver counts and gold tables as the pipeline's warehouse holds them. */
async function pipelineTables(path: string) {
  const wh = await Warehouse.open(path, { readOnly: true });
  try {
    const count = async (table: string) => Number(await wh.scalar(`select count(*) from silver.${table}`));
    const silverCounts = {
      orders: await count('fact_orders'),
      orderItems: await count('fact_order_items'),
      customers: await count('dim_customers'),
      products: await count('dim_products'),
    };
    const tables = await wh.all<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'gold' order by 1",
    );
    const gold: Record<string, unknown> = {};
    for (const { name } of tables) {
      const order = GOLD_ORDER[name as keyof typeof GOLD_ORDER] as string | undefined;
      gold[name] =
        order === undefined
          ? 'a table the oracle does not know'
          : await wh.all(`select * from gold.${name} order by ${order}`);
    }
    return { silverCounts, gold };
  } finally {
    wh.close();
  }
}

/** The case as readable text: every file of every run (gzip shown decompressed, long text cut). */
export function describeCase(c: LandingCase): string {
  const cut = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}... (${s.length} characters)` : s);
  const runs = c.runs.map((files) =>
    Object.fromEntries(
      Object.entries(files).map(([name, bytes]) => [
        name,
        cut((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')),
      ]),
    ),
  );
  return JSON.stringify({ seed: c.seed, timeZone: c.timeZone, maxRejected: c.maxRejected, runs }, null, 1);
}

/** Reasons and outcomes the oracle met, gathered over cases. */
export interface Seen {
  readonly rowReasons: Set<string>;
  readonly fileReasons: Set<string>;
  readonly outcomes: Set<string>;
  /** Gold tables that held rows after some run. */
  readonly goldWithRows: Set<string>;
}

/** Options of {@link compareCase}. */
export interface CompareOptions {
  /** Gathers the reasons the oracle met. */
  readonly seen?: Seen;
  /**
   * Also require every gold table the oracle computes (the contract's list); by default only the
   * tables the pipeline builds are compared, each of which the oracle must know.
   */
  readonly allGold?: boolean;
}

/** Runs a case through both; returns every difference, run by run. */
export async function compareCase(c: LandingCase, options: CompareOptions = {}): Promise<string[]> {
  const { seen } = options;
  const fixture = new EtlFixture();
  const oracle = new ReferenceWarehouse({
    timeZone: c.timeZone,
    ...(c.maxRejected === undefined ? {} : { maxRejected: c.maxRejected }),
  });
  const out: string[] = [];
  try {
    for (const [i, files] of c.runs.entries()) {
      fixture.write(files);
      const result = await fixture.run({
        timeZone: c.timeZone,
        ...(c.maxRejected === undefined ? {} : { maxRejected: c.maxRejected }),
      });
      const referenceFiles = await oracle.run(fixture.landing);
      for (const f of referenceFiles) {
        seen?.outcomes.add(f.outcome);
        if (f.fileRejection !== null) seen?.fileReasons.add(f.fileRejection);
        for (const reason of Object.keys(f.rejectedByReason)) seen?.rowReasons.add(reason);
      }
      const expectedFiles = oracleFiles(referenceFiles);
      if (result.exitCode === 1) out.push(`run ${i + 1}: the pipeline failed: ${result.message}`);
      const ourFiles = pipelineFiles(result);
      differences(
        ourFiles.map((f) => f.name),
        expectedFiles.map((f) => f.name),
        `run ${i + 1} file order`,
        out,
      );
      differences(byName(ourFiles), byName(expectedFiles), `run ${i + 1} files`, out);
      const ours = await pipelineTables(fixture.warehouse);
      const reference = oracle.result();
      const { orphanLines: _, ...silverCounts } = reference.silverCounts;
      differences(ours.silverCounts, silverCounts, `run ${i + 1} silver`, out);
      // Every table the pipeline builds; the contract's tables it lacks only when asked.
      const expected = Object.fromEntries(
        Object.entries(reference.gold).filter(([table]) => options.allGold || table in ours.gold),
      );
      differences(ours.gold, expected, `run ${i + 1} gold`, out);
      for (const [table, rows] of Object.entries(expected))
        if (rows.length > 0) seen?.goldWithRows.add(table);
      if (out.length > 0) break;
    }
  } finally {
    fixture.cleanup();
  }
  return out;
}

/** A case written by hand: one run per element, files as text. */
export function handCase(runs: readonly Readonly<Record<string, string>>[], timeZone = 'UTC'): LandingCase {
  return {
    seed: 0,
    timeZone,
    maxRejected: undefined,
    runs: runs.map((files) => Object.fromEntries(Object.entries(files).map(([n, t]) => [n, Buffer.from(t)]))),
  };
}
