import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { InvalidArgumentError } from '../src/errors.ts';
import { Warehouse, type WarehouseOptions } from '../src/warehouse/index.ts';
import { rebuildIfNeeded } from './build.ts';
import type { CheckResult } from './checks.ts';
import { type EntityName, entityForFile } from './contract.ts';
import { type FileAction, isInputError, loads } from './file-actions.ts';
import { DEFAULT_MAX_REJECTED, type RejectThreshold } from './ingest/load-batch.ts';
import { LandingSources, matchesSourceGlob } from './ingest/sources.ts';
import { type LandingProblem, landingProblems } from './landing.ts';
import type { FileJudge } from './ledger.ts';
import { loadLanding } from './load-landing.ts';
import { loadMapping } from './mapping/load.ts';
import type { Mapping } from './mapping/types.ts';
import { type MappingHint, shippedMappingHints } from './mapping-hint.ts';
import { failRun, finishRun, recordRunFiles, startRun } from './run-log.ts';
import { prepareSchema } from './schema-version.ts';

export { decideAction, type FileAction } from './file-actions.ts';

/** Options of one ETL run. */
export interface EtlOptions {
  readonly landing: string;
  readonly warehouse: string;
  /** IANA zone of the reporting calendar; default `'UTC'`. */
  readonly timeZone?: string;
  /**
   * Globs of file names to load again: loaded files replace their earlier rows, rejected files
   * are retried; both keep their place in load order.
   */
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
  /**
   * Read symlinks whose target lies outside the landing folder; default false: such a link is
   * rejected (`outside_landing`) and its target never read.
   */
  readonly followSymlinks?: boolean;
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
  /**
   * The file's own time: its scan, plus its share of its batch's load in proportion to its
   * records (files of one entity and header load as one batch); 0 when it was not read.
   */
  readonly durationMs: number;
}

/** A warning of a run: `unmatched_file`, `duplicate_content`, `missing_file`, encoding issues... */
export interface EtlWarning {
  readonly code: string;
  readonly message: string;
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
    readonly maxRejected: RejectThreshold;
    readonly followSymlinks: boolean;
  };
  readonly files: readonly EtlFileReport[];
  /** Rows of the files loaded by this run (not the warehouse's totals). */
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly goldRebuilt: boolean;
  /** Checks over the whole warehouse (their counts are cumulative, not this run's). */
  readonly checks: readonly CheckResult[];
  readonly durationMs: number;
  readonly warnings: readonly EtlWarning[];
  /** Shipped mappings whose headers fit files that nothing matched (when nothing matched). */
  readonly mappingHints: readonly MappingHint[];
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

/** A run's options, resolved and validated. */
interface RunSettings {
  readonly timeZone: string;
  readonly reprocess: readonly string[];
  readonly landingDir: string;
  readonly mapping: Mapping | null;
  readonly maxRejected: RejectThreshold;
  readonly followSymlinks: boolean;
  readonly judge: FileJudge;
  /** Where the UTF-8 copies of the run go (cleaned at the start of each run); null in memory. */
  readonly copiesDir: string | null;
}

/**
 * Runs the medallion pipeline once: new landing files into bronze and quarantine (each file and
 * its ledger row in one transaction), then silver and gold rebuilt and checked beside the
 * current tables and swapped in only when no error-level check fails, so the previous silver and
 * gold stay otherwise. A run with nothing new leaves every layer as it was. A run that ends in an
 * exception is recorded as `failed` with its message, and the exception propagates.
 *
 * @throws InvalidArgumentError for a bad landing folder, time zone or threshold, or a warehouse
 *   of a newer schema version.
 * @throws WarehouseBusyError when another run holds the warehouse.
 */
export async function runEtl(options: EtlOptions): Promise<EtlResult> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const settings = resolveSettings(options);
  const sources = new LandingSources(settings.landingDir, settings.mapping, {
    followSymlinks: settings.followSymlinks,
    ...(settings.copiesDir === null ? {} : { tempParent: settings.copiesDir }),
  });
  const problems = landingProblems(settings.landingDir, { followSymlinks: settings.followSymlinks });
  const progress = options.onProgress ?? (() => {});
  const wh = await Warehouse.open(options.warehouse, options.warehouseOptions ?? {});
  try {
    await prepareSchema(wh, now);
    // The warehouse's lock is held: copies left in the folder are from a run that died.
    if (settings.copiesDir !== null) {
      rmSync(settings.copiesDir, { recursive: true, force: true });
      mkdirSync(settings.copiesDir, { recursive: true });
    }
    const ingestedAt = now().toISOString();
    const runId = await startRun(wh, {
      startedAt: ingestedAt,
      timeZone: settings.timeZone,
      landing: settings.landingDir,
    });
    try {
      return await runSteps({
        wh,
        settings,
        sources,
        problems,
        progress,
        options,
        runId,
        ingestedAt,
        now,
        started,
      });
    } catch (error) {
      await failRun(wh, runId, { finishedAt: now().toISOString(), durationMs: Date.now() - started, error });
      throw error;
    }
  } finally {
    wh.close();
    sources.close();
    if (settings.copiesDir !== null) rmSync(settings.copiesDir, { recursive: true, force: true });
  }
}

/** The steps of a run once it is logged: files, run log, build, outcome. */
async function runSteps(ctx: {
  wh: Warehouse;
  settings: RunSettings;
  sources: LandingSources;
  problems: readonly LandingProblem[];
  progress: (e: EtlProgress) => void;
  options: EtlOptions;
  runId: number;
  ingestedAt: string;
  now: () => Date;
  started: number;
}): Promise<EtlResult> {
  const { wh, settings, sources, progress, runId, now } = ctx;
  const tracked = trackProgress(wh, progress, ctx.options.progressEveryMs ?? 2000);
  const { files, warnings } = await loadLanding({
    wh,
    sources,
    problems: ctx.problems.map((p) => ({ ...p, entity: problemEntity(p, settings.mapping) })),
    reprocess: settings.reprocess,
    runId,
    ingestedAt: ctx.ingestedAt,
    judge: settings.judge,
    maxRejected: settings.maxRejected,
    progress,
    tracked,
  });
  const unmatched = unmatchedOnly(files);
  const mappingHints = unmatched
    ? await shippedMappingHints(
        sources.files.filter((f) => files.some((r) => r.file === f.name && r.action === 'unmatched')),
      )
    : [];
  await recordRunFiles(wh, runId, files);
  let model = 'silver';
  const build = await tracked(
    () => `building ${model}`,
    () =>
      rebuildIfNeeded(wh, runId, settings.timeZone, now, (e) => {
        model = e.model;
        progress(e);
      }),
  );
  const outcome = runOutcome(files, build, { unmatched, mappingHints, mapping: settings.mapping });
  const durationMs = Date.now() - ctx.started;
  await finishRun(wh, runId, {
    finishedAt: now().toISOString(),
    status: outcome.status,
    files,
    goldRebuilt: build.rebuilt,
    durationMs,
    message: outcome.message,
  });
  await wh.run('checkpoint');
  const sum = (k: 'rowsRead' | 'rowsAccepted' | 'rowsRejected') => files.reduce((s, f) => s + f[k], 0);
  return {
    kind: 'etl',
    runId,
    status: outcome.status,
    exitCode: outcome.exitCode,
    options: {
      landing: settings.landingDir,
      warehouse: wh.path,
      timeZone: settings.timeZone,
      reprocess: settings.reprocess,
      mapping: settings.mapping?.file ?? null,
      maxRejected: settings.maxRejected,
      followSymlinks: settings.followSymlinks,
    },
    files,
    rowsRead: sum('rowsRead'),
    rowsAccepted: sum('rowsAccepted'),
    rowsRejected: sum('rowsRejected'),
    goldRebuilt: build.rebuilt,
    checks: build.checks,
    durationMs,
    warnings: unmatched ? [...warnings, { code: 'no_matching_files', message: outcome.message }] : warnings,
    mappingHints,
    message: outcome.message,
  };
}

/** Resolves a run's options: zone, landing folder, mapping, threshold and what judges files. */
function resolveSettings(options: EtlOptions): RunSettings {
  const timeZone = validateTimeZone(options.timeZone ?? 'UTC');
  const maxRejected = validateThreshold(options.maxRejected ?? DEFAULT_MAX_REJECTED);
  const mapping =
    options.mapping === undefined
      ? null
      : typeof options.mapping === 'string'
        ? loadMapping(options.mapping)
        : options.mapping;
  return {
    timeZone,
    reprocess: [...(options.reprocess ?? [])],
    landingDir: isAbsolute(options.landing) ? options.landing : resolve(options.landing),
    mapping,
    maxRejected,
    followSymlinks: options.followSymlinks === true,
    judge: {
      timeZone,
      mappingSha256: mapping === null ? null : mappingSha256(mapping),
      maxRejected: `${maxRejected.share}/${maxRejected.minRows}/${maxRejected.keep}`,
    },
    copiesDir: options.warehouse === ':memory:' ? null : `${resolve(options.warehouse)}.utf8`,
  };
}

/**
 * The threshold of `--max-rejected`, checked: a share from 0 to 1, whole non-negative counts.
 *
 * @throws InvalidArgumentError naming the bad field.
 */
export function validateThreshold(t: RejectThreshold): RejectThreshold {
  if (!(Number.isFinite(t.share) && t.share >= 0 && t.share <= 1)) {
    throw new InvalidArgumentError(`etl: maxRejected.share must be from 0 to 1, got ${t.share}`);
  }
  for (const k of ['minRows', 'keep'] as const) {
    if (!(Number.isSafeInteger(t[k]) && t[k] >= 0)) {
      throw new InvalidArgumentError(`etl: maxRejected.${k} must be a whole number from 0, got ${t[k]}`);
    }
  }
  return t;
}

/** sha256 of the mapping file's content (of the mapping itself when it has no readable file). */
function mappingSha256(mapping: Mapping): string {
  let content: Buffer | string;
  try {
    content = readFileSync(mapping.file);
  } catch {
    content = JSON.stringify(mapping);
  }
  return createHash('sha256').update(content).digest('hex');
}

/** The entity an entry that cannot be read would have had: by the mapping, else by its name. */
function problemEntity(problem: LandingProblem, mapping: Mapping | null): EntityName | null {
  if (mapping !== null) {
    if (mapping.ignore.some((g) => matchesSourceGlob(problem.name, g))) return null;
    const source = mapping.sources.find((s) => s.files.some((g) => matchesSourceGlob(problem.name, g)));
    if (source !== undefined) return source.rows;
  }
  return entityForFile(problem.name);
}

/** Whether files are present but none matches the contract or the mapping (left-out files aside). */
function unmatchedOnly(files: readonly EtlFileReport[]): boolean {
  return (
    files.some((f) => f.action === 'unmatched' && f.reason !== 'ignored') &&
    files.every((f) => f.action === 'unmatched')
  );
}

/** The status, exit code and message of a run from what its files and build did. */
function runOutcome(
  files: readonly EtlFileReport[],
  build: { rebuilt: boolean; failed: boolean; message: string },
  context: { unmatched: boolean; mappingHints: readonly MappingHint[]; mapping: Mapping | null },
): { status: EtlResult['status']; exitCode: 0 | 1 | 2; message: string } {
  if (build.failed) {
    return {
      status: 'failed',
      exitCode: 1,
      message: `run failed: ${build.message}; the previous gold tables were kept`,
    };
  }
  if (context.unmatched) {
    const n = files.filter((f) => f.action === 'unmatched' && f.reason !== 'ignored').length;
    const best = context.mappingHints[0];
    const hint =
      best === undefined
        ? "no shipped mapping (etl/mappings/) fits their headers either: name the files after the contract's entities (orders.csv, order_items_2025-03.csv...) or write a mapping"
        : `the shipped mapping ${best.mapping} fits the headers of ${best.files.join(', ')}: pass --mapping ${best.mapping}`;
    return {
      status: 'input_error',
      exitCode: 2,
      message: `none of the ${n} file(s) in the landing folder matches the data contract's file names${context.mapping === null ? '' : ' or a source of the mapping'}; ${hint}`,
    };
  }
  if (files.length === 0) {
    // An empty landing folder is a normal day; a new warehouse still gets its (empty) gold.
    return {
      status: build.rebuilt ? 'ok' : 'nothing_new',
      exitCode: 0,
      message: `nothing to load: the landing folder is empty${build.rebuilt ? '; silver and gold built' : ''}`,
    };
  }
  const inputError = files.some((f) => isInputError(f.action));
  const loaded = files.filter((f) => loads(f.action)).length;
  if (!inputError && loaded === 0 && !build.rebuilt) {
    return {
      status: 'nothing_new',
      exitCode: 0,
      message: 'nothing new: bronze, silver and gold are unchanged',
    };
  }
  return {
    status: inputError ? 'input_error' : 'ok',
    exitCode: inputError ? 2 : 0,
    message: `${loaded} file(s) loaded${build.rebuilt ? ', silver and gold rebuilt' : ''}${inputError ? '; some files were rejected (see files)' : ''}`,
  };
}

/** Runs a long step, reporting DuckDB's progress on it every `everyMs`. */
function trackProgress(wh: Warehouse, progress: (e: EtlProgress) => void, everyMs: number) {
  return async <T>(step: () => string, fn: () => Promise<T>): Promise<T> => {
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
}
