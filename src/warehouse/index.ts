export { decimalToNumber } from './decimal.ts';
export type { ColumnInfo, JsonValue, ResultWarning, Row } from './decode.ts';
export { qualifiedName, quoteIdentifier, quoteLiteral, validateIdentifier } from './identifiers.ts';
export { DEFAULT_LOCK_TIMEOUT_MS } from './lock.ts';
export type { SqlParams, SqlQuery, SqlValue } from './params.ts';
export { bigintList, TypedParam, varcharList } from './params.ts';
export type { QueryResult, WarehouseOptions } from './warehouse.ts';
export { Warehouse, withWarehouse } from './warehouse.ts';
