import { bigintList, qualifiedName, varcharList, type Warehouse } from '../src/warehouse/index.ts';
import { ENTITIES } from './contract.ts';
import type { LandingFile } from './landing.ts';

/**
 * The file ledger (`meta.file_ledger`): one row per landing file name ever seen, with its size,
 * content hash, status (`loaded`, `rejected`, or `duplicate` for the bytes of a file loaded
 * under another name), row counts, the runs that wrote it and what judged it (time zone,
 * mapping, `--max-rejected`). Its `file_id` is the file's place in latest-wins order.
 */

/** What judged a file besides its bytes: a rejected file is retried when any of it changes. */
export interface FileJudge {
  readonly timeZone: string;
  /** sha256 of the mapping file's content; null without a mapping. */
  readonly mappingSha256: string | null;
  /** The `--max-rejected` threshold as `share/minRows/keep`. */
  readonly maxRejected: string;
}

/** A ledger row as the runner reads it. */
export interface LedgerRow {
  file_id: number;
  file_name: string;
  sha256: string;
  status: string;
  reason?: string | null;
  detail?: string | null;
  time_zone?: string | null;
  mapping_sha256?: string | null;
  max_rejected?: string | null;
  content_sha256?: string | null;
}

/** Reads the file ledger: file name to its row. */
export async function readLedger(wh: Warehouse): Promise<Map<string, LedgerRow>> {
  const rows = await wh.all<LedgerRow>(
    `select file_id, file_name, sha256, status, reason, detail, time_zone, mapping_sha256, max_rejected,
       content_sha256 from meta.file_ledger`,
  );
  return new Map(rows.map((r) => [r.file_name, { ...r, file_id: Number(r.file_id) }]));
}

/** Whether the row was judged by the same time zone, mapping and threshold. */
export function sameJudge(row: LedgerRow, judge: FileJudge): boolean {
  return (
    row.time_zone === judge.timeZone &&
    (row.mapping_sha256 ?? null) === judge.mappingSha256 &&
    row.max_rejected === judge.maxRejected
  );
}

/** What the ledger records of one file. */
export interface LedgerEntry {
  readonly fileId: number;
  readonly file: Pick<LandingFile, 'name' | 'entity'>;
  readonly sha256: string;
  /** sha256 of the decompressed content; null when it could not be read. */
  readonly contentSha256: string | null;
  readonly bytes: number;
  readonly status: 'loaded' | 'rejected' | 'duplicate';
  readonly reason: string | null;
  readonly detail: string | null;
  readonly counts: { rowsRead: number; rowsAccepted: number; rowsRejected: number } | null;
  /**
   * The id the file had before, when it takes a new place in load order (a rejected or
   * duplicate file loaded again): that ledger row and any rows kept under it are removed.
   */
  readonly supersedes?: number | null;
}

/**
 * Inserts or updates ledger rows (a reprocessed file keeps its id; a file that takes a new id
 * replaces its earlier row). Run it inside the transaction that writes the files' rows.
 */
export async function upsertLedger(
  wh: Warehouse,
  entries: readonly LedgerEntry[],
  run: { runId: number; ingestedAt: string; judge: FileJudge },
): Promise<void> {
  if (entries.length === 0) return;
  const superseded = entries.flatMap((x) =>
    x.supersedes === null || x.supersedes === undefined || x.supersedes === x.fileId ? [] : [x.supersedes],
  );
  const first = new Map<number, number>();
  if (superseded.length > 0) {
    const ids = bigintList(superseded);
    for (const r of await wh.all<{ id: number; first: number }>(
      'select file_id as id, first_run_id as first from meta.file_ledger where list_contains($ids, file_id)',
      { ids },
    )) {
      first.set(Number(r.id), Number(r.first));
    }
    // A rejected file's kept quarantine rows (too_many_rejected) go with its old id.
    for (const e of ENTITIES) {
      for (const layer of ['bronze', 'quarantine']) {
        await wh.run(`delete from ${qualifiedName(layer, e.name)} where list_contains($ids, _file_id)`, {
          ids,
        });
      }
    }
    await wh.run('delete from meta.file_ledger where list_contains($ids, file_id)', { ids });
  }
  await wh.run(
    `insert into meta.file_ledger (file_id, file_name, entity, bytes, sha256, status, reason, detail, rows_read,
        rows_accepted, rows_rejected, first_run_id, run_id, ingested_at, time_zone, mapping_sha256, max_rejected,
        content_sha256)
     select unnest($id::BIGINT[]), unnest($name::VARCHAR[]), unnest($entity::VARCHAR[]), unnest($bytes::BIGINT[]),
        unnest($sha::VARCHAR[]), unnest($status::VARCHAR[]), unnest($reason::VARCHAR[]), unnest($detail::VARCHAR[]),
        unnest($read::BIGINT[]), unnest($acc::BIGINT[]), unnest($rej::BIGINT[]), unnest($first::BIGINT[]), $run,
        $at::TIMESTAMPTZ, $tz, $mapping, $max, unnest($content::VARCHAR[])
     on conflict (file_id) do update set bytes = excluded.bytes, sha256 = excluded.sha256, status = excluded.status,
        reason = excluded.reason, detail = excluded.detail, rows_read = excluded.rows_read,
        rows_accepted = excluded.rows_accepted, rows_rejected = excluded.rows_rejected, run_id = excluded.run_id,
        ingested_at = excluded.ingested_at, time_zone = excluded.time_zone,
        mapping_sha256 = excluded.mapping_sha256, max_rejected = excluded.max_rejected,
        content_sha256 = excluded.content_sha256`,
    {
      id: bigintList(entries.map((x) => x.fileId)),
      name: varcharList(entries.map((x) => x.file.name)),
      entity: varcharList(entries.map((x) => x.file.entity)),
      bytes: bigintList(entries.map((x) => x.bytes)),
      sha: varcharList(entries.map((x) => x.sha256)),
      content: varcharList(entries.map((x) => x.contentSha256)),
      status: varcharList(entries.map((x) => x.status)),
      reason: varcharList(entries.map((x) => x.reason)),
      detail: varcharList(entries.map((x) => x.detail)),
      read: bigintList(entries.map((x) => x.counts?.rowsRead ?? null)),
      acc: bigintList(entries.map((x) => x.counts?.rowsAccepted ?? null)),
      rej: bigintList(entries.map((x) => x.counts?.rowsRejected ?? null)),
      first: bigintList(
        entries.map((x) => (x.supersedes == null ? run.runId : (first.get(x.supersedes) ?? run.runId))),
      ),
      run: run.runId,
      at: run.ingestedAt,
      tz: run.judge.timeZone,
      mapping: run.judge.mappingSha256,
      max: run.judge.maxRejected,
    },
  );
}

/**
 * The content hash of a ledger row: recorded since schema version 2; before, the stored bytes'
 * hash stands for a plain file's content, and a `.csv.gz`'s is unknown (null).
 */
export function rowContentSha256(row: LedgerRow): string | null {
  return row.content_sha256 ?? (/\.gz$/i.test(row.file_name) ? null : row.sha256);
}

/** Loaded files of the ledger that are no longer in the landing folder (their rows stay). */
export async function missingLoadedFiles(wh: Warehouse, present: ReadonlySet<string>): Promise<string[]> {
  const loaded = await wh.all<{ name: string }>(
    "select file_name as name from meta.file_ledger where status = 'loaded' order by file_id",
  );
  return loaded.map((r) => r.name).filter((n) => !present.has(n));
}
