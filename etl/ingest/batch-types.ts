import type { CsvScan } from './csv-scan.ts';
import type { StagePlan } from './plan.ts';
import type { RecordNumbering } from './record-numbering.ts';

/** The types a load batch is described by and reports with. */
/** One file of a load batch. */
export interface FileLoad {
  readonly path: string;
  /** Name recorded in `_source_file` and the ledger (relative to the landing folder). */
  readonly fileName: string;
  readonly scan: CsvScan;
  readonly fileId: number;
  /** Delete the file's earlier bronze and quarantine rows first (`--reprocess`). */
  readonly replaceExisting: boolean;
}

/**
 * When a file is rejected whole for its rejected rows: more than `share` (0-1) of its records
 * rejected, for any reason (the mapping's own included), in a file of at least `minRows` records.
 * The first `keep` rejected rows stay in quarantine so the user sees why.
 */
export interface RejectThreshold {
  readonly share: number;
  readonly minRows: number;
  readonly keep: number;
}

/** The default `--max-rejected`: a quarter of the rows, from 100 records on; 100 rows kept. */
export const DEFAULT_MAX_REJECTED: RejectThreshold = { share: 0.25, minRows: 100, keep: 100 };

/** Files of one entity with the same header layout (and mapping source), loaded together. */
export interface LoadBatch {
  readonly plan: StagePlan;
  /** In the order they are applied (byte order of their names). */
  readonly files: readonly FileLoad[];
  readonly runId: number;
  readonly ingestedAt: string;
  readonly timeZone: string;
  /** Default {@link DEFAULT_MAX_REJECTED}. */
  readonly maxRejected?: RejectThreshold;
}

export interface FileLoadCounts {
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly rejectedByReason: Readonly<Record<string, number>>;
}

/**
 * What became of one file of a batch: loaded, or rejected whole (nothing of it in bronze) with a
 * whole-file reason (`unreadable`, `currency_mismatch`, `too_many_rejected`) and a detail that
 * names the file. A rejected file's `counts` are those its rows would have had, when it was read.
 */
export type FileOutcome =
  | { readonly kind: 'loaded'; readonly counts: FileLoadCounts }
  | {
      readonly kind: 'rejected';
      readonly reason: string;
      readonly detail: string;
      readonly counts: FileLoadCounts | null;
    };

export interface BatchResult {
  /** By file id. */
  readonly outcomes: ReadonlyMap<number, FileOutcome>;
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

export type Rejection = { readonly reason: string; readonly detail: string };

/** A file of the batch that was read and numbered, and waits for the transaction. */
export interface Loadable {
  readonly file: FileLoad;
  /** Its index `_fi` among the files staged. */
  readonly fi: number;
  /** Rows DuckDB accepted into staging. */
  readonly staged: number;
  readonly numbering: RecordNumbering;
}

/** Files read and numbered, and those rejected whole on the way. */
export interface StagedBatch {
  readonly loadable: readonly Loadable[];
  readonly rejected: ReadonlyMap<number, Rejection>;
  /** Files staged (the length of the per-file lists written into SQL). */
  readonly stagedCount: number;
}
