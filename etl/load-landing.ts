import type { Warehouse } from '../src/warehouse/index.ts';
import { ENTITIES, entitySpec } from './contract.ts';
import { decideAction } from './file-actions.ts';
import type { RejectThreshold } from './ingest/load-batch.ts';
import type { LandingSources } from './ingest/sources.ts';
import { byteOrder, type LandingFile, type LandingProblem, matchesGlob } from './landing.ts';
import { fileContentSha256, type Scanned, scanInBackground } from './landing-scans.ts';
import {
  type FileJudge,
  type LedgerRow,
  missingLoadedFiles,
  readLedger,
  rowContentSha256,
  upsertLedger,
} from './ledger.ts';
import { batchesOf, loadGroup, type PendingLoad, report } from './load-group.ts';
import type { EtlFileReport, EtlProgress, EtlWarning } from './run-types.ts';

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
