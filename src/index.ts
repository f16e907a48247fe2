/** The public library API of shopstat: what notebooks and other programs import. */

export type { CheckResult, CheckSpec } from '../etl/checks.ts';
export {
  type ColumnSpec,
  type ColumnType,
  ENTITIES,
  type EntityName,
  type EntitySpec,
  EVENT_TYPES,
  entityForFile,
  entitySpec,
  ORDER_STATUSES,
  type OrderStatus,
  REJECTION_REASONS,
  type RejectionReason,
} from '../etl/contract.ts';
export type { DemoOptions, DemoResult } from '../etl/demo/index.ts';
export { generateDemo } from '../etl/demo/index.ts';
export type { ExportFormat, ExportLayer, ExportOptions, ExportResult } from '../etl/export.ts';
export { exportLayer } from '../etl/export.ts';
export type { EtlFileReport, EtlOptions, EtlProgress, EtlResult } from '../etl/runner.ts';
export { runEtl, validateTimeZone } from '../etl/runner.ts';
export type {
  BridgeStep,
  DecomposeInput,
  DecomposeMethod,
  DecomposeOptions,
  DecomposeRevenueOptions,
  DecompositionResult,
  DecompositionWarning,
  Dimension,
  Drivers,
  Factor,
  FactorBridge,
  FactorLine,
  MethodComparison,
  Period,
  PeriodFigures,
  PeriodSummary,
  SegmentBridge,
  SegmentFigures,
  SegmentLine,
  TwoFactorBridge,
} from './decompose/index.ts';
export {
  checkFactors,
  checkPeriods,
  decomposeRevenueChange,
  decomposeTotals,
  FACTORS,
  formatDecomposition,
  LINE_DIMENSIONS,
  lastCompleteMonth,
  ORDER_DIMENSIONS,
  parseDimensions,
  parsePeriod,
  previousPeriod,
} from './decompose/index.ts';
export {
  DataContractError,
  DataQualityError,
  InsufficientDataError,
  InvalidArgumentError,
  ShopstatError,
  WarehouseBusyError,
  WarehouseError,
} from './errors.ts';
export type {
  ColumnInfo,
  FileFormat,
  FileTable,
  JsonValue,
  LockWait,
  QueryResult,
  ResolvedTable,
  ResultWarning,
  Row,
  SqlParams,
  SqlQuery,
  SqlValue,
  WarehouseOptions,
} from './warehouse/index.ts';
export {
  bigintList,
  DEFAULT_LOCK_TIMEOUT_MS,
  decimalToNumber,
  qualifiedName,
  quoteIdentifier,
  quoteLiteral,
  TypedParam,
  validateIdentifier,
  varcharList,
  Warehouse,
  withWarehouse,
} from './warehouse/index.ts';
