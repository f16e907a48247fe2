import { isGzip } from './content-hash.ts';
import { decideAction } from './file-actions.ts';
import type { CsvScan } from './ingest/csv-scan.ts';
import { FileRejection } from './ingest/file-rejection.ts';
import type { LandingSources } from './ingest/sources.ts';
import { hashFile } from './ingest/transcode.ts';
import type { LandingFile } from './landing.ts';
import type { FileJudge, LedgerRow } from './ledger.ts';

/** A file's scan, or why scanning it failed (with its stored bytes' hash when they could be read). */
export type Scanned =
  | { readonly scan: CsvScan; readonly ms: number }
  | {
      readonly rejection: { readonly reason: string; readonly detail: string };
      readonly sha256: string;
      readonly bytes: number;
      readonly ms: number;
    };

/**
 * Starts the scans of the files to read, one after another in the background, so the scans of
 * later entities overlap the loading of earlier ones. A scan that throws rejects only its file:
 * with the reason of a {@link FileRejection}, otherwise `unreadable` naming the file.
 */
export function scanInBackground(
  run: { readonly sources: LandingSources; readonly judge: FileJudge },
  entries: readonly { readonly file: LandingFile; readonly problem: unknown }[],
  ledger: ReadonlyMap<string, LedgerRow>,
  loadedContent: ReadonlyMap<string, string>,
  wanted: (file: LandingFile) => boolean,
): Map<string, Promise<Scanned>> {
  const scans = new Map<string, Promise<Scanned>>();
  let chain: Promise<unknown> = Promise.resolve();
  for (const { file, problem } of entries) {
    if (problem !== null || file.entity === null || run.sources.ignored(file)) continue;
    // A file that will not be loaded is only hashed, not re-encoded.
    const notLoaded = (sha256: string) => {
      const action = decideAction(ledger.get(file.name), sha256, wanted(file), run.judge);
      // A plain file's stored bytes are its content: a copy of a loaded file is not re-encoded.
      const copy = isGzip(file.name) ? undefined : loadedContent.get(sha256);
      return (
        action === 'skip' ||
        action === 'rejected_before' ||
        (action === 'load' && copy !== undefined && copy !== file.name)
      );
    };
    const scan = chain.then(() => scanFile(run.sources, file, notLoaded));
    scans.set(file.path, scan);
    chain = scan;
  }
  return scans;
}

async function scanFile(
  sources: LandingSources,
  file: LandingFile,
  notLoaded: (sha256: string) => boolean,
): Promise<Scanned> {
  const t0 = Date.now();
  try {
    return { scan: await sources.scan(file, notLoaded), ms: Date.now() - t0 };
  } catch (error) {
    const rejection =
      error instanceof FileRejection
        ? { reason: error.reason, detail: error.detail }
        : {
            reason: 'unreadable',
            detail: `${file.name}: the file could not be read: ${error instanceof Error ? error.message : String(error)}`,
          };
    // The stored bytes' hash, when they can be read, tells a fixed file from the same one.
    let content = { sha256: '', bytes: 0 };
    try {
      content = await hashFile(file.path);
    } catch {
      // Unreadable as stored too.
    }
    return { rejection, ...content, ms: Date.now() - t0 };
  }
}
