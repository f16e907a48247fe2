import { DataQualityError } from '../src/errors.ts';
import { bigintList, varcharList, type Warehouse } from '../src/warehouse/index.ts';
import { CHECKS, type CheckResult, runChecks } from './checks.ts';
import { SCHEMA_VERSION } from './contract.ts';
import { buildLayer } from './models.ts';

/** Progress of a build: the model being built. */
export type BuildProgress = (event: { readonly kind: 'layer'; readonly model: string }) => void;

/**
 * Rebuilds silver and gold when bronze changed since gold was built, the zone changed, or gold
 * was never built (e.g. a crash after loading files). All in one transaction with the checks;
 * an error-level failure rolls it back, then records the check results.
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
  let checks: CheckResult[] = [];
  try {
    await wh.transaction(async () => {
      const failIfErrors = () => {
        const failed = checks.filter((c) => c.severity === 'error' && !c.passed);
        if (failed.length === 0) return;
        throw new DataQualityError(
          `data-quality checks failed: ${failed.map((c) => `${c.name} (${c.failingRows}${c.detail ? `: ${c.detail}` : ''})`).join('; ')}`,
          failed.map((c) => c.name),
        );
      };
      // Bronze and silver are checked before gold is built, gold after.
      const context = {
        timeZone,
        rezone:
          Number(
            await wh.scalar(
              "select count(*) from meta.file_ledger where status = 'loaded' and time_zone <> $tz",
              { tz: timeZone },
            ),
          ) > 0,
      };
      await buildLayer(wh, 'silver', context, (model) => progress({ kind: 'layer', model }));
      checks = await runChecks(
        wh,
        CHECKS.filter((c) => c.layer !== 'gold'),
      );
      failIfErrors();
      await buildLayer(wh, 'gold', context, (model) => progress({ kind: 'layer', model }));
      checks = [
        ...checks,
        ...(await runChecks(
          wh,
          CHECKS.filter((c) => c.layer === 'gold'),
        )),
      ];
      failIfErrors();
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
  } catch (error) {
    if (!(error instanceof DataQualityError)) throw error;
    await recordChecks(wh, runId, checks, now);
    return { rebuilt: false, failed: true, checks, message: error.message };
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
