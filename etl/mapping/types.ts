import type { EntityName } from '../contract.ts';

/**
 * A source mapping (docs: README "Source mappings"): how files of another layout become rows of
 * the data contract's entities. Everything is declarative: expressions are a small closed set of
 * operations compiled to SQL by shopstat, never SQL text from the user.
 */
export interface Mapping {
  /** Path of the mapping file, for messages. */
  readonly file: string;
  readonly name: string;
  readonly sources: readonly SourceSpec[];
  /** Globs of files the mapping leaves out on purpose (listed, no warning). */
  readonly ignore: readonly string[];
}

export type TextEncoding = 'utf-8' | 'latin1' | 'windows-1252';

export interface SourceSpec {
  /** 1-based line of the source in the mapping file. */
  readonly line: number;
  /** Globs of landing file names this source reads. */
  readonly files: readonly string[];
  readonly encoding: TextEncoding;
  /** The entity each data row of the file is a row of: row accounting is kept in its terms. */
  readonly rows: EntityName;
  /** Exact duplicate rows (beyond the first in a file): kept, or rejected as `duplicate_row`. */
  readonly duplicates: 'keep' | 'reject';
  /** Source columns compared to find duplicates; empty = all columns. */
  readonly duplicateColumns: readonly SourceColumnRef[];
  /** Rules of the mapping's own, checked before the contract's, in order. */
  readonly reject: readonly RejectRule[];
  /** Contract columns of the row entity and of the entities derived from the same row. */
  readonly entities: readonly EntityMapping[];
  /** Keys looked up in other files of the landing zone, by name (`{ lookup: name, key: ... }`). */
  readonly lookups: readonly LookupSpec[];
}

/**
 * A lookup: the `value` column of the landing files matching `files`, found by their `key`
 * column. Olist's orders name a per-order `customer_id` that its customers file maps to the
 * person (`customer_unique_id`).
 */
export interface LookupSpec {
  readonly line: number;
  readonly name: string;
  readonly files: readonly string[];
  readonly encoding: TextEncoding;
  readonly key: SourceColumnRef;
  readonly value: SourceColumnRef;
}

export interface SourceColumnRef {
  readonly name: string;
  readonly line: number;
}

export interface RejectRule {
  readonly line: number;
  /** A reason of the mapping's own, e.g. `stock_adjustment`. */
  readonly reason: string;
  readonly when: Condition;
}

export interface EntityMapping {
  readonly line: number;
  readonly entity: EntityName;
  /** Contract column → expression; columns left out are missing (NULL). */
  readonly columns: readonly { readonly column: string; readonly line: number; readonly expr: Expr }[];
}

/** A value expression: its result is text (or missing), which the contract then validates. */
export type Expr =
  | { readonly op: 'column'; readonly line: number; readonly name: string }
  | { readonly op: 'const'; readonly line: number; readonly value: string | null }
  | { readonly op: 'trim' | 'upper' | 'lower' | 'abs'; readonly line: number; readonly arg: Expr }
  | { readonly op: 'strip_prefix'; readonly line: number; readonly arg: Expr; readonly prefix: string }
  | { readonly op: 'round'; readonly line: number; readonly arg: Expr; readonly decimals: number }
  | {
      readonly op: 'add' | 'sub' | 'mul' | 'div';
      readonly line: number;
      readonly args: readonly [Expr, Expr];
      readonly decimals: number;
    }
  /** Parsed with the first format that matches; all formats share one day-month order. */
  | { readonly op: 'date'; readonly line: number; readonly arg: Expr; readonly formats: readonly string[] }
  | {
      readonly op: 'map';
      readonly line: number;
      readonly arg: Expr;
      readonly values: readonly (readonly [string, string | null])[];
      /** Unmapped values: kept as they are (then validated by the contract) or made missing. */
      readonly other: 'keep' | 'empty';
    }
  | {
      readonly op: 'if';
      readonly line: number;
      readonly cond: Condition;
      /** `then:` in the mapping. */
      readonly ifTrue: Expr;
      /** `else:` in the mapping; missing when left out. */
      readonly ifFalse: Expr;
    }
  | { readonly op: 'coalesce' | 'concat'; readonly line: number; readonly args: readonly Expr[] }
  | { readonly op: 'line_number'; readonly line: number; readonly per: readonly SourceColumnRef[] }
  /** The lookup's value for the key; missing when the key is not found or has two values. */
  | { readonly op: 'lookup'; readonly line: number; readonly name: string; readonly key: Expr };

/** A condition on a row; a missing value makes a comparison false. */
export type Condition =
  | { readonly op: 'empty'; readonly line: number; readonly arg: Expr }
  | { readonly op: 'starts_with'; readonly line: number; readonly arg: Expr; readonly prefix: string }
  | { readonly op: 'equals'; readonly line: number; readonly arg: Expr; readonly value: string }
  | { readonly op: 'in'; readonly line: number; readonly arg: Expr; readonly values: readonly string[] }
  | { readonly op: 'below' | 'above'; readonly line: number; readonly arg: Expr; readonly value: number }
  | { readonly op: 'not'; readonly line: number; readonly cond: Condition }
  | { readonly op: 'all' | 'any'; readonly line: number; readonly conds: readonly Condition[] };
