import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHead } from './ingest/csv-scan.ts';
import { headerNames } from './ingest/header.ts';
import { compileSource } from './mapping/compile.ts';
import { loadMapping } from './mapping/load.ts';
import type { Mapping } from './mapping/types.ts';

/** The mappings shipped with shopstat (`etl/mappings/*.yaml`). */
export const SHIPPED_MAPPINGS_DIR = fileURLToPath(new URL('./mappings/', import.meta.url));

/** A shipped mapping whose source columns some landing files' headers hold. */
export interface MappingHint {
  /** The mapping's path, relative to the working folder when it lies below it. */
  readonly mapping: string;
  /** The files whose header fits one of its sources, in the order given. */
  readonly files: readonly string[];
}

/** How much of a file's start is read to find its header line. */
const HEAD_BYTES = 64 * 1024;

/**
 * The shipped mappings that would read files no source matched: a mapping fits a file when one of
 * its sources finds every column it uses in the file's header line (the same test a run applies,
 * {@link compileSource}). Best fit first (most files, then name). Only the first 64 KiB of each
 * file is read; files that cannot be read fit nothing.
 */
export async function shippedMappingHints(
  files: readonly { readonly name: string; readonly path: string }[],
  dir: string = SHIPPED_MAPPINGS_DIR,
): Promise<MappingHint[]> {
  const headers = new Map<string, ReturnType<typeof headerNames>>();
  for (const f of files) {
    try {
      const head = (await readHead(f.path, HEAD_BYTES)).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
      headers.set(f.name, headerNames(head.split('\n', 1)[0]?.replace(/\r$/, '') ?? ''));
    } catch {
      // An unreadable file fits no mapping.
    }
  }
  const hints: MappingHint[] = [];
  for (const name of shippedMappingFiles(dir)) {
    let mapping: Mapping;
    try {
      mapping = loadMapping(join(dir, name));
    } catch {
      continue;
    }
    const fitting = files
      .filter((f) => {
        const header = headers.get(f.name);
        return header?.ok === true && mapping.sources.some((s) => fits(s, mapping.file, header));
      })
      .map((f) => f.name);
    if (fitting.length > 0) hints.push({ mapping: displayPath(join(dir, name)), files: fitting });
  }
  return hints.sort((a, b) => b.files.length - a.files.length || a.mapping.localeCompare(b.mapping));
}

function fits(
  source: Mapping['sources'][number],
  file: string,
  header: { readonly names: readonly string[]; readonly index: ReadonlyMap<string, number> },
): boolean {
  try {
    compileSource(source, file, header);
    return true;
  } catch {
    return false;
  }
}

function shippedMappingFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => /\.ya?ml$/i.test(n))
      .sort();
  } catch {
    return [];
  }
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
