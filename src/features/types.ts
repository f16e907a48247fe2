/**
 * The shared shape of time features (src/features): each feature family turns a date column into
 * SQL column expressions that DuckDB evaluates over the whole table, so features are added at
 * warehouse scale without a row reaching JavaScript. The `shopstat features` command and the
 * library combine families into one `select *, <columns> from <table> <joins>`.
 */

/** What a family needs to know about the date column. */
export interface FeatureContext {
  /**
   * The SQL expression of the row's local calendar date (DATE), already in the reporting zone:
   * e.g. `cast(timezone('Europe/Berlin', "order_ts") as date)` or `"date"`. Quoted by the caller.
   */
  readonly date: string;
  /** The SQL expression of the local wall-clock TIMESTAMP when the column has a time, else null. */
  readonly localTimestamp: string | null;
  /** The IANA zone the date is taken in (stated in results). */
  readonly timeZone: string;
  /** The table's columns (name and DuckDB type), e.g. to find a country or group column. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** One feature column: its name, SQL expression, DuckDB type and what it means. */
export interface FeatureColumn {
  readonly name: string;
  readonly sql: string;
  readonly type: string;
  readonly description: string;
}

/** A family's contribution to the select. */
export interface FeatureSet {
  /** The family as the user named it, e.g. `calendar`, `retail:nrf`, `season:india`. */
  readonly spec: string;
  readonly columns: readonly FeatureColumn[];
  /**
   * Statements run first on the same connection (e.g. a temp table of holiday dates), each
   * `{ sql, params }`; table names they create start with `_features_` and are temporary.
   */
  readonly setup: readonly { readonly sql: string; readonly params?: Readonly<Record<string, unknown>> }[];
  /** Join clauses appended after `from <table> t` (columns of the table are `t."col"`). */
  readonly joins: readonly string[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}
