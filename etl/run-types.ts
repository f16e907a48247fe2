import type { WarehouseOptions } from '../src/warehouse/index.ts';
import type { CheckResult } from './checks.ts';
import type { EntityName } from './contract.ts';
import type { FileAction } from './file-actions.ts';
import type { DEFAULT_MAX_REJECTED, RejectThreshold } from './ingest/load-batch.ts';
import type { Mapping } from './mapping/types.ts';
import type { MappingHint } from './mapping-hint.ts';

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

/** What a run reports while it works: a file decided, a file loaded, a model built, a warning, a long step's percentage. */
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

/** What a run did with one landing entry, and the rows it read from it. */
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
