/**
 * Statement-level profile of one full pipeline run, for finding where `npm run bench` spends its
 * time. Runs `runEtl` in this process on a fresh warehouse, with the DuckDB settings of the CLI
 * (memory_limit 1GB, threads 2), and times:
 *
 * - every SQL statement (the Warehouse's one private `execute` door is wrapped at run time; nothing
 *   in etl/ or src/ is changed), grouped by phase (see phases.ts): file scans, the load of each
 *   entity, each model, the checks;
 * - the Node-side time of each phase (its wall time minus its SQL time): e.g. the file scans
 *   (sha256 and record count) and the verbatim-record lookup for quarantined rows.
 *
 *   node --import tsx bench/profile-etl.ts --landing DIR [--warehouse FILE] [--top 30] [--setup SQL]
 *     [--mapping FILE]   (a source mapping, for exports in another layout)
 *     [--shopstat DIR]   (another checkout or snapshot to profile; default this one)
 *     [--dump FILE]      (every statement as a JSON line: phase-free SQL, parameters, ms)
 *
 * The demo landing zones of `npm run bench` are cached under $TMPDIR/shopstat-bench/.
 */
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { runEtl as RunEtl } from '../etl/runner.ts';
import { type ProgressMark, periodAt, periodsOf } from './phases.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Stat {
  phase: string;
  statement: string;
  ms: number;
  count: number;
}

type Exec = (this: unknown, query: { readonly sql: string; readonly params?: unknown }) => Promise<unknown>;

/** A statement's label: its leading comment line (models) or its first words, whitespace collapsed. */
function label(sql: string): string {
  const model = /^--\s*(\w+\.\w+)/.exec(sql);
  if (model?.[1] !== undefined) return `create ${model[1]}`;
  return sql.replace(/\s+/g, ' ').trim().slice(0, 80);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      landing: { type: 'string' },
      warehouse: { type: 'string', default: join(os.tmpdir(), 'shopstat-bench', 'profile.duckdb') },
      top: { type: 'string', default: '30' },
      // A source mapping for landing folders in another layout.
      mapping: { type: 'string' },
      // What-if experiments: SQL run once on the pipeline's connection before its first statement,
      // e.g. --setup "set checkpoint_threshold = '4GB'".
      setup: { type: 'string' },
      shopstat: { type: 'string', default: ROOT },
      dump: { type: 'string' },
    },
  });
  // The measured checkout's modules (one Warehouse class shared by its runner and this wrapper).
  const load = (path: string) => import(pathToFileURL(join(resolve(values.shopstat), path)).href);
  const { runEtl } = (await load('etl/runner.ts')) as { runEtl: typeof RunEtl };
  const { Warehouse } = (await load('src/warehouse/index.ts')) as { Warehouse: { prototype: unknown } };
  const { CHECKS } = (await load('etl/checks.ts')) as { CHECKS: readonly { readonly sql: string }[] };
  if (values.landing === undefined) throw new Error('usage: profile-etl.ts --landing DIR [--warehouse FILE]');
  const warehouse = resolve(values.warehouse);
  for (const p of [warehouse, `${warehouse}.wal`, `${warehouse}.tmp`])
    rmSync(p, { recursive: true, force: true });

  const proto = Warehouse.prototype as unknown as { execute?: Exec };
  const exec = proto.execute;
  if (typeof exec !== 'function')
    throw new Error('profile-etl: Warehouse.prototype.execute not found; update the profiler');
  const checkSql = new Set(CHECKS.map((c) => c.sql));
  // Statements and progress events, timed from the start; phases are assigned afterwards.
  const calls: { t: number; ms: number; sql: string; params?: unknown }[] = [];
  const marks: ProgressMark[] = [];
  let setup = values.setup;
  const started = performance.now();
  proto.execute = async function (this: unknown, query: { readonly sql: string; readonly params?: unknown }) {
    if (setup !== undefined) {
      const extra = setup;
      setup = undefined;
      await exec.call(this, { sql: extra });
    }
    const t0 = performance.now();
    try {
      return await exec.call(this, query);
    } finally {
      calls.push({ t: t0 - started, ms: performance.now() - t0, sql: query.sql, params: query.params });
    }
  };
  const result = await runEtl({
    landing: values.landing,
    warehouse,
    ...(values.mapping === undefined ? {} : { mapping: resolve(values.mapping) }),
    onProgress: (e) => {
      const t = performance.now() - started;
      if (e.kind === 'file' && e.action !== 'skip')
        marks.push({ t, kind: 'file', file: e.file, entity: e.entity });
      else if (e.kind === 'loaded') marks.push({ t, kind: 'loaded', file: e.file });
      else if (e.kind === 'layer') marks.push({ t, kind: 'layer', model: e.model });
    },
  });
  const total = performance.now() - started;
  proto.execute = exec;
  if (values.dump !== undefined) {
    const text = (v: unknown) =>
      JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
    writeFileSync(
      values.dump,
      calls.map((c) => text({ ms: Math.round(c.ms), sql: c.sql, params: c.params })).join('\n'),
    );
  }

  // Wall time per phase; the checks' statements are moved out of the model they follow.
  const periods = periodsOf(marks, total);
  const phaseWall = new Map<string, number>();
  for (const p of periods) phaseWall.set(p.phase, (phaseWall.get(p.phase) ?? 0) + p.end - p.start);
  const stats = new Map<string, Stat>();
  for (const c of calls) {
    let phase = periodAt(periods, c.t)?.phase ?? 'start-up';
    if (checkSql.has(c.sql)) {
      phaseWall.set(phase, (phaseWall.get(phase) ?? 0) - c.ms);
      phaseWall.set('checks', (phaseWall.get('checks') ?? 0) + c.ms);
      phase = 'checks';
    }
    const statement = label(c.sql);
    const key = `${phase}\u0000${statement}`;
    const s = stats.get(key) ?? { phase, statement, ms: 0, count: 0 };
    s.ms += c.ms;
    s.count++;
    stats.set(key, s);
  }

  const sqlByPhase = new Map<string, number>();
  for (const s of stats.values()) sqlByPhase.set(s.phase, (sqlByPhase.get(s.phase) ?? 0) + s.ms);
  const sec = (ms: number) => `${(ms / 1000).toFixed(2).padStart(7)} s`;
  console.log(
    `runEtl ${result.status}: ${(total / 1000).toFixed(2)} s in process, ${result.rowsRead} rows read`,
  );
  console.log(`\n   wall   |   SQL    | Node-side | phase`);
  for (const [p, wall] of [...phaseWall].sort((a, b) => b[1] - a[1])) {
    const sql = sqlByPhase.get(p) ?? 0;
    console.log(`${sec(wall)} | ${sec(sql)} | ${sec(Math.max(0, wall - sql))} | ${p}`);
  }
  const byStatement = new Map<string, { ms: number; count: number }>();
  for (const s of stats.values()) {
    const kind = s.statement.startsWith('create ')
      ? s.statement
      : s.statement.split(' ').slice(0, 3).join(' ');
    const k = `${s.phase.startsWith('load ') ? 'load * ' : ''}${kind}`;
    const agg = byStatement.get(k) ?? { ms: 0, count: 0 };
    agg.ms += s.ms;
    agg.count += s.count;
    byStatement.set(k, agg);
  }
  console.log('\nSQL time by statement kind (loads of all entities together):');
  for (const [k, v] of [...byStatement].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    console.log(`${sec(v.ms)}  x${String(v.count).padStart(3)}  ${k}`);
  }
  console.log(`\ntop ${values.top} statements:`);
  for (const s of [...stats.values()].sort((a, b) => b.ms - a.ms).slice(0, Number(values.top))) {
    console.log(`${sec(s.ms)}  x${String(s.count).padStart(3)}  ${s.phase.padEnd(26)} ${s.statement}`);
  }
}

await main();
