/** The public library API of shopstat: what notebooks and other programs import. */
export {
  DataContractError,
  DataQualityError,
  InsufficientDataError,
  InvalidArgumentError,
  ShopstatError,
  WarehouseBusyError,
  WarehouseError,
} from './errors.ts';
export type { JsonValue, Row, SqlParams, SqlQuery, WarehouseOptions } from './warehouse/index.ts';
export {
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  validateIdentifier,
  Warehouse,
  withWarehouse,
} from './warehouse/index.ts';
