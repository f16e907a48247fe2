import { describe, expect, it } from 'vitest';
import * as shopstat from '../src/index.ts';

describe('public API', () => {
  it('exports the pipeline, the warehouse door, profiling, the decomposition and the errors by name', () => {
    expect(Object.keys(shopstat).sort()).toEqual([
      'DEFAULT_LOCK_TIMEOUT_MS',
      'DEFAULT_THRESHOLDS',
      'DataContractError',
      'DataQualityError',
      'ENTITIES',
      'EVENT_TYPES',
      'FACTORS',
      'InsufficientDataError',
      'InvalidArgumentError',
      'LINE_DIMENSIONS',
      'ORDER_DIMENSIONS',
      'ORDER_STATUSES',
      'QUANTILE_PROBS',
      'REJECTION_REASONS',
      'ShopstatError',
      'TypedParam',
      'Warehouse',
      'WarehouseBusyError',
      'WarehouseError',
      'bigintList',
      'checkFactors',
      'checkPeriods',
      'columnKind',
      'compareSlices',
      'decimalToNumber',
      'decomposeRevenueChange',
      'decomposeTotals',
      'entityForFile',
      'entitySpec',
      'exportLayer',
      'formatDecomposition',
      'formatDrift',
      'formatProfile',
      'generateDemo',
      'lastCompleteMonth',
      'parseCompare',
      'parseDimensions',
      'parsePeriod',
      'populationStabilityIndex',
      'previousPeriod',
      'profileAlerts',
      'profileFile',
      'profileTable',
      'qualifiedName',
      'quoteIdentifier',
      'quoteLiteral',
      'resolveThresholds',
      'runEtl',
      'validateIdentifier',
      'validateTimeZone',
      'varcharList',
      'withWarehouse',
    ]);
  });

  it('entityForFile picks the longest entity name a file starts with', () => {
    expect(shopstat.entityForFile('Orders_2025-10-31.csv')).toBe('orders');
    expect(shopstat.entityForFile('order_items_part2.csv.gz')).toBe('order_items');
    expect(shopstat.entityForFile('product_prices.csv')).toBe('product_prices');
    expect(shopstat.entityForFile('orders.xlsx')).toBeNull();
    expect(shopstat.entityForFile('refunds.csv')).toBeNull();
  });
});
