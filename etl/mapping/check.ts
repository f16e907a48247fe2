import { isAbsolute, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { readHead } from '../ingest/csv-scan.ts';
import { headerNames } from '../ingest/header.ts';
import { LandingSources } from '../ingest/sources.ts';
import { compileSource, MissingSourceColumn } from './compile.ts';
import { loadMapping } from './load.ts';
import type { SourceSpec, TextEncoding } from './types.ts';

/** What `shopstat mapping check` finds: JSON-serialisable. */
export interface MappingCheckResult {
  readonly kind: 'mapping_check';
  readonly mapping: string;
  readonly name: string;
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
  }[];
  readonly ok: boolean;
}

/**
 * Checks a mapping file, and optionally its fit to a landing folder's files (which source reads
 * each file, and whether each file's header has every column the mapping reads), without loading
 * anything.
 *
 * @throws InvalidArgumentError for a mapping that is not valid (naming its line).
 */
export async function checkMapping(mappingPath: string, landing?: string): Promise<MappingCheckResult> {
  const mapping = loadMapping(mappingPath);
  const files: MappingCheckResult['files'][number][] = [];
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
      files.push({
        file: f.name,
        sourceLine: source.line,
        ...headerFit(source, mapping.file, await readHeader(f.path, source.encoding)),
      });
    }
  }
  return {
    kind: 'mapping_check',
    mapping: mapping.file,
    name: mapping.name,
    sources: mapping.sources.map((s) => ({
      line: s.line,
      files: s.files,
      encoding: s.encoding,
      rows: s.rows,
      entities: s.entities.map((e) => e.entity),
    })),
    files,
    ok: files.every((f) => f.status !== 'error'),
  };
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
  const lines = [`mapping ${r.mapping}: ${r.name}`];
  for (const s of r.sources) {
    lines.push(
      `  source at line ${s.line}: ${s.files.join(', ')} (${s.encoding}) → rows of ${s.rows}; entities ${s.entities.join(', ')}`,
    );
  }
  for (const f of r.files) {
    lines.push(`  ${f.status.padEnd(8)} ${f.file}${f.detail === null ? '' : `: ${f.detail}`}`);
  }
  lines.push(r.ok ? 'ok' : 'errors found: files marked error would be rejected whole (exit code 2)');
  return lines.join('\n');
}
