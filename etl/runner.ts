import { mkdirSync, rmSync } from 'node:fs';
import { Warehouse } from '../src/warehouse/index.ts';
import { rebuildIfNeeded } from './build.ts';
import { type EntityName, entityForFile } from './contract.ts';
import { rebuildFeatureTables } from './feature-tables.ts';
import { LandingSources, matchesSourceGlob } from './ingest/sources.ts';
import { type LandingProblem, landingProblems } from './landing.ts';
import { loadLanding } from './load-landing.ts';
import type { Mapping } from './mapping/types.ts';
import { shippedMappingHints } from './mapping-hint.ts';
import { failRun, finishRun, recordRunFiles, startRun } from './run-log.ts';
import { runOutcome, unmatchedOnly } from './run-outcome.ts';
import { type RunSettings, resolveSettings } from './run-settings.ts';
import type { EtlOptions, EtlProgress, EtlResult } from './run-types.ts';
import { prepareSchema } from './schema-version.ts';

export { decideAction, type FileAction } from './file-actions.ts';
export { validateThreshold, validateTimeZone } from './run-settings.ts';
export type { EtlFileReport, EtlOptions, EtlProgress, EtlResult, EtlWarning } from './run-types.ts';

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
  // Until the first model starts, the build prepares (staged tables dropped, bronze version read).
  let model: string | null = null;
  const build = await tracked(
    () => (model === null ? 'preparing silver and gold' : `building ${model}`),
    () =>
      rebuildIfNeeded(wh, runId, settings.timeZone, now, (e) => {
        model = e.model;
        progress(e);
      }),
  );
  // Feature tables made with `shopstat features --into` follow the new gold.
  const featureWarnings = build.rebuilt ? await rebuildFeatureTables(wh) : [];
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
    warnings: [
      ...warnings,
      ...featureWarnings,
      ...(unmatched ? [{ code: 'no_matching_files', message: outcome.message }] : []),
    ],
    mappingHints,
    message: outcome.message,
  };
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
