import { quoteIdentifier } from '../../src/warehouse/index.ts';
import type { EntitySpec } from '../contract.ts';
import type { HeaderMapping } from './header.ts';
import { type ColumnSources, extraMapSql, rawColumnName, type ValidationRule } from './validation.ts';

/** A column computed while staging a file, by name and SQL expression. */
export interface StageColumn {
  readonly name: string;
  readonly expr: string;
}

/**
 * A lookup table to build before staging: `temp.<table>(k, v)` from the `key` and `value` columns
 * of the landing files at `paths` (filled in by the landing sources; empty when none matches).
 */
export interface LookupPlan {
  readonly table: string;
  readonly name: string;
  /** The mapping file and the lookup's line in it, for messages. */
  readonly mappingFile: string;
  readonly line: number;
  readonly files: readonly string[];
  readonly encoding: 'utf-8' | 'latin1' | 'windows-1252';
  readonly key: string;
  readonly value: string;
  /** Readable paths of the lookup files (UTF-8 copies for other encodings), in name order. */
  readonly paths: readonly string[];
  /** The landing names of those files, for messages. */
  readonly names: readonly string[];
}

/** An entity that rows of a file become, and where each of its contract columns comes from. */
export interface TargetPlan {
  readonly entity: EntitySpec;
  readonly sources: ColumnSources;
  /** How rejection details name a contract column, when not by its name alone. */
  readonly names?: Readonly<Record<string, string>>;
  /** Expression for bronze's `_extra`. */
  readonly extra: string;
}

/**
 * How the rows of one file layout are staged and which entities they become. A contract file is
 * the simple case: raw columns straight into its one entity. A mapped file adds columns computed
 * over the whole file in file order (`windows`: line numbers, duplicate flags), columns computed
 * per row (`mapped`: the mapping's expressions), rules of the mapping's own (checked before the
 * contract's), and entities derived from the same row (an invoice line file gives orders,
 * customers and products too). Row accounting is kept in terms of `rows`.
 */
export interface StagePlan {
  /** Number of fields in the header (raw columns `c0` ... ). */
  readonly width: number;
  readonly windows: readonly StageColumn[];
  /** The mapping numbers the lines (`line_number`), from 1 again in each run. */
  readonly numbersLines?: boolean;
  /** Lookup tables the mapped columns read (`temp.<table>`), built before the files are staged. */
  readonly lookups?: readonly LookupPlan[];
  readonly mapped: readonly StageColumn[];
  readonly rules: readonly ValidationRule[];
  readonly rows: TargetPlan;
  /** Derived entities, in the contract's load order. */
  readonly derived: readonly TargetPlan[];
}

/** The plan of a file in the contract's own layout. */
export function contractPlan(entity: EntitySpec, header: HeaderMapping): StagePlan {
  const sources: Record<string, string | null> = {};
  for (const [column, position] of Object.entries(header.positions)) {
    sources[column] = position === null ? null : quoteIdentifier(rawColumnName(position));
  }
  return {
    width: header.width,
    windows: [],
    mapped: [],
    rules: [],
    rows: { entity, sources, extra: extraMapSql(header.extras) },
    derived: [],
  };
}
