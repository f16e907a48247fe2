import { bigintList, varcharList, type Warehouse } from '../src/warehouse/index.ts';
import type { LandingFile } from './landing.ts';

/**
 * The file ledger (`meta.file_ledger`): one row per landing file ever seen, with its size, content
 * hash, status (`loaded` or `rejected`), row counts and the runs that wrote it.
 */

/** A ledger row as the runner reads it. */
export interface LedgerRow {
  file_id: number;
  file_name: string;
  sha256: string;
  status: string;
}

/** Reads the file ledger: file name to its row. */
export async function readLedger(wh: Warehouse): Promise<Map<string, LedgerRow>> {
  const rows = await wh.all<LedgerRow>('select file_id, file_name, sha256, status from meta.file_ledger');
  return new Map(rows.map((r) => [r.file_name, r]));
}

/** What the ledger records of one file. */
export interface LedgerEntry {
  readonly fileId: number;
  readonly file: LandingFile;
  readonly sha256: string;
  readonly bytes: number;
  readonly status: 'loaded' | 'rejected';
  readonly reason: string | null;
  readonly detail: string | null;
  readonly counts: { rowsRead: number; rowsAccepted: number; rowsRejected: number } | null;
}

/** Inserts or updates ledger rows (a reprocessed or re-sent rejected file keeps its id). */
export async function upsertLedger(
  wh: Warehouse,
  entries: readonly LedgerEntry[],
  run: { runId: number; ingestedAt: string; timeZone: string },
): Promise<void> {
  if (entries.length === 0) return;
  await wh.run(
    `insert into meta.file_ledger (file_id, file_name, entity, bytes, sha256, status, reason, detail, rows_read,
        rows_accepted, rows_rejected, first_run_id, run_id, ingested_at, time_zone)
     select unnest($id::BIGINT[]), unnest($name::VARCHAR[]), unnest($entity::VARCHAR[]), unnest($bytes::BIGINT[]),
        unnest($sha::VARCHAR[]), unnest($status::VARCHAR[]), unnest($reason::VARCHAR[]), unnest($detail::VARCHAR[]),
        unnest($read::BIGINT[]), unnest($acc::BIGINT[]), unnest($rej::BIGINT[]), $run, $run, $at::TIMESTAMPTZ, $tz
     on conflict (file_id) do update set bytes = excluded.bytes, sha256 = excluded.sha256, status = excluded.status,
        reason = excluded.reason, detail = excluded.detail, rows_read = excluded.rows_read,
        rows_accepted = excluded.rows_accepted, rows_rejected = excluded.rows_rejected, run_id = excluded.run_id,
        ingested_at = excluded.ingested_at, time_zone = excluded.time_zone`,
    {
      id: bigintList(entries.map((x) => x.fileId)),
      name: varcharList(entries.map((x) => x.file.name)),
      entity: varcharList(entries.map((x) => x.file.entity)),
      bytes: bigintList(entries.map((x) => x.bytes)),
      sha: varcharList(entries.map((x) => x.sha256)),
      status: varcharList(entries.map((x) => x.status)),
      reason: varcharList(entries.map((x) => x.reason)),
      detail: varcharList(entries.map((x) => x.detail)),
      read: bigintList(entries.map((x) => x.counts?.rowsRead ?? null)),
      acc: bigintList(entries.map((x) => x.counts?.rowsAccepted ?? null)),
      rej: bigintList(entries.map((x) => x.counts?.rowsRejected ?? null)),
      run: run.runId,
      at: run.ingestedAt,
      tz: run.timeZone,
    },
  );
}
