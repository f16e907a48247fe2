import type { PivotSource, PivotSpec } from '../../../../src/reports/xlsx/pivot/index.ts';

/**
 * Six hand-made sales rows: two regions, two products and a blank product, two channels; one
 * null Amount (row 6) and one null Qty (row 3), so counts and averages differ from sums.
 */
export const SALES: PivotSource = {
  sheetName: 'Sales',
  columns: [
    { name: 'Region', type: 'text' },
    { name: 'Product', type: 'text' },
    { name: 'Channel', type: 'text' },
    { name: 'Amount', type: 'number', numFmt: '#,##0.00' },
    { name: 'Qty', type: 'number' },
  ],
  rows: [
    ['East', 'Apple', 'Online', 10, 1],
    ['East', 'Pear', 'Store', 5, 2],
    ['East', 'Apple', 'Store', 2.5, null],
    ['West', 'Apple', 'Online', 4, 4],
    ['West', null, 'Online', 1, 5],
    ['West', 'Pear', 'Store', null, 6],
  ],
};

/** Region > Product by Channel, with sum, count and average. */
export const SALES_PIVOT: PivotSpec = {
  name: 'SalesByRegion',
  source: 'Sales',
  sheetName: 'By region',
  rows: ['Region', 'Product'],
  columns: ['Channel'],
  pages: [],
  values: [
    { field: 'Amount', aggregate: 'sum', caption: 'Sum of Amount', numFmt: '#,##0.00' },
    { field: 'Qty', aggregate: 'count', caption: 'Count of Qty' },
    { field: 'Amount', aggregate: 'average', caption: 'Avg Amount', numFmt: '0.000' },
  ],
};
