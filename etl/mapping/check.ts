import { isAbsolute, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { entityForFile } from '../contract.ts';
import { readHead } from '../ingest/csv-scan.ts';
import { headerNames } from '../ingest/header.ts';
import { LandingSources } from '../ingest/sources.ts';
import type { LandingFile } from '../landing.ts';
import { compileSource, MissingSourceColumn } from './compile.ts';
import { loadMapping } from './load.ts';
import { type FileSampleReport, SAMPLE_DEFAULTS, sampleLanding } from './sample.ts';
import type { SourceSpec, TextEncoding } from './types.ts';

/** Options of {@link checkMapping}; defaults stated per field and recorded in the result. */
export interface MappingCheckOptions {
  /**
   * Data records loaded from the start of each file a source reads, to report what would be
   * rejected; default {@link SAMPLE_DEFAULTS}.records (1,000); 0 checks headers only.
   */
  readonly sampleRecords?: number;
  /** Reporting time zone of the sample load; default `'UTC'`. */
  readonly timeZone?: string;
}

/** What `shopstat mapping check` finds: JSON-serialisable. */
export interface MappingCheckResult {
  readonly kind: 'mapping_check';
  readonly mapping: string;
  readonly name: string;
  readonly options: {
    readonly landing: string | null;
    readonly sampleRecords: number;
    readonly timeZone: string;
  };
  readonly sources: readonly {
    readonly line: number;
    readonly files: readonly string[];
    readonly encoding: TextEncoding;
    readonly rows: string;
    readonly entities: readonly string[];
  }[];
  /** Landing files and what the mapping makes of them; empty without a landing folder. */
  readonly files: readonly {
    readonly file: string;
    /** Line of the source that reads the file, or null. */
    readonly sourceLine: number | null;
    readonly status: 'ok' | 'error' | 'ignored' | 'unmapped';
    readonly detail: string | null;
    /** What loading the file's first records would do; null when not sampled (not `ok`, or no sample). */
    readonly sample: FileSampleReport | null;
  }[];
  /** The samples' warnings: files rejected whole or mostly rejected. */
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
  /** No file is an error, and no sample is rejected whole or mostly rejected (else exit code 2). */
  readonly ok: boolean;
}

/**
 * Checks a mapping file, and optionally its fit to a landing folder's files without loading
 * anything into a warehouse: which source reads each file, whether each file's header has every
 * column the mapping reads, and, for each file that fits, what loading its first records would
 * reject (see {@link sampleLanding}).
 *
 * @throws InvalidArgumentError for a mapping that is not valid (naming its line).
 */
export async function checkMapping(
  mappingPath: string,
  landing?: string,
  options: MappingCheckOptions = {},
): Promise<MappingCheckResult> {
  const mapping = loadMapping(mappingPath);
  const sampleRecords = options.sampleRecords ?? SAMPLE_DEFAULTS.records;
  const timeZone = options.timeZone ?? 'UTC';
  const files: Omit<MappingCheckResult['files'][number], 'sample'>[] = [];
  const fitting: { file: LandingFile; source: SourceSpec }[] = [];
  if (landing !== undefined) {
    const sources = new LandingSources(isAbsolute(landing) ? landing : resolve(landing), mapping);
    for (const f of sources.files) {
      if (sources.ignored(f)) {
        files.push({ file: f.name, sourceLine: null, status: 'ignored', detail: null });
        continue;
      }
      const source = sources.source(f);
      if (source === undefined) {
        files.push({
          file: f.name,
          sourceLine: null,
          status: 'unmapped',
          detail:
            f.entity === null
              ? 'matches no source and no entity name: skipped with a warning'
              : `loads as contract entity ${f.entity}`,
        });
        continue;
      }
      const fit = headerFit(source, mapping.file, await readHeader(f.path, source.encoding));
      files.push({
        file: f.name,
        sourceLine: source.line,
        ...fit,
        detail: withContractName(f.name, fit.detail),
      });
      if (fit.status === 'ok') fitting.push({ file: f, source });
    }
  }
  const samples =
    sampleRecords === 0
      ? new Map()
      : await sampleLanding(mapping, fitting, { records: sampleRecords, timeZone });
  const checked = files.map((f) => ({ ...f, sample: samples.get(f.file) ?? null }));
  const warnings = checked.flatMap((f) => f.sample?.warnings ?? []);
  return {
    kind: 'mapping_check',
    mapping: mapping.file,
    name: mapping.name,
    options: { landing: landing ?? null, sampleRecords, timeZone },
    sources: mapping.sources.map((s) => ({
      line: s.line,
      files: s.files,
      encoding: s.encoding,
      rows: s.rows,
      entities: s.entities.map((e) => e.entity),
    })),
    files: checked,
    warnings,
    ok: checked.every((f) => f.status !== 'error') && warnings.length === 0,
  };
}

/**
 * A file a source reads whose name is also a contract file name (contract section 1) is read by
 * the mapping, not by the contract: said in its detail, since a glob like `*.csv` takes such files
 * by accident.
 */
function withContractName(name: string, detail: string | null): string | null {
  const entity = entityForFile(name);
  if (entity === null) return detail;
  const note = `its name is also the contract's name for ${entity}, but this mapping's source reads it; narrow the source's files if it is a contract file`;
  return detail === null ? note : `${detail}; ${note}`;
}

function headerFit(
  source: SourceSpec,
  mappingFile: string,
  header: string | null,
): { status: 'ok' | 'error'; detail: string | null } {
  if (header === null) return { status: 'error', detail: 'the file is empty (no header)' };
  const names = headerNames(header);
  if (!names.ok) return { status: 'error', detail: names.detail };
  try {
    compileSource(source, mappingFile, names);
    return { status: 'ok', detail: `${names.names.length} columns, rows become ${source.rows}` };
  } catch (e) {
    if (e instanceof MissingSourceColumn) return { status: 'error', detail: e.message };
    throw e;
  }
}

/** The first line of a file in its encoding, without a BOM or line break; null when empty. */
async function readHeader(path: string, encoding: TextEncoding): Promise<string | null> {
  const bytes = await readHead(path, 1024 * 1024);
  const text =
    encoding === 'utf-8' ? bytes.toString('utf8').replace(/^\uFEFF/, '') : iconv.decode(bytes, encoding);
  const line = text.split('\n')[0]?.replace(/\r$/, '') ?? '';
  return line.trim() === '' ? null : line;
}

/** The readable form of a check. */
export function formatMappingCheck(r: MappingCheckResult): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [`mapping ${r.mapping}: ${r.name}`];
  for (const s of r.sources) {
    lines.push(
      `  source at line ${s.line}: ${s.files.join(', ')} (${s.encoding}) → rows of ${s.rows}; entities ${s.entities.join(', ')}`,
    );
  }
  for (const f of r.files) {
    lines.push(`  ${f.status.padEnd(8)} ${f.file}${f.detail === null ? '' : `: ${f.detail}`}`);
    const sample = f.sample;
    if (sample === null || sample.rejectedWhole !== null) continue;
    lines.push(
      `           first ${n(sample.records)} records: ${n(sample.rowsRead)} rows read, ${n(sample.rowsRejected)} would be rejected`,
    );
    for (const x of sample.rejected) {
      const across = x.acrossFiles ? ' (depends on other files, sampled too: not counted as a misfit)' : '';
      lines.push(
        `             ${x.reason} ${n(x.rows)}${x.example === null ? '' : `, e.g. ${x.example}`}${across}`,
      );
    }
  }
  for (const w of r.warnings) lines.push(`warning: ${w.message}`);
  lines.push(
    r.ok
      ? 'ok'
      : 'errors found: files marked error, and sampled files rejected whole or mostly rejected, would not load as they should (exit code 2)',
  );
  return lines.join('\n');
}
