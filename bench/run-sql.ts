/**
 * Runs a hand-written SQL script (`bench/handwritten.sql`) on a fresh DuckDB file with the
 * pipeline's settings (memory_limit 1GB, threads 2, preserve_insertion_order, spill directory
 * `<db>.tmp`, TimeZone UTC), `{{landing}}` replaced with the landing folder. Prints one JSON
 * object on stdout: the time of every statement and the total.
 *
 *   node --import tsx bench/run-sql.ts --script bench/handwritten.sql --landing DIR --db FILE
 *     [--memory-limit 1GB] [--threads 2]
 *
 * It talks to @duckdb/node-api directly (not through src/warehouse) so the yardstick shares no
 * code with the pipeline it measures.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

/** Labels of the statements of a script, in order: `create table gold.x`, `set TimeZone`, ... */
export function statementLabels(sql: string): string[] {
  const withoutComments = sql.replace(/--[^\n]*/g, '');
  const labels: string[] = [];
  for (const statement of withoutComments.split(/;\s*(?:\n|$)/)) {
    const text = statement.trim().replace(/\s+/g, ' ');
    if (text === '') continue;
    const m =
      /^(create (?:or replace )?(?:temp |temporary )?(?:table|macro|schema|view) [\w."]+|\w+ \w+)/i.exec(
        text,
      );
    labels.push((m?.[1] ?? text.slice(0, 40)).toLowerCase());
  }
  return labels;
}

/** A SQL string literal. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      script: { type: 'string' },
      landing: { type: 'string' },
      db: { type: 'string' },
      'memory-limit': { type: 'string', default: '1GB' },
      threads: { type: 'string', default: '2' },
    },
  });
  if (values.script === undefined || values.landing === undefined || values.db === undefined) {
    throw new Error(
      'usage: run-sql.ts --script FILE --landing DIR --db FILE [--memory-limit 1GB] [--threads 2]',
    );
  }
  const db = resolve(values.db);
  for (const p of [db, `${db}.wal`, `${db}.tmp`])
    if (existsSync(p)) rmSync(p, { recursive: true, force: true });
  // The placeholder sits inside a quoted path: substitute the literal's body.
  const landing = literal(resolve(values.landing)).slice(1, -1);
  const sql = readFileSync(values.script, 'utf8').replaceAll('{{landing}}', landing);
  const started = performance.now();
  const instance = await DuckDBInstance.create(db, {
    memory_limit: values['memory-limit'],
    threads: values.threads,
    preserve_insertion_order: 'true',
    temp_directory: `${db}.tmp`,
  });
  const connection = await instance.connect();
  await connection.run("set TimeZone = 'UTC'");
  const version = (await connection.runAndReadAll('select version() as v')).getRowObjectsJson()[0]?.v;
  const extracted = await connection.extractStatements(sql);
  const labels = statementLabels(sql);
  const names = labels.length === extracted.count ? labels : labels.map((_, i) => `statement ${i + 1}`);
  const steps: { step: string; ms: number }[] = [];
  for (let i = 0; i < extracted.count; i++) {
    const t0 = performance.now();
    const step = names[i] ?? `statement ${i + 1}`;
    try {
      // Destroyed at once: a prepared statement keeps its plan's state (a finished statement's
      // hash tables, 340-450 MB here) until it is garbage-collected, out of the 1GB.
      const prepared = await extracted.prepare(i);
      try {
        await prepared.run();
      } finally {
        prepared.destroySync();
      }
    } catch (error) {
      // Name the statement that failed, after the ones that ran.
      process.stderr.write(`run-sql: ${step} failed after ${JSON.stringify(steps)}\n`);
      throw error;
    }
    steps.push({ step, ms: Math.round(performance.now() - t0) });
  }
  const t0 = performance.now();
  await connection.run('checkpoint');
  steps.push({ step: 'checkpoint', ms: Math.round(performance.now() - t0) });
  connection.closeSync();
  instance.closeSync();
  rmSync(`${db}.tmp`, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({ kind: 'run-sql', duckdb: version, db, steps, totalMs: Math.round(performance.now() - started) })}\n`,
  );
}

await main();
