import {
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  type Json,
  JsonDuckDBValueConverter,
} from '@duckdb/node-api';
import { WarehouseError } from '../errors.ts';

/** A JSON-serialisable value: what every cell of a result decodes to. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A row as plain JSON-serialisable data, keyed by column name (see {@link decodeRows} for the types). */
export type Row = Record<string, JsonValue>;

/** A result column: its name as DuckDB reports it and its DuckDB type (`'DECIMAL(18,4)'`, `'BIGINT'`). */
export interface ColumnInfo {
  readonly name: string;
  readonly type: string;
}

/** Something a reader should know about a result, e.g. `non_finite_double`. */
export interface ResultWarning {
  readonly code: 'non_finite_double';
  readonly message: string;
}

const COUNT_TYPES = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

/**
 * Decodes DuckDB values to JSON-serialisable data, the one decoding of the warehouse door:
 *
 * - TINYINT ... INTEGER and their unsigned kinds: numbers. BIGINT, UBIGINT, HUGEINT, UHUGEINT
 *   (counts, sums of counts): numbers; a value beyond ±(2^53 - 1) cannot be a JS number exactly
 *   and throws a {@link WarehouseError} naming the column and the value (cast it to DECIMAL or
 *   VARCHAR in SQL to read it as text).
 * - DECIMAL: the exact decimal string with the column's scale (`'1234.5000'`, `'-0.0500'`); turn it
 *   into a double at the point of use with `decimalToNumber`.
 * - FLOAT, DOUBLE: numbers; NaN, Infinity and -Infinity become `null` and the result gets one
 *   `non_finite_double` warning per column with how many values were replaced.
 * - DATE: `'YYYY-MM-DD'`. TIME: `'HH:MM:SS[.ffffff]'`. TIMESTAMP (no zone, a wall-clock time):
 *   `'YYYY-MM-DD HH:MM:SS[.ffffff]'`. TIMESTAMP WITH TIME ZONE: the instant in UTC (the session
 *   zone) as `'YYYY-MM-DD HH:MM:SS[.ffffff]+00'`. These are DuckDB's own ISO 8601 forms with a space
 *   between date and time (as RFC 3339 allows); for a JS `Date`, put a `T` in the space (and read
 *   `+00` as `Z`).
 * - VARCHAR, UUID, ENUM, BLOB (escaped text): strings. BOOLEAN: booleans. LIST, ARRAY: arrays;
 *   STRUCT: objects; MAP: `{ key, value }[]`; nested values are decoded by the same rules.
 *   INTERVAL: `{ months, days, micros }` with `micros` a string. NULL: `null`.
 */
export class RowDecoder {
  private column = '';
  private readonly nonFinite = new Map<string, number>();
  private readonly convert: DuckDBValueConverter<JsonValue>;

  constructor(readonly columns: readonly ColumnInfo[]) {
    this.convert = (value, type, self) => this.decodeValue(value, type, self);
  }

  /** Decodes rows given as arrays of values in column order. */
  decodeRows(rows: readonly (readonly DuckDBValue[])[], types: readonly DuckDBType[]): Row[] {
    const out: Row[] = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const values = rows[r] as readonly DuckDBValue[];
      const row: Row = {};
      for (let c = 0; c < this.columns.length; c++) {
        const name = (this.columns[c] as ColumnInfo).name;
        this.column = name;
        row[name] = this.convert(values[c] ?? null, types[c] as DuckDBType, this.convert);
      }
      out[r] = row;
    }
    return out;
  }

  /** The warnings gathered so far (one per column that had NaN or infinite values), and clears them. */
  takeWarnings(): ResultWarning[] {
    const warnings = [...this.nonFinite].map(([column, n]) => ({
      code: 'non_finite_double' as const,
      message: `column ${JSON.stringify(column)}: ${n} NaN or infinite value(s) read as null`,
    }));
    this.nonFinite.clear();
    return warnings;
  }

  private decodeValue(
    value: DuckDBValue,
    type: DuckDBType,
    self: DuckDBValueConverter<JsonValue>,
  ): JsonValue | null {
    if (value === null) return null;
    if (COUNT_TYPES.has(type.typeId)) return this.countToNumber(value as bigint, type);
    if (type.typeId === DuckDBTypeId.DOUBLE || type.typeId === DuckDBTypeId.FLOAT) {
      const n = value as number;
      if (Number.isFinite(n)) return n;
      this.nonFinite.set(this.column, (this.nonFinite.get(this.column) ?? 0) + 1);
      return null;
    }
    return JsonDuckDBValueConverter(value, type, self as DuckDBValueConverter<Json>) as JsonValue | null;
  }

  private countToNumber(value: bigint, type: DuckDBType): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new WarehouseError(
        `Warehouse: column ${JSON.stringify(this.column)} holds ${value} (${type.toString()}), beyond the integers a JS number holds exactly (±2^53 - 1); cast it to DECIMAL(38,0) or VARCHAR in the query to read it as exact text`,
        null,
      );
    }
    return Number(value);
  }
}

/**
 * The columns of a result as `{ name, type }`. Names a query repeats (`select 1 as a, 2 as a`) get
 * DuckDB's deduplicated names (`a`, `a:1`), so no value of a row is lost.
 */
export function resultColumns(result: {
  deduplicatedColumnNames(): string[];
  columnTypes(): DuckDBType[];
}): ColumnInfo[] {
  const types = result.columnTypes();
  return result.deduplicatedColumnNames().map((name, i) => ({ name, type: String(types[i]) }));
}
