import type { EntitySpec } from './contract.ts';
import type { FileAction } from './file-actions.ts';
import type { CsvScan } from './ingest/csv-scan.ts';
import { loadBatch } from './ingest/load-batch.ts';
import type { StagePlan } from './ingest/plan.ts';
import type { LandingFile } from './landing.ts';
import { upsertLedger } from './ledger.ts';
import type { LandingRun } from './load-landing.ts';
import type { EtlFileReport, EtlWarning } from './run-types.ts';

/** A file that passed the whole-file checks and waits for its batch. */
export interface PendingLoad {
  readonly file: LandingFile;
  readonly entity: EntitySpec;
  readonly scan: CsvScan;
  readonly scanMs: number;
  readonly contentSha256: string | null;
  readonly plan: StagePlan;
  readonly fileId: number;
  /** The id the file had when it takes a new place in load order. */
  readonly supersedes: number | null;
  readonly action: FileAction;
  readonly index: number;
}

/**
 * Loads one batch and reports each file; a file's duration is its own scan time plus its share
 * of the batch's time in proportion to its records (equal shares when the batch has none).
 */
export async function loadGroup(
  run: LandingRun,
  group: readonly PendingLoad[],
  files: EtlFileReport[],
  warn: (w: EtlWarning) => void,
): Promise<void> {
  const { wh, progress } = run;
  const t0 = Date.now();
  const first = group[0] as PendingLoad;
  const result = await loadBatch(
    wh,
    {
      plan: first.plan,
      files: group.map((p) => ({
        path: run.sources.readablePath(p.file),
        fileName: p.file.name,
        scan: p.scan,
        fileId: p.fileId,
        replaceExisting: p.action === 'reprocess',
      })),
      runId: run.runId,
      ingestedAt: run.ingestedAt,
      timeZone: run.judge.timeZone,
      maxRejected: run.maxRejected,
    },
    async (outcomes) => {
      await upsertLedger(
        wh,
        group.map((p) => {
          const outcome = outcomes.get(p.fileId);
          const rejected = outcome?.kind === 'rejected' ? outcome : null;
          return {
            fileId: p.fileId,
            file: p.file,
            sha256: p.scan.sha256,
            contentSha256: p.contentSha256,
            bytes: p.scan.bytes,
            status: rejected === null ? ('loaded' as const) : ('rejected' as const),
            reason: rejected?.reason ?? null,
            detail: rejected?.detail ?? null,
            counts: outcome?.counts ?? null,
            supersedes: p.supersedes,
          };
        }),
        run,
      );
      await wh.run('update meta.ledger_state set version = version + 1');
    },
  );
  for (const w of result.warnings) warn(w);
  const batchMs = Date.now() - t0;
  const records = group.reduce((s, p) => s + p.scan.records, 0);
  for (const p of group) {
    const durationMs = fileDurationMs(p.scanMs, batchMs, p.scan.records, records, group.length);
    const outcome = result.outcomes.get(p.fileId);
    if (outcome === undefined) continue;
    if (outcome.kind === 'rejected') {
      progress({ kind: 'warning', message: `rejected ${outcome.detail}` });
      files[p.index] = { ...report(p.file, 'reject', outcome.reason, outcome.detail), durationMs };
      continue;
    }
    const c = outcome.counts;
    progress({
      kind: 'loaded',
      file: p.file.name,
      rowsRead: c.rowsRead,
      rowsRejected: c.rowsRejected,
      ms: durationMs,
    });
    files[p.index] = { ...report(p.file, p.action, null, null), ...c, durationMs };
  }
}

/**
 * A file's own time in a batch: its scan, plus the batch's load time shared in proportion to
 * records (equally when the batch has no records).
 *
 * @example fileDurationMs(10, 300, 1, 3, 2) // 10 + 100
 */
export function fileDurationMs(
  scanMs: number,
  batchMs: number,
  records: number,
  batchRecords: number,
  batchFiles: number,
): number {
  const share = batchRecords === 0 ? 1 / batchFiles : records / batchRecords;
  return scanMs + Math.round(batchMs * share);
}

/** Groups neighbouring pending files of one entity and identical header layout, in load order. */
export function batchesOf<T extends PendingLoad>(pending: readonly T[]): T[][] {
  // Only neighbours join a batch, so batches keep the files' load order (byte order of names):
  // what a file's currency or rows are judged against depends on the files before it.
  const batches: T[][] = [];
  let lastKey: string | null = null;
  for (const p of pending) {
    const key = `${p.entity.name}\u0000${JSON.stringify(p.plan)}`;
    const last = batches[batches.length - 1];
    if (key === lastKey && last !== undefined) last.push(p);
    else batches.push([p]);
    lastKey = key;
  }
  return batches;
}

/** A file's report with no rows. */
export function report(
  file: LandingFile,
  action: FileAction,
  reason: string | null,
  detail: string | null,
): EtlFileReport {
  return {
    file: file.name,
    entity: file.entity,
    action,
    reason,
    detail,
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    rejectedByReason: {},
    durationMs: 0,
  };
}
