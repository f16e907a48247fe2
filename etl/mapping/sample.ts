import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InvalidArgumentError, ShopstatError } from '../../src/errors.ts';
import { qualifiedName, type Warehouse, withWarehouse } from '../../src/warehouse/index.ts';
import type { EntityName } from '../contract.ts';
import { readHead } from '../ingest/csv-scan.ts';
import { readRawRecords } from '../ingest/raw-records.ts';
import type { LandingFile } from '../landing.ts';
import { type EtlFileReport, runEtl } from '../runner.ts';
import type { Mapping, SourceSpec } from './types.ts';

/** Defaults of {@link SampleOptions}, stated once. */
export const SAMPLE_DEFAULTS = {
  /** Data records sampled from the start of each file: 1,000. */
  records: 1000,
  /** Most records a sample may take: 100,000. */
  maxRecords: 100_000,
  /** Most bytes read from the start of each file (decompressed): 8 MiB; fewer records if they are longer. */
  headBytes: 8 * 1024 * 1024,
  /**
   * A file is flagged when more than this share of its sampled rows would be rejected: 0.5
   * (reasons that depend on other files not counted).
   */
  mostlyRejectedShare: 0.5,
} as const;

export interface SampleOptions {
  /** Data records taken from the start of each file; default {@link SAMPLE_DEFAULTS}.records. */
  readonly records?: number;
  /** Reporting time zone the run would use; default `'UTC'`. */
  readonly timeZone?: string;
}

/** What loading the start of one file would do: JSON-serialisable. */
export interface FileSampleReport {
  /** Data records taken from the start of the file (fewer when the file or the read bound ends first). */
  readonly records: number;
  /** Rows of the sample the loader read (rows of the source's rows entity). */
  readonly rowsRead: number;
  readonly rowsRejected: number;
  /**
   * Per reason, most rows first: how many sampled rows it rejects and the first one's detail.
   * `acrossFiles` marks `unknown_product`: whether a product exists depends on other files, of
   * which only the first records are sampled too, so it is listed but not counted as a misfit.
   */
  readonly rejected: readonly {
    readonly reason: string;
    readonly rows: number;
    readonly example: string | null;
    readonly acrossFiles: boolean;
  }[];
  /** The sample is rejected whole (e.g. `missing_column`): its reason and detail; else null. */
  readonly rejectedWhole: { readonly reason: string; readonly detail: string | null } | null;
  /** `rejected_whole` or `mostly_rejected` (more than half of the sample rejected: a mapping that does not fit). */
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

/**
 * Loads the first records of landing files through the real loader, to show what a run would
 * reject without touching any warehouse: for each file, its header and first `records` data
 * records (whole records, so a quoted value spanning lines stays whole, and byte for byte, so the
 * file's encoding, BOM and line breaks stay as they are; gzip again for a `.gz`) are written into
 * a temporary landing folder under the same name, loaded by {@link runEtl} with the same mapping
 * into a temporary warehouse, and the per-reason counts and the first `_detail` of each reason
 * are read back from the run's result and quarantine. Both folders are removed afterwards.
 *
 * @throws InvalidArgumentError for a record count outside 1 to {@link SAMPLE_DEFAULTS}.maxRecords
 *   or a bad time zone.
 * @throws ShopstatError naming the files when the sample load itself fails (not a rejection).
 */
export async function sampleLanding(
  mapping: Mapping,
  files: readonly { readonly file: LandingFile; readonly source: SourceSpec }[],
  options: SampleOptions = {},
): Promise<Map<string, FileSampleReport>> {
  const records = options.records ?? SAMPLE_DEFAULTS.records;
  if (!Number.isInteger(records) || records < 1 || records > SAMPLE_DEFAULTS.maxRecords) {
    throw new InvalidArgumentError(
      `mapping check: the sample must be 1 to ${SAMPLE_DEFAULTS.maxRecords} records, got ${records}`,
    );
  }
  const reports = new Map<string, FileSampleReport>();
  if (files.length === 0) return reports;
  const work = mkdtempSync(join(tmpdir(), 'shopstat-sample-'));
  try {
    const landing = join(work, 'landing');
    mkdirSync(landing);
    const taken = new Map<string, number>();
    for (const [i, { file }] of files.entries()) {
      const head = await sampleHead(file.path, records, join(work, `view-${i}.csv`));
      writeFileSync(join(landing, file.name), /\.gz$/i.test(file.name) ? gzipSync(head.bytes) : head.bytes);
      taken.set(file.name, head.records);
    }
    const result = await runEtl({
      landing,
      warehouse: join(work, 'sample.duckdb'),
      mapping,
      timeZone: options.timeZone ?? 'UTC',
      warehouseOptions: { threads: 1, memoryLimit: '512MB' },
    }).catch((e: unknown) => {
      if (e instanceof InvalidArgumentError) throw e;
      throw new ShopstatError(
        `mapping check: loading the first records of ${files.map((f) => f.file.name).join(', ')} failed: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    });
    await withWarehouse(join(work, 'sample.duckdb'), { threads: 1, readOnly: true }, async (wh) => {
      for (const { file, source } of files) {
        const run = result.files.find((f) => f.file === file.name);
        const examples = await firstDetails(wh, source.rows, file.name);
        reports.set(file.name, fileReport(file.name, taken.get(file.name) ?? 0, run, examples));
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return reports;
}

/** Per reason, the detail (or, without one, the raw record) of a file's first quarantined row. */
async function firstDetails(
  wh: Warehouse,
  entity: EntityName,
  file: string,
): Promise<Map<string, string | null>> {
  const rows = await wh.all<{ reason: string; example: string | null }>(
    `select _reason as reason, arg_min(coalesce(_detail, _raw), _row_number) as example
     from ${qualifiedName('quarantine', entity)} where _source_file = $file group by _reason`,
    { file },
  );
  return new Map(rows.map((r) => [r.reason, r.example]));
}

/** The run's outcome for one sampled file, with its examples and warnings. */
function fileReport(
  name: string,
  records: number,
  run: EtlFileReport | undefined,
  examples: ReadonlyMap<string, string | null>,
): FileSampleReport {
  const rowsRead = run?.rowsRead ?? 0;
  const rowsRejected = run?.rowsRejected ?? 0;
  const rejected = Object.entries(run?.rejectedByReason ?? {})
    .map(([reason, rows]) => ({
      reason,
      rows,
      example: examples.get(reason) ?? null,
      acrossFiles: ACROSS_FILES.includes(reason),
    }))
    .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
  const rejectedWhole =
    run === undefined || run.action === 'reject'
      ? { reason: run?.reason ?? 'not_loaded', detail: run?.detail ?? null }
      : null;
  const report = { records, rowsRead, rowsRejected, rejected, rejectedWhole };
  if (rejectedWhole !== null) {
    const detail = rejectedWhole.detail === null ? '' : `: ${rejectedWhole.detail}`;
    return {
      ...report,
      warnings: [
        {
          code: 'rejected_whole',
          message: `${name}: the whole file would be rejected as ${rejectedWhole.reason}${detail}`,
        },
      ],
    };
  }
  const misfits = rejected.filter((x) => !x.acrossFiles);
  const misfitRows = misfits.reduce((sum, x) => sum + x.rows, 0);
  if (rowsRead === 0 || misfitRows / rowsRead <= SAMPLE_DEFAULTS.mostlyRejectedShare)
    return { ...report, warnings: [] };
  const top = misfits[0] as (typeof misfits)[number];
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    ...report,
    warnings: [
      {
        code: 'mostly_rejected',
        message: `${name}: ${n(misfitRows)} of the first ${n(rowsRead)} rows would be rejected (${Math.round((100 * misfitRows) / rowsRead)}%), most as ${top.reason}${top.example === null ? '' : ` (${top.example})`}; the mapping (a date format, a column) does not seem to fit this file`,
      },
    ],
  };
}

/** Reasons that depend on other files than the row's own. */
const ACROSS_FILES: readonly string[] = ['unknown_product'];

const CR = 13;
const LF = 10;

/**
 * The header and first `records` data records of a file, byte for byte as stored (decompressed),
 * cut after a whole record. Records are found by the loader's own record reader
 * ({@link readRawRecords}) on a Latin-1 view of the bytes written to `viewPath`: every byte is one
 * character there and quotes, commas and line breaks are the same bytes, so each record's length
 * in characters is its length in the file, whatever the file's encoding.
 */
async function sampleHead(
  path: string,
  records: number,
  viewPath: string,
): Promise<{ bytes: Buffer; records: number }> {
  const read = await readHead(path, SAMPLE_DEFAULTS.headBytes + 1);
  const cut = read.length > SAMPLE_DEFAULTS.headBytes;
  const head = read.subarray(0, SAMPLE_DEFAULTS.headBytes);
  writeFileSync(viewPath, head.toString('latin1'), 'utf8');
  const wanted = Array.from({ length: records + 1 }, (_, i) => i);
  const found = await readRawRecords(viewPath, wanted);
  let end = 0;
  let taken = 0;
  for (const index of wanted) {
    const text = found.get(index);
    if (text === undefined) break;
    let next = end + text.length;
    if (head[next] === CR) next++;
    if (head[next] === LF) next++;
    else if (next < head.length || cut) break; // the record may go on past the bytes read
    end = next;
    if (index > 0) taken++;
  }
  return { bytes: head.subarray(0, end), records: taken };
}
