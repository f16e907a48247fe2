import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentSha256 } from '../content-hash.ts';
import type { EntitySpec } from '../contract.ts';
import { byteOrder, type LandingFile, listLanding, matchesGlob } from '../landing.ts';
import { compileSource, MissingSourceColumn } from '../mapping/compile.ts';
import type { Mapping, SourceSpec } from '../mapping/types.ts';
import { type CsvScan, readHead, scanCsvFile, trimCutCharacter } from './csv-scan.ts';
import { encodingIssueMessage, utf8DeclaredAsLatin } from './encoding-guard.ts';
import { headerNames, mapHeader } from './header.ts';
import { contractPlan, type StagePlan } from './plan.ts';
import { writeLfCopy } from './raw-records.ts';
import { hashFile, transcodeToUtf8 } from './transcode.ts';

/** The outcome of the whole-file checks: the file's staging plan, or why the file is rejected. */
export type WholeFileCheck =
  | { readonly ok: true; readonly plan: StagePlan }
  | { readonly ok: false; readonly reason: string; readonly detail: string };

/**
 * The whole-file checks of the contract: empty, not text, a header lacking a required column (or,
 * for a mapped file, a column its mapping reads). Gives the file's staging plan.
 */
export function checkWholeFile(
  scan: CsvScan,
  entity: EntitySpec,
  mapped?: { readonly source: SourceSpec; readonly mappingFile: string },
): WholeFileCheck {
  if (scan.empty) return { ok: false, reason: 'empty_file', detail: 'the file is empty (no header)' };
  if (!scan.looksLikeText) return { ok: false, reason: 'not_text', detail: 'the file is not UTF-8 text' };
  if (mapped !== undefined) {
    const names = headerNames(scan.header ?? '');
    if (!names.ok) return { ok: false, reason: names.reason, detail: names.detail };
    try {
      return { ok: true, plan: compileSource(mapped.source, mapped.mappingFile, names) };
    } catch (e) {
      if (e instanceof MissingSourceColumn) return { ok: false, reason: 'missing_column', detail: e.message };
      throw e;
    }
  }
  const header = mapHeader(scan.header ?? '', entity);
  return header.ok
    ? { ok: true, plan: contractPlan(entity, header.mapping) }
    : { ok: false, reason: header.reason, detail: header.detail };
}

/**
 * The files of a landing folder and how a run reads each: by the contract's file names, or
 * through the source of a mapping that matches it (files under the mapping's `ignore` are left
 * out). Latin-1 and Windows-1252 sources are re-encoded as UTF-8 into a temporary folder for
 * DuckDB's reader; `close()` removes it.
 */
export class LandingSources {
  /** Every landing file, its entity taken from its mapping source when one matches. */
  readonly files: readonly LandingFile[];
  private readonly sourceOf = new Map<string, SourceSpec>();
  private readonly ignoredPaths = new Set<string>();
  private readonly readable = new Map<string, string>();
  private transcodeDir: string | null = null;
  private copies = 0;
  /** UTF-8 copies of lookup files, by landing path. */
  private readonly lookupCopies = new Map<string, string>();

  constructor(
    landingDir: string,
    readonly mapping: Mapping | null,
    /**
     * `followSymlinks`: list symlinks out of the landing folder (default false); `tempParent`:
     * the folder the UTF-8 copies are made in (default the system's temporary folder).
     */
    private readonly options: { readonly followSymlinks?: boolean; readonly tempParent?: string } = {},
  ) {
    this.files = listLanding(landingDir, { followSymlinks: options.followSymlinks === true }).map((f) => {
      if (mapping === null) return f;
      if (mapping.ignore.some((g) => matchesSourceGlob(f.name, g))) {
        this.ignoredPaths.add(f.path);
        return { ...f, entity: null };
      }
      const source = mapping.sources.find((s) => s.files.some((g) => matchesSourceGlob(f.name, g)));
      if (source === undefined) return f;
      this.sourceOf.set(f.path, source);
      return { ...f, entity: source.rows };
    });
  }

  /** The mapping source that reads the file, if any. */
  source(file: LandingFile): SourceSpec | undefined {
    return this.sourceOf.get(file.path);
  }

  /** Whether the mapping leaves the file out on purpose. */
  ignored(file: LandingFile): boolean {
    return this.ignoredPaths.has(file.path);
  }

  /**
   * Scans a file (hash of the bytes as stored; records of its UTF-8 text). A file in another
   * encoding is re-encoded first, unless `unchanged(sha256)` says it is loaded already and will
   * be skipped: then only its hash is taken.
   */
  async scan(file: LandingFile, unchanged: (sha256: string) => boolean): Promise<CsvScan> {
    const source = this.sourceOf.get(file.path);
    await this.prepareLookups(source);
    if (source === undefined || source.encoding === 'utf-8') {
      return this.withLfCopy(file, file.path, await scanCsvFile(file.path, file.name));
    }
    const hashed = await hashFile(file.path);
    // The content of a compressed file is its decompressed bytes (before re-encoding).
    const stored = { ...hashed, contentSha256: await contentSha256(file.path, hashed.sha256) };
    if (unchanged(stored.sha256)) return { ...SKIPPED_SCAN, ...stored };
    const target = this.copyPath();
    this.readable.set(file.path, target);
    await transcodeToUtf8(file.path, source.encoding, target);
    return this.withLfCopy(file, target, {
      ...(await scanCsvFile(target, file.name)),
      ...stored,
      encodingIssue: null,
    });
  }

  /**
   * UTF-8 copies of the Latin-1 / Windows-1252 lookup files a source reads, made once each in the
   * temporary folder (which the runner cleans, also after a crash).
   */
  private async prepareLookups(source: SourceSpec | undefined): Promise<void> {
    for (const l of source?.lookups ?? []) {
      if (l.encoding === 'utf-8') continue;
      for (const f of this.files.filter((x) => l.files.some((g) => matchesSourceGlob(x.name, g)))) {
        if (this.lookupCopies.has(f.path)) continue;
        const target = this.copyPath();
        await transcodeToUtf8(f.path, l.encoding, target);
        this.lookupCopies.set(f.path, target);
      }
    }
  }

  /** A path in the temporary folder for a copy of a landing file. */
  private copyPath(): string {
    this.transcodeDir ??= mkdtempSync(join(this.options.tempParent ?? tmpdir(), 'shopstat-utf8-'));
    return join(this.transcodeDir, `${this.copies++}.csv`);
  }

  /**
   * A file whose records end in both CRLF and LF, or that holds a stray CR outside quotes, is
   * read from a copy with LF line ends (DuckDB's strict reader stops on either), the records with
   * a stray CR blanked there; the loader quarantines those as `malformed_row`.
   */
  private async withLfCopy(file: LandingFile, readFrom: string, scan: CsvScan): Promise<CsvScan> {
    if (!scan.mixedLineEnds && scan.strayCrRecords.length === 0) return scan;
    const target = this.copyPath();
    await writeLfCopy(readFrom, target, new Set(scan.strayCrRecords));
    this.readable.set(file.path, target);
    return scan;
  }

  /** The path DuckDB reads the file from: the file itself, or its UTF-8 copy. */
  readablePath(file: LandingFile): string {
    return this.readable.get(file.path) ?? file.path;
  }

  /** The whole-file checks, through the file's mapping source when it has one. */
  check(file: LandingFile, scan: CsvScan, entity: EntitySpec): WholeFileCheck {
    const source = this.sourceOf.get(file.path);
    const checked = checkWholeFile(
      scan,
      entity,
      source === undefined || this.mapping === null ? undefined : { source, mappingFile: this.mapping.file },
    );
    if (!checked.ok || (checked.plan.lookups ?? []).length === 0) return checked;
    // A lookup reads the landing files its globs match (in byte order of their names).
    const lookups = (checked.plan.lookups ?? []).map((l) => {
      const matched = this.files
        .filter((f) => l.files.some((g) => matchesSourceGlob(f.name, g)))
        .sort((a, b) => byteOrder(a.name, b.name));
      return {
        ...l,
        paths: matched.map((f) =>
          l.encoding === 'utf-8' ? f.path : (this.lookupCopies.get(f.path) ?? f.path),
        ),
        names: matched.map((f) => f.name),
      };
    });
    return { ok: true, plan: { ...checked.plan, lookups } };
  }

  /**
   * Warnings about the file's text encoding: mojibake or bytes that are not UTF-8 in a UTF-8
   * file, and UTF-8 text in a file its mapping declares Latin-1 / Windows-1252.
   */
  async encodingWarnings(file: LandingFile, scan: CsvScan): Promise<{ code: string; message: string }[]> {
    const warnings: { code: string; message: string }[] = [];
    if (scan.encodingIssue !== null) {
      warnings.push({
        code: scan.encodingIssue.code,
        message: encodingIssueMessage(file.name, scan.encodingIssue),
      });
    }
    const source = this.sourceOf.get(file.path);
    if (source !== undefined && source.encoding !== 'utf-8') {
      const sample = utf8DeclaredAsLatin(trimCutCharacter(await readHead(file.path, PROBE_BYTES), true));
      if (sample !== null) {
        warnings.push({
          code: 'mojibake',
          message: `${file.name} is UTF-8 text ("${sample}"), but the mapping reads it as ${source.encoding}, which turns é into Ã©; declare encoding: utf-8 for it`,
        });
      }
    }
    return warnings;
  }

  /** Removes the UTF-8 copies. */
  close(): void {
    if (this.transcodeDir !== null) rmSync(this.transcodeDir, { recursive: true, force: true });
  }
}

/**
 * Whether a landing file name matches a mapping's glob; a gzip file matches as its `.csv` would,
 * since gzip exports are read like the contract's `.csv.gz` files.
 *
 * @example matchesSourceGlob('Online Retail.csv.gz', 'Online Retail*.csv') // true
 */
export function matchesSourceGlob(name: string, glob: string): boolean {
  return matchesGlob(name, glob) || (/\.gz$/i.test(name) && matchesGlob(name.slice(0, -3), glob));
}

/** How much of a file's start the encoding checks look at. */
const PROBE_BYTES = 64 * 1024;

/** The scan of a file that will be skipped: only its hash and size matter. */
const SKIPPED_SCAN: Omit<CsvScan, 'sha256' | 'bytes' | 'contentSha256'> = {
  bom: false,
  header: null,
  records: 0,
  blankRecords: [],
  looksLikeText: true,
  encodingIssue: null,
  empty: false,
  multiLine: false,
  extraFieldRecords: [],
  strayCrRecords: [],
  mixedLineEnds: false,
};
