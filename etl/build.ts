import {
  bigintList,
  qualifiedName,
  quoteIdentifier,
  varcharList,
  type Warehouse,
} from '../src/warehouse/index.ts';
import { CHECKS, type CheckResult, runChecks } from './checks.ts';
import { SCHEMA_VERSION } from './contract.ts';
import { withoutInsertionOrder } from './insertion-order.ts';
import { buildLayer, isView, MODELS, modelSql } from './models.ts';

/** Progress of a build: the model being built. */
export type BuildProgress = (event: { readonly kind: 'layer'; readonly model: string }) => void;

/** Suffix of the silver and gold tables a build writes beside the current ones. */
export const STAGED = '__next';

/**
 * Rebuilds silver and gold when bronze changed since gold was built, the zone changed, or gold
 * was never built (e.g. a crash after loading files).
 *
 * The new tables are built and checked beside the current ones (`silver.fact_orders__next`...),
 * each statement committed on its own, which DuckDB runs markedly faster than one long
 * transaction that reads what it wrote. Only when every error-level check passes are they
 * swapped in, in one short transaction with the check results and `meta.gold_state`. A failed
 * check drops them and leaves the current silver and gold as they were; a crash leaves staged
 * tables that the next build replaces.
 */
export async function rebuildIfNeeded(
  wh: Warehouse,
  runId: number,
  timeZone: string,
  now: () => Date,
  progress: BuildProgress,
): Promise<{ rebuilt: boolean; failed: boolean; checks: CheckResult[]; message: string }> {
  const ledgerVersion = Number(await wh.scalar('select version from meta.ledger_state'));
  const state = await wh.one<{ ledger_version: number; time_zone: string; schema_version: number }>(
    'select ledger_version, time_zone, schema_version from meta.gold_state',
  );
  const current =
    state !== null &&
    Number(state.ledger_version) === ledgerVersion &&
    state.time_zone === timeZone &&
    state.schema_version === SCHEMA_VERSION;
  if (current) return { rebuilt: false, failed: false, checks: [], message: '' };
  const context = {
    timeZone,
    rezone:
      Number(
        await wh.scalar(
          "select count(*) from meta.file_ledger where status = 'loaded' and time_zone <> $tz",
          {
            tz: timeZone,
          },
        ),
      ) > 0,
  };
  const failed = (checks: readonly CheckResult[]) =>
    checks.filter((c) => c.severity === 'error' && !c.passed);
  const fail = async (checks: CheckResult[]) => {
    await dropStaged(wh);
    await recordChecks(wh, runId, checks, now);
    const message = `data-quality checks failed: ${failed(checks)
      .map((c) => `${c.name} (${c.failingRows}${c.detail ? `: ${c.detail}` : ''})`)
      .join('; ')}`;
    return { rebuilt: false, failed: true, checks, message };
  };
  await dropStaged(wh);
  // No model depends on the order rows are stored in (loads do: their staging keeps file order).
  const checks = await withoutInsertionOrder(wh, async () => {
    // Bronze and silver are checked before gold is built (a failure stops there), gold after.
    await buildLayer(wh, 'silver', context, (model) => progress({ kind: 'layer', model }), STAGED);
    const before = await runChecks(
      wh,
      CHECKS.filter((c) => c.layer !== 'gold'),
      STAGED,
    );
    if (failed(before).length > 0) return before;
    await buildLayer(wh, 'gold', context, (model) => progress({ kind: 'layer', model }), STAGED);
    return [
      ...before,
      ...(await runChecks(
        wh,
        CHECKS.filter((c) => c.layer === 'gold'),
        STAGED,
      )),
    ];
  });
  if (failed(checks).length > 0) return await fail(checks);
  await wh.transaction(async () => {
    // Tables take the place of the current ones; views are made again over the new tables.
    for (const layer of ['silver', 'gold'] as const) {
      for (const table of MODELS[layer]) {
        if (isView(layer, table)) continue;
        await wh.run(`drop table if exists ${qualifiedName(layer, table)}`);
        await wh.run(
          `alter table ${qualifiedName(layer, `${table}${STAGED}`)} rename to ${quoteIdentifier(table)}`,
        );
      }
      for (const table of MODELS[layer]) {
        if (!isView(layer, table)) continue;
        await wh.run(`drop view if exists ${qualifiedName(layer, `${table}${STAGED}`)}`);
        await wh.run(modelSql(layer, table, context));
      }
    }
    await recordChecks(wh, runId, checks, now);
    await wh.run('delete from meta.gold_state');
    await wh.run('insert into meta.gold_state values ($run, $at, $v, $tz, $schema)', {
      run: runId,
      at: now().toISOString(),
      v: ledgerVersion,
      tz: timeZone,
      schema: SCHEMA_VERSION,
    });
  });
  return { rebuilt: true, failed: false, checks, message: '' };
}

/** Drops the staged silver and gold tables and views a build left (after a failure or a crash). */
async function dropStaged(wh: Warehouse): Promise<void> {
  const staged = await wh.all<{ schema: string; name: string; kind: string }>(
    `select schema_name as schema, table_name as name, 'table' as kind from duckdb_tables()
       where database_name = current_database() and schema_name in ('silver', 'gold') and ends_with(table_name, $suffix)
     union all
     select schema_name, view_name, 'view' from duckdb_views()
       where database_name = current_database() and schema_name in ('silver', 'gold') and ends_with(view_name, $suffix)`,
    { suffix: STAGED },
  );
  for (const s of staged) {
    await wh.run(`drop ${s.kind === 'view' ? 'view' : 'table'} if exists ${qualifiedName(s.schema, s.name)}`);
  }
}

async function recordChecks(
  wh: Warehouse,
  runId: number,
  checks: readonly CheckResult[],
  now: () => Date,
): Promise<void> {
  if (checks.length === 0) return;
  await wh.run(
    `insert into meta.dq_results select $run, unnest($layer::VARCHAR[]), unnest($name::VARCHAR[]),
       unnest($severity::VARCHAR[]), unnest($passed::VARCHAR[])::BOOLEAN, unnest($failing::BIGINT[]),
       unnest($detail::VARCHAR[]), $at::TIMESTAMPTZ`,
    {
      run: runId,
      layer: varcharList(checks.map((c) => c.layer)),
      name: varcharList(checks.map((c) => c.name)),
      severity: varcharList(checks.map((c) => c.severity)),
      passed: varcharList(checks.map((c) => String(c.passed))),
      failing: bigintList(checks.map((c) => c.failingRows)),
      detail: varcharList(checks.map((c) => c.detail)),
      at: now().toISOString(),
    },
  );
}
