import { isAbsolute, resolve } from 'node:path';
import { InvalidArgumentError } from '../src/errors.ts';
import { bigintList, varcharList, Warehouse, type WarehouseOptions } from '../src/warehouse/index.ts';
import { rebuildIfNeeded } from './build.ts';
import type { CheckResult } from './checks.ts';
import { ENTITIES, type EntityName, type EntitySpec, entitySpec, SCHEMA_VERSION } from './contract.ts';
import type { CsvScan } from './ingest/csv-scan.ts';
import { type DEFAULT_MAX_REJECTED, loadBatch, type RejectThreshold } from './ingest/load-batch.ts';
import type { StagePlan } from './ingest/plan.ts';
import { LandingSources } from './ingest/sources.ts';
import { byteOrder, type LandingFile, matchesGlob } from './landing.ts';
import { type LedgerRow, readLedger, upsertLedger } from './ledger.ts';
import { loadMapping } from './mapping/load.ts';
import type { Mapping } from './mapping/types.ts';
import { schemaDdl } from './schema.ts';

/** Options of one ETL run. */
export interface EtlOptions {
  readonly landing: string;
  readonly warehouse: string;
  /** IANA zone of the reporting calendar; default `'UTC'`. */
  readonly timeZone?: string;
  /** Globs of already-ingested file names to load again (replacing their earlier rows). */
  readonly reprocess?: readonly string[];
  /**
   * A source mapping (a YAML file's path, or one already loaded) for landing files in another
   * layout; files it does not match still load by the contract's file names.
   */
  readonly mapping?: string | Mapping;
  /** DuckDB resources; defaults of {@link WarehouseOptions}. */
  readonly warehouseOptions?: WarehouseOptions;
  /** Progress events, e.g. for a stderr progress line. */
  readonly onProgress?: (event: EtlProgress) => void;
  /** How often a long step reports its progress, in milliseconds; default 2000. */
  readonly progressEveryMs?: number;
  /**
   * When a file is rejected whole for its rejected rows (`too_many_rejected`); default
   * {@link DEFAULT_MAX_REJECTED}: more than 25% of a file of at least 100 records.
   */
  readonly maxRejected?: RejectThreshold;
  /** The clock, for tests; default `() => new Date()`. */
  readonly now?: () => Date;
}

export type EtlProgress =
  | {
      readonly kind: 'file';
      readonly file: string;
      readonly entity: string;
      readonly index: number;
      readonly total: number;
      readonly action: FileAction;
    }
  | {
      readonly kind: 'loaded';
      readonly file: string;
      readonly rowsRead: number;
      readonly rowsRejected: number;
      readonly ms: number;
    }
  | { readonly kind: 'layer'; readonly model: string }
  | { readonly kind: 'warning'; readonly message: string }
  /** A long step's progress: DuckDB's estimate for the statement running now. */
  | { readonly kind: 'progress'; readonly step: string; readonly percent: number };

export type FileAction = 'load' | 'reprocess' | 'skip' | 'reject' | 'changed' | 'unmatched';

export interface EtlFileReport {
  readonly file: string;
  readonly entity: EntityName | null;
  readonly action: FileAction;
  readonly reason: string | null;
  readonly detail: string | null;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** Time to scan and load the file; 0 when it was not loaded. */
  readonly durationMs: number;
}

/** What a run did: JSON-serialisable. */
export interface EtlResult {
  readonly kind: 'etl';
  readonly runId: number;
  readonly status: 'ok' | 'nothing_new' | 'input_error' | 'failed';
  readonly exitCode: 0 | 1 | 2;
  readonly options: {
    readonly landing: string;
    readonly warehouse: string;
    readonly timeZone: string;
    readonly reprocess: readonly string[];
    readonly mapping: string | null;
  };
  readonly files: readonly EtlFileReport[];
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly goldRebuilt: boolean;
  readonly checks: readonly CheckResult[];
  readonly durationMs: number;
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  readonly message: string;
}

/**
 * Validates an IANA time-zone name against the platform's zone database.
 *
 * @throws InvalidArgumentError naming the bad zone.
 */
export function validateTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new InvalidArgumentError(
      `etl: unknown time zone ${JSON.stringify(zone)}; use an IANA name such as Europe/Berlin`,
    );
  }
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$|^UTC$/.test(zone)) {
    throw new InvalidArgumentError(
      `etl: time zone must be an IANA name such as Europe/Berlin, got ${JSON.stringify(zone)}`,
    );
  }
  return zone;
}

/**
 * Runs the medallion pipeline once: new landing files into bronze and quarantine (each file and
 * its ledger row in one transaction), then silver and gold rebuilt and checked beside the
 * current tables and swapped in only when no error-level check fails, so the previous silver and
 * gold stay otherwise. A run with nothing new leaves every layer as it was.
 *
 * @throws InvalidArgumentError for a bad landing folder or time zone.
 * @throws WarehouseBusyError when another run holds the warehouse.
 */
export async function runEtl(options: EtlOptions): Promise<EtlResult> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const timeZone = validateTimeZone(options.timeZone ?? 'UTC');
  const reprocess = [...(options.reprocess ?? [])];
  const landingDir = isAbsolute(options.landing) ? options.landing : resolve(options.landing);
  const mapping =
    options.mapping === undefined
      ? null
      : typeof options.mapping === 'string'
        ? loadMapping(options.mapping)
        : options.mapping;
  const sources = new LandingSources(landingDir, mapping);
  const landing = sources.files;
  const progress = options.onProgress ?? (() => {});
  const wh = await Warehouse.open(options.warehouse, options.warehouseOptions ?? {});
  const everyMs = options.progressEveryMs ?? 2000;
  /** Runs a long step, reporting DuckDB's progress on it every `everyMs`. */
  const tracked = async <T>(step: () => string, fn: () => Promise<T>): Promise<T> => {
    const timer = setInterval(() => {
      const percent = Math.round(wh.progress() ?? 0);
      if (percent > 0) progress({ kind: 'progress', step: step(), percent });
    }, everyMs);
    try {
      return await fn();
    } finally {
      clearInterval(timer);
    }
  };
  try {
    await wh.run(schemaDdl());
    await wh.transaction(async () => {
      if (Number(await wh.scalar('select count(*) from meta.schema_version')) === 0) {
        await wh.run('insert into meta.schema_version values ($v, $at)', {
          v: SCHEMA_VERSION,
          at: now().toISOString(),
        });
      }
      if (Number(await wh.scalar('select count(*) from meta.ledger_state')) === 0) {
        await wh.run('insert into meta.ledger_state values (0)');
      }
      // A run still 'running' holds no lock any more: its process died.
      await wh.run("update meta.runs set status = 'interrupted' where status = 'running'");
    });
    const runId = Number(await wh.scalar('select coalesce(max(run_id), 0) + 1 from meta.runs'));
    const ingestedAt = now().toISOString();
    await wh.run(
      `insert into meta.runs (run_id, started_at, status, time_zone, landing) values ($id, $at, 'running', $tz, $landing)`,
      { id: runId, at: ingestedAt, tz: timeZone, landing: landingDir },
    );
    const warnings: { code: string; message: string }[] = [];
    const files: EtlFileReport[] = [];
    const ledger = await readLedger(wh);
    const ordered = orderForLoading(landing);
    let nextFileId = Number(await wh.scalar('select coalesce(max(file_id), 0) + 1 from meta.file_ledger'));
    let pending: (PendingLoad & { index: number })[] = [];
    // Files are scanned one after another in the background, so the scans of later entities
    // overlap the loading of earlier ones.
    const scans = new Map<string, Promise<CsvScan>>();
    let chain: Promise<unknown> = Promise.resolve();
    for (const f of ordered) {
      if (f.entity === null) continue;
      const unchanged = (sha256: string) =>
        decideAction(
          ledger.get(f.name),
          sha256,
          reprocess.some((g) => matchesGlob(f.name, g)),
        ) === 'skip';
      const scan = chain.then(() => sources.scan(f, unchanged));
      scan.catch(() => undefined);
      scans.set(f.path, scan);
      chain = scan.catch(() => undefined);
    }
    const flush = async () => {
      // Files of one entity with the same header load as one batch, one transaction.
      for (const group of batchesOf(pending)) {
        const label = `loading ${group[0]?.entity.name} (${group.length} file${group.length === 1 ? '' : 's'})`;
        await tracked(
          () => label,
          () => loadGroup(group),
        );
      }
      pending = [];
    };
    const loadGroup = async (group: (PendingLoad & { index: number })[]) => {
      const t0 = Date.now();
      const first = group[0] as PendingLoad;
      const result = await loadBatch(
        wh,
        {
          plan: first.plan,
          files: group.map((p) => ({
            path: sources.readablePath(p.file),
            fileName: p.file.name,
            scan: p.scan,
            fileId: p.fileId,
            replaceExisting: p.action === 'reprocess',
          })),
          runId,
          ingestedAt,
          timeZone,
          ...(options.maxRejected === undefined ? {} : { maxRejected: options.maxRejected }),
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
                bytes: p.scan.bytes,
                status: rejected === null ? ('loaded' as const) : ('rejected' as const),
                reason: rejected?.reason ?? null,
                detail: rejected?.detail ?? null,
                counts: outcome?.counts ?? null,
              };
            }),
            { runId, ingestedAt, timeZone },
          );
          await wh.run('update meta.ledger_state set version = version + 1');
        },
      );
      for (const w of result.warnings) {
        warnings.push(w);
        progress({ kind: 'warning', message: w.message });
      }
      const ms = Date.now() - t0;
      for (const p of group) {
        const outcome = result.outcomes.get(p.fileId);
        if (outcome === undefined) continue;
        if (outcome.kind === 'rejected') {
          progress({ kind: 'warning', message: `rejected ${outcome.detail}` });
          files[p.index] = { ...report(p.file, 'reject', outcome.reason, outcome.detail), durationMs: ms };
          continue;
        }
        const c = outcome.counts;
        progress({
          kind: 'loaded',
          file: p.file.name,
          rowsRead: c.rowsRead,
          rowsRejected: c.rowsRejected,
          ms,
        });
        files[p.index] = { ...report(p.file, p.action, null, null), ...c, durationMs: ms };
      }
    };
    let index = 0;
    for (const file of ordered) {
      index++;
      if (pending.length > 0 && pending[0]?.entity.name !== file.entity) await flush();
      if (sources.ignored(file)) {
        files.push(report(file, 'unmatched', 'ignored', 'left out by the mapping'));
        continue;
      }
      if (file.entity === null) {
        const message = `file ${file.name} matches no entity of the data contract${mapping === null ? '' : ' and no source of the mapping'} and was skipped`;
        warnings.push({ code: 'unmatched_file', message });
        progress({ kind: 'warning', message });
        files.push(report(file, 'unmatched', null, message));
        continue;
      }
      const entity = entitySpec(file.entity);
      const scan = await (scans.get(file.path) as Promise<CsvScan>);
      const known = ledger.get(file.name);
      const wanted = reprocess.some((g) => matchesGlob(file.name, g));
      const action = decideAction(known, scan.sha256, wanted);
      progress({ kind: 'file', file: file.name, entity: file.entity, index, total: ordered.length, action });
      if (action === 'skip') {
        files.push(report(file, 'skip', null, null));
        continue;
      }
      if (action === 'changed') {
        const message = `${file.name} was loaded before and its content has changed; pass --reprocess '${file.name}' to replace its rows`;
        files.push(report(file, 'changed', 'changed_content', message));
        progress({ kind: 'warning', message });
        continue;
      }
      const checked = sources.check(file, scan, entity);
      for (const w of await sources.encodingWarnings(file, scan)) {
        warnings.push(w);
        progress({ kind: 'warning', message: w.message });
      }
      const fileId = known?.file_id ?? nextFileId++;
      if (!checked.ok) {
        const { reason } = checked;
        const detail = `${file.name}: ${checked.detail}`;
        await upsertLedger(
          wh,
          [
            {
              fileId,
              file,
              sha256: scan.sha256,
              bytes: scan.bytes,
              status: 'rejected',
              reason,
              detail,
              counts: null,
            },
          ],
          { runId, ingestedAt, timeZone },
        );
        progress({ kind: 'warning', message: `rejected ${detail}` });
        files.push(report(file, 'reject', reason, detail));
        continue;
      }
      files.push(report(file, action, null, null));
      pending.push({ file, entity, scan, plan: checked.plan, fileId, action, index: files.length - 1 });
    }
    await flush();
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
    let model = 'silver';
    const build = await tracked(
      () => `building ${model}`,
      () =>
        rebuildIfNeeded(wh, runId, timeZone, now, (e) => {
          model = e.model;
          progress(e);
        }),
    );
    const inputError = files.some((f) => f.action === 'reject' || f.action === 'changed');
    const status: EtlResult['status'] = build.failed
      ? 'failed'
      : inputError
        ? 'input_error'
        : files.some((f) => f.action === 'load' || f.action === 'reprocess') || build.rebuilt
          ? 'ok'
          : 'nothing_new';
    const exitCode: 0 | 1 | 2 = build.failed ? 1 : inputError ? 2 : 0;
    const sum = (k: 'rowsRead' | 'rowsAccepted' | 'rowsRejected') => files.reduce((s, f) => s + f[k], 0);
    const message = build.failed
      ? `run failed: ${build.message}; the previous gold tables were kept`
      : status === 'nothing_new'
        ? 'nothing new: bronze, silver and gold are unchanged'
        : `${files.filter((f) => f.action === 'load' || f.action === 'reprocess').length} file(s) loaded${build.rebuilt ? ', silver and gold rebuilt' : ''}${inputError ? '; some files were rejected (see files)' : ''}`;
    const durationMs = Date.now() - started;
    const count = (a: FileAction) => files.filter((f) => f.action === a).length;
    await wh.run(
      `update meta.runs set finished_at = $at, status = $status, files_seen = $seen, files_loaded = $loaded,
         files_reprocessed = $re, files_skipped = $skipped, files_rejected = $rejected, files_unmatched = $unmatched,
         rows_read = $read, rows_accepted = $acc, rows_rejected = $rej, gold_rebuilt = $rebuilt,
         duration_ms = $ms, message = $message where run_id = $id`,
      {
        at: now().toISOString(),
        status,
        seen: files.length,
        loaded: count('load'),
        re: count('reprocess'),
        skipped: count('skip'),
        rejected: count('reject') + count('changed'),
        unmatched: count('unmatched'),
        read: sum('rowsRead'),
        acc: sum('rowsAccepted'),
        rej: sum('rowsRejected'),
        rebuilt: build.rebuilt,
        ms: durationMs,
        message,
        id: runId,
      },
    );
    await wh.run('checkpoint');
    return {
      kind: 'etl',
      runId,
      status,
      exitCode,
      options: {
        landing: landingDir,
        warehouse: wh.path,
        timeZone,
        reprocess,
        mapping: mapping?.file ?? null,
      },
      files,
      rowsRead: sum('rowsRead'),
      rowsAccepted: sum('rowsAccepted'),
      rowsRejected: sum('rowsRejected'),
      goldRebuilt: build.rebuilt,
      checks: build.checks,
      durationMs,
      warnings,
      message,
    };
  } finally {
    wh.close();
    sources.close();
  }
}

/**
 * What to do with a landing file given its ledger row: a new file (or one rejected before whose
 * content changed) is loaded; a known one is skipped when unchanged, reloaded when `--reprocess`
 * names it, and refused when its content changed without it.
 */
export function decideAction(known: LedgerRow | undefined, sha256: string, reprocess: boolean): FileAction {
  if (known === undefined) return 'load';
  if (known.status === 'rejected') return known.sha256 === sha256 ? 'skip' : 'load';
  if (reprocess) return 'reprocess';
  return known.sha256 === sha256 ? 'skip' : 'changed';
}

/** A file that passed the whole-file checks and waits for its batch. */
interface PendingLoad {
  readonly file: LandingFile;
  readonly entity: EntitySpec;
  readonly scan: CsvScan;
  readonly plan: StagePlan;
  readonly fileId: number;
  readonly action: FileAction;
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

/** Files grouped by entity in load order (dimensions first), byte order of names within each. */
function orderForLoading(files: readonly LandingFile[]): LandingFile[] {
  const rank = (f: LandingFile) => (f.entity === null ? -1 : ENTITIES.findIndex((e) => e.name === f.entity));
  return [...files].sort((a, b) => rank(a) - rank(b) || byteOrder(a.name, b.name));
}

function report(
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
