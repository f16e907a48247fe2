import type { Warehouse } from '../src/warehouse/index.ts';
import { ENTITIES, type EntityName, entitySpec } from './contract.ts';
import { decideAction, type FileAction } from './file-actions.ts';
import type { CsvScan } from './ingest/csv-scan.ts';
import type { RejectThreshold } from './ingest/load-batch.ts';
import type { LandingSources } from './ingest/sources.ts';
import { byteOrder, type LandingFile, type LandingProblem, matchesGlob } from './landing.ts';
import { type Scanned, scanInBackground } from './landing-scans.ts';
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
 * whole-file check, a batch's own rejection) while the others go on. A file whose content equals
 * a loaded file's is a duplicate delivery. Loaded files missing from the folder are warned about.
 */
export async function loadLanding(run: LandingRun): Promise<LandingOutcome> {
  const ledger = await readLedger(run.wh);
  const nextFileId = Number(
    await run.wh.scalar('select coalesce(max(file_id), 0) + 1 from meta.file_ledger'),
  );
  return new LandingStep(run, ledger, nextFileId).run();
}

/** The state of the file step: the ledger as read, the reports so far, the batch being gathered. */
class LandingStep {
  private readonly files: EtlFileReport[] = [];
  private readonly warnings: EtlWarning[] = [];
  /** Content hash (decompressed) to the name of the file loaded with it (the earliest). */
  private readonly loadedContent = new Map<string, string>();
  private pending: PendingLoad[] = [];

  constructor(
    private readonly ctx: LandingRun,
    private readonly ledger: ReadonlyMap<string, LedgerRow>,
    private nextFileId: number,
  ) {
    for (const row of [...ledger.values()].sort((x, y) => x.file_id - y.file_id)) {
      const content = rowContentSha256(row);
      if (row.status === 'loaded' && content !== null && !this.loadedContent.has(content)) {
        this.loadedContent.set(content, row.file_name);
      }
    }
  }

  async run(): Promise<LandingOutcome> {
    const { sources } = this.ctx;
    const entries = orderForLoading([
      ...sources.files.map((file) => ({ file, problem: null })),
      ...this.ctx.problems.map((p) => ({
        file: { name: p.name, path: p.path, entity: p.entity },
        problem: p,
      })),
    ]);
    const scans = scanInBackground(this.ctx, entries, this.ledger, this.loadedContent, (f) => this.wanted(f));
    for (const [i, { file, problem }] of entries.entries()) {
      if (this.pending.length > 0 && this.pending[0]?.entity.name !== file.entity) await this.flush();
      if (problem !== null) {
        await this.reject(file, problem, { sha256: '', bytes: 0 }, 0);
      } else if (sources.ignored(file)) {
        this.files.push(report(file, 'unmatched', 'ignored', 'left out by the mapping'));
      } else if (file.entity === null) {
        const message = `file ${file.name} matches no entity of the data contract${sources.mapping === null ? '' : ' and no source of the mapping'} and was skipped`;
        this.warn({ code: 'unmatched_file', message });
        this.files.push(report(file, 'unmatched', null, message));
      } else {
        const scanned = await (scans.get(file.path) as Promise<Scanned>);
        if ('rejection' in scanned) await this.reject(file, scanned.rejection, scanned, scanned.ms);
        else {
          await this.scannedFile({ ...file, entity: file.entity }, scanned, {
            index: i + 1,
            total: entries.length,
          });
        }
      }
    }
    await this.flush();
    await this.warnMissing(new Set(entries.map((e) => e.file.name)));
    return { files: this.files, warnings: this.warnings };
  }

  /** Whether `--reprocess` names the file. */
  private wanted(file: LandingFile): boolean {
    return this.ctx.reprocess.some((g) => matchesGlob(file.name, g));
  }

  private warn(w: EtlWarning): void {
    this.warnings.push(w);
    this.ctx.progress({ kind: 'warning', message: w.message });
  }

  /** Decides what a scanned file is to the ledger, and skips, lists, rejects or queues it. */
  private async scannedFile(
    file: LandingFile & { entity: EntityName },
    scanned: Extract<Scanned, { scan: unknown }>,
    position: { index: number; total: number },
  ): Promise<void> {
    const { scan } = scanned;
    const known = this.ledger.get(file.name);
    let action = decideAction(known, scan.sha256, this.wanted(file), this.ctx.judge);
    // Only a file to load needs its decompressed content's hash (a second pass over a .gz).
    const content = action === 'load' || action === 'reprocess' ? scan.contentSha256 : null;
    const earlier = action === 'load' && content !== null ? this.loadedContent.get(content) : undefined;
    if (earlier !== undefined && earlier !== file.name) action = 'duplicate';
    this.ctx.progress({ kind: 'file', file: file.name, entity: file.entity, ...position, action });
    if (action === 'skip') {
      this.files.push(report(file, 'skip', null, null));
    } else if (action === 'rejected_before' && known !== undefined) {
      this.files.push(rejectedBefore(file, known));
    } else if (action === 'changed') {
      const message = `${file.name} was loaded before and its content has changed; pass --reprocess '${file.name}' to replace its rows`;
      this.files.push(report(file, 'changed', 'changed_content', message));
      this.ctx.progress({ kind: 'warning', message });
    } else if (action === 'duplicate') {
      await this.duplicate(file, scan, content, `${earlier}`, known);
    } else {
      await this.queue(file, scanned, action, content, known);
    }
  }

  /** Runs the whole-file checks and queues the file for its batch, or rejects it. */
  private async queue(
    file: LandingFile & { entity: EntityName },
    scanned: Extract<Scanned, { scan: unknown }>,
    action: FileAction,
    content: string | null,
    known: LedgerRow | undefined,
  ): Promise<void> {
    const { sources } = this.ctx;
    const { scan } = scanned;
    const entity = entitySpec(file.entity);
    const checked = sources.check(file, scan, entity);
    try {
      for (const w of await sources.encodingWarnings(file, scan)) this.warn(w);
    } catch (error) {
      // The file went away or became unreadable after its scan: rejected alone all the same.
      const message = error instanceof Error ? error.message : String(error);
      const detail = `${file.name}: the file could not be read: ${message}`;
      await this.reject(file, { reason: 'unreadable', detail }, scan, scanned.ms);
      return;
    }
    if (!checked.ok) {
      const detail = `${file.name}: ${checked.detail}`;
      await this.reject(file, { reason: checked.reason, detail }, scan, scanned.ms);
      return;
    }
    // Only --reprocess keeps a file's place in load order; a retried file takes a new one.
    const keepsPlace = action === 'reprocess' && known !== undefined;
    if (action === 'load' && content !== null) this.loadedContent.set(content, file.name);
    this.files.push(report(file, action, null, null));
    this.pending.push({
      file,
      entity,
      scan,
      scanMs: scanned.ms,
      contentSha256: content,
      plan: checked.plan,
      fileId: keepsPlace ? known.file_id : this.nextFileId++,
      supersedes: keepsPlace ? null : (known?.file_id ?? null),
      action,
      index: this.files.length - 1,
    });
  }

  /** Loads the queued files, a batch per entity and header layout. */
  private async flush(): Promise<void> {
    for (const group of batchesOf(this.pending)) {
      const label = `loading ${group[0]?.entity.name} (${group.length} file${group.length === 1 ? '' : 's'})`;
      await this.ctx.tracked(
        () => label,
        () => loadGroup(this.ctx, group, this.files, (w) => this.warn(w)),
      );
    }
    this.pending = [];
  }

  /** Records a duplicate delivery in the ledger (no rows) and warns, naming the earlier file. */
  private async duplicate(
    file: LandingFile,
    scan: CsvScan,
    content: string | null,
    earlier: string,
    known: LedgerRow | undefined,
  ): Promise<void> {
    const message = `${file.name} has the same content as ${earlier}, loaded before: a duplicate delivery, skipped`;
    const entry = {
      fileId: this.nextFileId++,
      file,
      sha256: scan.sha256,
      contentSha256: content,
      bytes: scan.bytes,
      status: 'duplicate' as const,
      reason: 'duplicate_content',
      detail: message,
      counts: null,
      supersedes: known?.file_id ?? null,
    };
    await this.ctx.wh.transaction(() => upsertLedger(this.ctx.wh, [entry], this.ctx));
    this.warn({ code: 'duplicate_content', message });
    this.files.push(report(file, 'duplicate', 'duplicate_content', message));
  }

  /**
   * A whole-file rejection found by the runner (an entry never opened, a failed scan, a failed
   * check): recorded in the ledger, or listed as rejected before when the ledger already says so
   * for the same bytes, judge and reason. A file loaded before keeps its ledger row and rows.
   */
  private async reject(
    file: LandingFile,
    rejection: { reason: string; detail: string },
    stored: { sha256: string; bytes: number },
    durationMs: number,
  ): Promise<void> {
    const known = this.ledger.get(file.name);
    if (known?.status === 'loaded') {
      const detail = `${rejection.detail}; it was loaded before and its rows stay as they were`;
      this.ctx.progress({ kind: 'warning', message: `rejected ${detail}` });
      this.files.push({ ...report(file, 'reject', rejection.reason, detail), durationMs });
      return;
    }
    const action = decideAction(known, stored.sha256, this.wanted(file), this.ctx.judge);
    if (action === 'rejected_before' && known?.reason === rejection.reason) {
      this.files.push(rejectedBefore(file, known));
      return;
    }
    const entry = {
      fileId: action === 'reprocess' && known !== undefined ? known.file_id : this.nextFileId++,
      file,
      ...stored,
      contentSha256: null,
      status: 'rejected' as const,
      ...rejection,
      counts: null,
      supersedes: known?.file_id ?? null,
    };
    await this.ctx.wh.transaction(() => upsertLedger(this.ctx.wh, [entry], this.ctx));
    this.ctx.progress({ kind: 'warning', message: `rejected ${rejection.detail}` });
    this.files.push({ ...report(file, 'reject', rejection.reason, rejection.detail), durationMs });
  }

  /** One warning naming loaded files no longer in the landing folder (up to 10 of them). */
  private async warnMissing(present: ReadonlySet<string>): Promise<void> {
    const missing = await missingLoadedFiles(this.ctx.wh, present);
    if (missing.length === 0) return;
    const shown = missing.slice(0, 10).join(', ');
    const more = missing.length > 10 ? `, and ${missing.length - 10} more` : '';
    this.warn({
      code: 'missing_file',
      message: `${missing.length} loaded file(s) are no longer in the landing folder: ${shown}${more}; their rows stay in the warehouse`,
    });
  }
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
