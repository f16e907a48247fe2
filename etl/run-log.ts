import { bigintList, varcharList, type Warehouse } from '../src/warehouse/index.ts';
import { type FileAction, isInputError } from './file-actions.ts';
import type { EtlFileReport } from './run-types.ts';

/**
 * The run log (`meta.runs`, `meta.run_files`): one row per run, opened as `running`, closed with
 * its outcome (or `failed` with the error's message), and one row per landing file it saw.
 */

/** A file's line of the run log: its report, less the rejections by reason (kept in quarantine). */
export type RunFileRow = Omit<EtlFileReport, 'rejectedByReason'>;

/**
 * Opens a run: runs left `running` by a process that died become `interrupted` (a live run
 * would hold the warehouse's lock), then the new run's row is written. Returns its id.
 */
export async function startRun(
  wh: Warehouse,
  run: { startedAt: string; timeZone: string; landing: string },
): Promise<number> {
  return wh.transaction(async () => {
    await wh.run("update meta.runs set status = 'interrupted' where status = 'running'");
    if (Number(await wh.scalar('select count(*) from meta.ledger_state')) === 0) {
      await wh.run('insert into meta.ledger_state values (0)');
    }
    const runId = Number(await wh.scalar('select coalesce(max(run_id), 0) + 1 from meta.runs'));
    await wh.run(
      `insert into meta.runs (run_id, started_at, status, time_zone, landing) values ($id, $at, 'running', $tz, $landing)`,
      { id: runId, at: run.startedAt, tz: run.timeZone, landing: run.landing },
    );
    return runId;
  });
}

/** Writes the run's file lines to `meta.run_files`. */
export async function recordRunFiles(
  wh: Warehouse,
  runId: number,
  files: readonly RunFileRow[],
): Promise<void> {
  if (files.length === 0) return;
  await wh.run(
    `insert into meta.run_files select $run, unnest($file::VARCHAR[]), unnest($entity::VARCHAR[]),
       unnest($action::VARCHAR[]), unnest($reason::VARCHAR[]), unnest($detail::VARCHAR[]), unnest($read::BIGINT[]),
       unnest($acc::BIGINT[]), unnest($rej::BIGINT[]), unnest($ms::BIGINT[])`,
    {
      run: runId,
      file: varcharList(files.map((f) => f.file)),
      entity: varcharList(files.map((f) => f.entity)),
      action: varcharList(files.map((f) => f.action)),
      reason: varcharList(files.map((f) => f.reason)),
      detail: varcharList(files.map((f) => f.detail)),
      read: bigintList(files.map((f) => f.rowsRead)),
      acc: bigintList(files.map((f) => f.rowsAccepted)),
      rej: bigintList(files.map((f) => f.rowsRejected)),
      ms: bigintList(files.map((f) => f.durationMs)),
    },
  );
}

/** Closes a run with its outcome and totals. */
export async function finishRun(
  wh: Warehouse,
  runId: number,
  outcome: {
    finishedAt: string;
    status: string;
    files: readonly RunFileRow[];
    goldRebuilt: boolean;
    durationMs: number;
    message: string;
  },
): Promise<void> {
  const { files } = outcome;
  const count = (test: (a: FileAction) => boolean) => files.filter((f) => test(f.action)).length;
  const sum = (k: 'rowsRead' | 'rowsAccepted' | 'rowsRejected') => files.reduce((s, f) => s + f[k], 0);
  await wh.run(
    `update meta.runs set finished_at = $at, status = $status, files_seen = $seen, files_loaded = $loaded,
       files_reprocessed = $re, files_skipped = $skipped, files_rejected = $rejected, files_unmatched = $unmatched,
       rows_read = $read, rows_accepted = $acc, rows_rejected = $rej, gold_rebuilt = $rebuilt,
       duration_ms = $ms, message = $message where run_id = $id`,
    {
      at: outcome.finishedAt,
      status: outcome.status,
      seen: files.length,
      loaded: count((a) => a === 'load'),
      re: count((a) => a === 'reprocess'),
      // Unchanged files, duplicates and files rejected in an earlier run: nothing done to them.
      skipped: count((a) => a === 'skip' || a === 'duplicate' || a === 'rejected_before'),
      rejected: count(isInputError),
      unmatched: count((a) => a === 'unmatched'),
      read: sum('rowsRead'),
      acc: sum('rowsAccepted'),
      rej: sum('rowsRejected'),
      rebuilt: outcome.goldRebuilt,
      ms: outcome.durationMs,
      message: outcome.message,
      id: runId,
    },
  );
}

/**
 * Closes a run that ended in an exception as `failed` with the error's message. Best effort: when
 * the warehouse cannot take the write (the error may be the warehouse's own), the run stays
 * `running` and the next run marks it `interrupted`; the caller rethrows the original error.
 */
export async function failRun(
  wh: Warehouse,
  runId: number,
  failure: { finishedAt: string; durationMs: number; error: unknown },
): Promise<void> {
  const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
  try {
    await wh.run(
      `update meta.runs set finished_at = $at, status = 'failed', duration_ms = $ms, message = $message
       where run_id = $id`,
      { at: failure.finishedAt, ms: failure.durationMs, message: `run failed: ${message}`, id: runId },
    );
  } catch {
    // The original error is what the caller reports.
  }
}
