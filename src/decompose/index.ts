/** Revenue change decomposition: volume vs AOV, more factors, segment mix, drivers, verdict. */
export type { DecomposeInput, DecomposeOptions, Factor, PeriodFigures, SegmentFigures } from './core.ts';
export { decomposeTotals, ROUNDING_RULE } from './core.ts';
export { type DecomposeRevenueOptions, decomposeRevenueChange } from './decompose.ts';
export { checkFactors, FACTORS } from './factors.ts';
export { formatDecomposition } from './format.ts';
export {
  checkPeriods,
  lastCompleteMonth,
  type Period,
  parsePeriod,
  periodDays,
  previousPeriod,
} from './periods.ts';
export {
  type Dimension,
  LINE_DIMENSIONS,
  type LineDimension,
  ORDER_DIMENSIONS,
  type OrderDimension,
  parseDimensions,
} from './query.ts';
export type {
  BridgeStep,
  DecomposeMethod,
  DecompositionResult,
  DecompositionWarning,
  Drivers,
  FactorBridge,
  FactorLine,
  MethodComparison,
  PeriodSummary,
  SegmentBridge,
  SegmentLine,
  TwoFactorBridge,
} from './result.ts';
