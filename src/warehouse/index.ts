export { qualifiedName, quoteIdentifier, quoteLiteral, validateIdentifier } from './identifiers.ts';
export type { JsonValue, Row, SqlParams, SqlQuery, SqlValue, WarehouseOptions } from './warehouse.ts';
export { bigintList, TypedParam, varcharList, Warehouse, withWarehouse } from './warehouse.ts';
