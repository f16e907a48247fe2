export { qualifiedName, quoteIdentifier, quoteLiteral, validateIdentifier } from './identifiers.ts';
export type { JsonValue, Row, SqlParams, SqlQuery, WarehouseOptions } from './warehouse.ts';
export { Warehouse, withWarehouse } from './warehouse.ts';
