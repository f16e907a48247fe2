/**
 * Writes the monthly business review of one month: `mbr-YYYY-MM.xlsx` (formatted sheets, charts
 * as images, real pivot tables), `mbr-YYYY-MM.html` (one self-contained page) and
 * `mbr-YYYY-MM.json` (the model: every figure and finding as data). All three are written to
 * temporary names first and renamed into place only when every one is complete, so a failure
 * leaves the previous review (or nothing) and never a half-written file under a final name.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WarehouseOptions, withWarehouse } from '../warehouse/index.ts';
import { buildReportModel } from './build-model.ts';
import { chartToPng, renderCharts } from './charts/index.ts';
import { renderHtmlReport } from './html/index.ts';
import type { ReportModel } from './model.ts';
import { reportPivots } from './report-pivots.ts';
import { buildReportWorkbook } from './xlsx/index.ts';
import { writeWorkbookWithPivots } from './xlsx/pivot/index.ts';

export interface WriteReportOptions {
  /** The warehouse file (opened read-only). */
  readonly warehouse: string;
  /** `YYYY-MM`; default the last complete month. */
  readonly month?: string;
  /** The output folder, created if missing. */
  readonly outDir: string;
  /** Add the month's customer-level rows (a data sheet and a pivot). Default false. */
  readonly includeCustomers?: boolean;
  /** Fixed generation time (tests); default now. */
  readonly generatedAt?: string;
  readonly warehouseOptions?: WarehouseOptions;
}

export interface WriteReportResult {
  readonly kind: 'report-written';
  readonly month: string;
  readonly files: { readonly xlsx: string; readonly html: string; readonly json: string };
  readonly bytes: { readonly xlsx: number; readonly html: number; readonly json: number };
  readonly pivots: readonly string[];
  readonly findings: readonly string[];
  readonly omitted: readonly { readonly section: string; readonly reason: string }[];
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  /** The model the files were rendered from. */
  readonly model: ReportModel;
}

/** The outputs of one month's review, before they are written. */
export interface RenderedReport {
  readonly model: ReportModel;
  readonly xlsx: Uint8Array;
  readonly html: string;
  readonly pivots: readonly string[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  readonly timingsMs: Record<string, number>;
}

/** Builds the model and renders the workbook and the page, in memory. */
export async function renderReport(options: WriteReportOptions): Promise<RenderedReport> {
  const timingsMs: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timingsMs[name] = Math.round(now - t);
    t = now;
  };
  const includeCustomers = options.includeCustomers === true;
  const { model, pivots } = await withWarehouse(
    options.warehouse,
    { ...(options.warehouseOptions ?? {}), readOnly: true },
    async (wh) => {
      const model = await buildReportModel(wh, {
        ...(options.month === undefined ? {} : { month: options.month }),
        ...(options.generatedAt === undefined ? {} : { generatedAt: options.generatedAt }),
        recordOptions: { includeCustomers },
      });
      lap('model');
      const pivots = await reportPivots(wh, model.month, model.currency, includeCustomers);
      lap('pivotSources');
      return { model, pivots };
    },
  );
  const charts = await renderCharts(model);
  lap('charts');
  const html = renderHtmlReport(model, { charts });
  lap('html');
  const workbook = buildReportWorkbook(model, {
    charts: charts.map((c) => ({
      id: c.id,
      title: c.title,
      alt: c.alt,
      png: chartToPng(c),
      width: c.width,
      height: c.height,
    })),
  });
  const xlsx = await writeWorkbookWithPivots(workbook, pivots.sources, pivots.pivots);
  lap('workbook');
  return {
    model,
    xlsx,
    html,
    pivots: pivots.pivots.map((p) => p.name),
    warnings: [...model.warnings, ...pivots.warnings],
    timingsMs,
  };
}

/** The file names of a month's review in `outDir`. */
export function reportFiles(outDir: string, month: string): WriteReportResult['files'] {
  return {
    xlsx: join(outDir, `mbr-${month}.xlsx`),
    html: join(outDir, `mbr-${month}.html`),
    json: join(outDir, `mbr-${month}.json`),
  };
}

/**
 * Renders the review and writes its three files, all or none.
 *
 * @throws InvalidArgumentError for a warehouse without gold or a month it cannot review (see
 *   `buildReportModel`); file-system errors as they come, after removing the temporary files.
 */
export async function writeReport(options: WriteReportOptions): Promise<WriteReportResult> {
  const rendered = await renderReport(options);
  const { model } = rendered;
  mkdirSync(options.outDir, { recursive: true });
  removeAbandonedPartials(options.outDir);
  const files = reportFiles(options.outDir, model.month);
  const contents = {
    xlsx: rendered.xlsx,
    html: Buffer.from(rendered.html, 'utf8'),
    json: Buffer.from(`${JSON.stringify(model, null, 2)}\n`, 'utf8'),
  };
  const temporary = (file: string) => `${file}.${process.pid}.partial`;
  const written: string[] = [];
  try {
    for (const key of ['xlsx', 'html', 'json'] as const) {
      writeFileSync(temporary(files[key]), contents[key]);
      written.push(temporary(files[key]));
    }
    for (const key of ['xlsx', 'html', 'json'] as const) renameSync(temporary(files[key]), files[key]);
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    throw error;
  }
  return {
    kind: 'report-written',
    month: model.month,
    files,
    bytes: { xlsx: contents.xlsx.byteLength, html: contents.html.byteLength, json: contents.json.byteLength },
    pivots: rendered.pivots,
    findings: model.findings.map((f) => f.headline),
    omitted: model.sections.flatMap((s) =>
      s.status === 'omitted' ? [{ section: s.id, reason: s.reason }] : [],
    ),
    timingsMs: rendered.timingsMs,
    warnings: rendered.warnings,
    model,
  };
}

/** Whether a process with this id is running (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of reviews whose writer was killed (`mbr-*.<pid>.partial` of a
 * process that no longer runs); a writer still running keeps its own.
 */
export function removeAbandonedPartials(outDir: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(outDir)) {
    const m = /^mbr-.+\.(\d+)\.partial$/.exec(name);
    if (m === null || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    rmSync(join(outDir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
