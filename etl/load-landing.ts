import type { Warehouse } from '../src/warehouse/index.ts';
import { contentSha256, isGzip } from './content-hash.ts';
import { ENTITIES, type EntitySpec, entitySpec } from './contract.ts';
import { decideAction, type FileAction } from './file-actions.ts';
import type { CsvScan } from './ingest/csv-scan.ts';
import { FileRejection } from './ingest/file-rejection.ts';
import { loadBatch, type RejectThreshold } from './ingest/load-batch.ts';
import type { StagePlan } from './ingest/plan.ts';
import type { LandingSources } from './ingest/sources.ts';
import { hashFile } from './ingest/transcode.ts';
import { byteOrder, type LandingFile, type LandingProblem, matchesGlob } from './landing.ts';
import {
  type FileJudge,
  type LedgerRow,
  missingLoadedFiles,
  readLedger,
  rowContentSha256,
  upsertLedger,
} from './ledger.ts';
import type { EtlFileReport, EtlProgress, EtlWarning } from './runner.ts';

/** What the file step of a run needs. */
export interface LandingRun {
  readonly wh: Warehouse;
  readonly sources: LandingSources;
  /** Entries named like landing files that cannot be read as files, with their entity. */
  readonly problems: readonly (LandingProblem & Pick<LandingFile, 'entity'>)[];
  readonly reprocess: readonly string[];
  readonly runId: number;
  readonly ingestedAt: string;
  readonly judge: FileJudge;
  readonly maxRejected: RejectThreshold;
  readonly progress: (event: EtlProgress) => void;
  /** Runs a long step, reporting DuckDB's progress on it. */
  readonly tracked: <T>(step: () => string, fn: () => Promise<T>) => Promise<T>;
}

/** What the file step did: one report per landing entry, in load order, and its warnings. */
export interface LandingOutcome {
  readonly files: EtlFileReport[];
  readonly warnings: EtlWarning[];
}

/** A landing entry in load order: a file to scan, or a problem entry that is never opened. */
interface Entry {
  readonly file: LandingFile;
  readonly problem: LandingProblem | null;
}

/** A file's scan, or why scanning it failed (with its stored bytes' hash when they could be read). */
type Scanned =
  | { readonly scan: CsvScan; readonly ms: number }
  | {
      readonly rejection: { readonly reason: string; readonly detail: string };
      readonly sha256: string;
      readonly bytes: number;
      readonly ms: number;
    };

/** A file that passed the whole-file checks and waits for its batch. */
interface PendingLoad {
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
 * The file step of a run: each landing entry decided ({@link decideAction}), scanned, checked
 * and loaded in batches, or rejected alone (an entry that is not a file, a scan that fails, a
 * whole-file check, a batch's own rejection) while the others go on. A file whose bytes equal a
 * loaded file's is a duplicate delivery. Loaded files missing from the folder are warned about.
 */
export async function loadLanding(run: LandingRun): Promise<LandingOutcome> {
  const { wh, sources, progress } = run;
  const ledger = await readLedger(wh);
  const entries = orderForLoading([
    ...sources.files.map((file) => ({ file, problem: null })),
    ...run.problems.map((p) => ({ file: { name: p.name, path: p.path, entity: p.entity }, problem: p })),
  ]);
  const files: EtlFileReport[] = [];
  const warnings: EtlWarning[] = [];
  const warn = (w: EtlWarning) => {
    warnings.push(w);
    progress({ kind: 'warning', message: w.message });
  };
  /** Content hash (decompressed) to the name of the file loaded with it (the earliest). */
  const loadedContent = new Map<string, string>();
  for (const row of [...ledger.values()].sort((a, b) => a.file_id - b.file_id)) {
    const content = rowContentSha256(row);
    if (row.status === 'loaded' && content !== null && !loadedContent.has(content)) {
      loadedContent.set(content, row.file_name);
    }
  }
  let nextFileId = Number(await wh.scalar('select coalesce(max(file_id), 0) + 1 from meta.file_ledger'));
  const wanted = (file: LandingFile) => run.reprocess.some((g) => matchesGlob(file.name, g));
  const scans = scanInBackground(run, entries, ledger, loadedContent, wanted);
  let pending: PendingLoad[] = [];
  const flush = async () => {
    for (const group of batchesOf(pending)) {
      const label = `loading ${group[0]?.entity.name} (${group.length} file${group.length === 1 ? '' : 's'})`;
      await run.tracked(
        () => label,
        () => loadGroup(run, group, files, warn),
      );
    }
    pending = [];
  };
  /** Records a whole-file rejection found by the runner (never opened, scan failed, checks). */
  const reject = async (
    file: LandingFile,
    rejection: { reason: string; detail: string },
    content: { sha256: string; bytes: number },
    durationMs: number,
  ) => {
    const known = ledger.get(file.name);
    if (known?.status === 'loaded') {
      // Its rows loaded before stay; the ledger keeps the loaded file.
      const detail = `${rejection.detail}; it was loaded before and its rows stay as they were`;
      progress({ kind: 'warning', message: `rejected ${detail}` });
      files.push({ ...report(file, 'reject', rejection.reason, detail), durationMs });
      return;
    }
    const action = decideAction(known, content.sha256, wanted(file), run.judge);
    if (action === 'rejected_before' && known?.reason === rejection.reason) {
      files.push(rejectedBefore(file, known));
      return;
    }
    const fileId = action === 'reprocess' && known !== undefined ? known.file_id : nextFileId++;
    await wh.transaction(() =>
      upsertLedger(
        wh,
        [
          {
            fileId,
            file,
            ...content,
            contentSha256: null,
            status: 'rejected',
            ...rejection,
            counts: null,
            supersedes: known?.file_id ?? null,
          },
        ],
        run,
      ),
    );
    progress({ kind: 'warning', message: `rejected ${rejection.detail}` });
    files.push({ ...report(file, 'reject', rejection.reason, rejection.detail), durationMs });
  };

  for (const [i, { file, problem }] of entries.entries()) {
    if (pending.length > 0 && pending[0]?.entity.name !== file.entity) await flush();
    if (problem !== null) {
      await reject(file, problem, { sha256: '', bytes: 0 }, 0);
      continue;
    }
    if (sources.ignored(file)) {
      files.push(report(file, 'unmatched', 'ignored', 'left out by the mapping'));
      continue;
    }
    if (file.entity === null) {
      const message = `file ${file.name} matches no entity of the data contract${sources.mapping === null ? '' : ' and no source of the mapping'} and was skipped`;
      warn({ code: 'unmatched_file', message });
      files.push(report(file, 'unmatched', null, message));
      continue;
    }
    const scanned = await (scans.get(file.path) as Promise<Scanned>);
    if ('rejection' in scanned) {
      await reject(file, scanned.rejection, scanned, scanned.ms);
      continue;
    }
    const { scan } = scanned;
    const known = ledger.get(file.name);
    let action = decideAction(known, scan.sha256, wanted(file), run.judge);
    // Only a file to load needs its decompressed content's hash (a second pass over a .gz).
    const content = action === 'load' || action === 'reprocess' ? await fileContentSha256(file, scan) : null;
    const earlier = action === 'load' && content !== null ? loadedContent.get(content) : undefined;
    if (earlier !== undefined && earlier !== file.name) action = 'duplicate';
    progress({
      kind: 'file',
      file: file.name,
      entity: file.entity,
      index: i + 1,
      total: entries.length,
      action,
    });
    if (action === 'skip') {
      files.push(report(file, 'skip', null, null));
      continue;
    }
    if (action === 'rejected_before' && known !== undefined) {
      files.push(rejectedBefore(file, known));
      continue;
    }
    if (action === 'changed') {
      const message = `${file.name} was loaded before and its content has changed; pass --reprocess '${file.name}' to replace its rows`;
      files.push(report(file, 'changed', 'changed_content', message));
      progress({ kind: 'warning', message });
      continue;
    }
    if (action === 'duplicate') {
      const message = `${file.name} has the same content as ${earlier}, loaded before: a duplicate delivery, skipped`;
      await wh.transaction(() =>
        upsertLedger(
          wh,
          [
            {
              fileId: nextFileId++,
              file,
              sha256: scan.sha256,
              contentSha256: content,
              bytes: scan.bytes,
              status: 'duplicate',
              reason: 'duplicate_content',
              detail: message,
              counts: null,
              supersedes: known?.file_id ?? null,
            },
          ],
          run,
        ),
      );
      warn({ code: 'duplicate_content', message });
      files.push(report(file, 'duplicate', 'duplicate_content', message));
      continue;
    }
    const entity = entitySpec(file.entity);
    const checked = sources.check(file, scan, entity);
    for (const w of await sources.encodingWarnings(file, scan)) warn(w);
    if (!checked.ok) {
      await reject(
        file,
        { reason: checked.reason, detail: `${file.name}: ${checked.detail}` },
        scan,
        scanned.ms,
      );
      continue;
    }
    const keepsPlace = action === 'reprocess' && known !== undefined;
    if (action === 'load' && content !== null) loadedContent.set(content, file.name);
    files.push(report(file, action, null, null));
    pending.push({
      file,
      entity,
      scan,
      scanMs: scanned.ms,
      contentSha256: content,
      plan: checked.plan,
      fileId: keepsPlace ? known.file_id : nextFileId++,
      supersedes: keepsPlace ? null : (known?.file_id ?? null),
      action,
      index: files.length - 1,
    });
  }
  await flush();
  const missing = await missingLoadedFiles(wh, new Set(entries.map((e) => e.file.name)));
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(', ');
    warn({
      code: 'missing_file',
      message: `${missing.length} loaded file(s) are no longer in the landing folder: ${shown}${missing.length > 10 ? `, and ${missing.length - 10} more` : ''}; their rows stay in the warehouse`,
    });
  }
  return { files, warnings };
}

/** The hash of a file's decompressed content; the stored bytes' hash when it cannot be read. */
async function fileContentSha256(file: LandingFile, scan: CsvScan): Promise<string> {
  try {
    return await contentSha256(file.path, scan.sha256);
  } catch {
    return scan.sha256;
  }
}

/**
 * Starts the scans of the files to read, one after another in the background, so the scans of
 * later entities overlap the loading of earlier ones. A scan that throws rejects only its file:
 * with the reason of a {@link FileRejection}, otherwise `unreadable` naming the file.
 */
function scanInBackground(
  run: LandingRun,
  entries: readonly Entry[],
  ledger: ReadonlyMap<string, LedgerRow>,
  loadedContent: ReadonlyMap<string, string>,
  wanted: (file: LandingFile) => boolean,
): Map<string, Promise<Scanned>> {
  const scans = new Map<string, Promise<Scanned>>();
  let chain: Promise<unknown> = Promise.resolve();
  for (const { file, problem } of entries) {
    if (problem !== null || file.entity === null || run.sources.ignored(file)) continue;
    // A file that will not be loaded is only hashed, not re-encoded.
    const notLoaded = (sha256: string) => {
      const action = decideAction(ledger.get(file.name), sha256, wanted(file), run.judge);
      // A plain file's stored bytes are its content: a copy of a loaded file is not re-encoded.
      const copy = isGzip(file.name) ? undefined : loadedContent.get(sha256);
      return (
        action === 'skip' ||
        action === 'rejected_before' ||
        (action === 'load' && copy !== undefined && copy !== file.name)
      );
    };
    const scan = chain.then(() => scanFile(run.sources, file, notLoaded));
    scans.set(file.path, scan);
    chain = scan;
  }
  return scans;
}

async function scanFile(
  sources: LandingSources,
  file: LandingFile,
  notLoaded: (sha256: string) => boolean,
): Promise<Scanned> {
  const t0 = Date.now();
  try {
    return { scan: await sources.scan(file, notLoaded), ms: Date.now() - t0 };
  } catch (error) {
    const rejection =
      error instanceof FileRejection
        ? { reason: error.reason, detail: error.detail }
        : {
            reason: 'unreadable',
            detail: `${file.name}: the file could not be read: ${error instanceof Error ? error.message : String(error)}`,
          };
    // The stored bytes' hash, when they can be read, tells a fixed file from the same one.
    let content = { sha256: '', bytes: 0 };
    try {
      content = await hashFile(file.path);
    } catch {
      // Unreadable as stored too.
    }
    return { rejection, ...content, ms: Date.now() - t0 };
  }
}

/**
 * Loads one batch and reports each file; a file's duration is its own scan time plus its share
 * of the batch's time in proportion to its records (equal shares when the batch has none).
 */
async function loadGroup(
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

/** Groups pending files by entity (in load order) and identical header layout. */
function batchesOf<T extends PendingLoad>(pending: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const p of pending) {
    const key = `${p.entity.name}\u0000${JSON.stringify(p.plan)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()];
}

/** Entries grouped by entity in load order (dimensions first), byte order of names within each. */
function orderForLoading(entries: readonly Entry[]): Entry[] {
  const rank = (e: Entry) =>
    e.file.entity === null ? -1 : ENTITIES.findIndex((x) => x.name === e.file.entity);
  return [...entries].sort((a, b) => rank(a) - rank(b) || byteOrder(a.file.name, b.file.name));
}

/** The report of a file rejected in an earlier run and unchanged: listed, not an error again. */
function rejectedBefore(file: LandingFile, known: LedgerRow): EtlFileReport {
  const reason = known.reason ?? 'rejected';
  return report(
    file,
    'rejected_before',
    reason,
    `rejected before: ${reason}; unchanged, so not read again (fix the file, the mapping or --max-rejected, or name it in --reprocess to retry): ${known.detail ?? ''}`,
  );
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
