import { describe, expect, it } from 'vitest';
import { buildPivotCache } from '../../../../src/reports/xlsx/pivot/pivot-cache.ts';
import { layoutPivot } from '../../../../src/reports/xlsx/pivot/pivot-layout.ts';
import type { PivotSource, PivotSpec } from '../../../../src/reports/xlsx/pivot/types.ts';
import { SALES, SALES_PIVOT } from './fixtures.ts';

const layoutOf = (source: PivotSource, spec: PivotSpec) =>
  layoutPivot(buildPivotCache(1, source, new Set([...spec.rows, ...spec.columns, ...spec.pages])), spec);

describe('layoutPivot', () => {
  it('lays out Region > Product by Channel with sum, count and average exactly as computed by hand', () => {
    const layout = layoutOf(SALES, SALES_PIVOT);
    // Hand calculation over the six rows of SALES (row numbers 1-6):
    // East/Online {1}: sum 10, count(Qty) 1, avg 10.   East/Store {2,3}: 5+2.5=7.5, Qty 2,null -> 1, 7.5/2=3.75
    // East total {1,2,3}: 17.5, 2, 17.5/3.              East/Apple: Online {1} 10,1,10; Store {3} 2.5, -, 2.5; total 12.5, 1, 6.25
    // East/Pear: Store {2} 5,1,5.                       West/Online {4,5}: 4+1=5, 2, 2.5; Store {6}: Amount null -> -, 1, -
    // West total {4,5,6}: 5, 3, 5/2=2.5.                West/Apple: Online {4} 4,1,4. West/Pear: Store {6} -,1,-
    // West/(blank): Online {5} 1,1,1.                   Grand: Online {1,4,5} 15,3,5; Store {2,3,6} 7.5,2,3.75; all 22.5,5,4.5
    // ("-" is an empty cell: no record there, or every value null.)
    const _ = null;
    expect(layout.cells).toEqual([
      [_, _, 'Channel', 'Values', _, _, _, _, _, _, _],
      [_, _, 'Online', _, _, 'Store', _, _, 'Total Sum of Amount', 'Total Count of Qty', 'Total Avg Amount'],
      [
        'Region',
        'Product',
        'Sum of Amount',
        'Count of Qty',
        'Avg Amount',
        'Sum of Amount',
        'Count of Qty',
        'Avg Amount',
        _,
        _,
        _,
      ],
      ['East', _, 10, 1, 10, 7.5, 1, 3.75, 17.5, 2, 17.5 / 3],
      [_, 'Apple', 10, 1, 10, 2.5, _, 2.5, 12.5, 1, 6.25],
      [_, 'Pear', _, _, _, 5, 1, 5, 5, 1, 5],
      ['West', _, 5, 2, 2.5, _, 1, _, 5, 3, 2.5],
      [_, 'Apple', 4, 1, 4, _, _, _, 4, 1, 4],
      [_, 'Pear', _, _, _, _, 1, _, _, 1, _],
      [_, '(blank)', 1, 1, 1, _, _, _, 1, 1, 1],
      ['Grand Total', _, 15, 3, 5, 7.5, 2, 3.75, 22.5, 5, 4.5],
    ]);
    expect([layout.firstHeaderRow, layout.firstDataRow, layout.firstDataCol]).toEqual([1, 3, 2]);
    expect([layout.height, layout.width]).toEqual([11, 11]);
    expect(layout.colFields).toEqual([2, -2]);
  });

  it('lists row items with the repeated-field count r and column items with the data field index i', () => {
    const layout = layoutOf(SALES, SALES_PIVOT);
    const row = (t: 'data' | 'grand', r: number, x: number) => ({ t, r, i: 0, x: [x] });
    // Items index the sorted shared items: Region East 0, West 1; Product Apple 0, Pear 1, (blank) 2.
    expect(layout.rowItems).toEqual([
      row('data', 0, 0),
      row('data', 1, 0),
      row('data', 1, 1),
      row('data', 0, 1),
      row('data', 1, 0),
      row('data', 1, 1),
      row('data', 1, 2),
      row('grand', 0, 0),
    ]);
    expect(layout.colItems).toEqual([
      { t: 'data', r: 0, i: 0, x: [0, 0] },
      { t: 'data', r: 1, i: 1, x: [1] },
      { t: 'data', r: 1, i: 2, x: [2] },
      { t: 'data', r: 0, i: 0, x: [1, 0] },
      { t: 'data', r: 1, i: 1, x: [1] },
      { t: 'data', r: 1, i: 2, x: [2] },
      { t: 'grand', r: 0, i: 0, x: [0] },
      { t: 'grand', r: 0, i: 1, x: [0] },
      { t: 'grand', r: 0, i: 2, x: [0] },
    ]);
  });

  it('with one data field and no column field has a single header row of field names and the caption', () => {
    const layout = layoutOf(SALES, {
      ...SALES_PIVOT,
      rows: ['Product'],
      columns: [],
      values: [{ field: 'Amount', aggregate: 'sum', caption: 'Total' }],
    });
    // Apple {1,3,4}: 10+2.5+4 = 16.5; Pear {2,6}: 5; (blank) {5}: 1; all: 22.5.
    expect(layout.cells).toEqual([
      ['Product', 'Total'],
      ['Apple', 16.5],
      ['Pear', 5],
      ['(blank)', 1],
      ['Grand Total', 22.5],
    ]);
    expect([layout.firstHeaderRow, layout.firstDataRow, layout.firstDataCol]).toEqual([1, 1, 1]);
    expect(layout.colItems).toEqual([{ t: 'data', r: 0, i: 0, x: [] }]);
    expect(layout.colFields).toEqual([]);
  });

  it('with several data fields and no column field puts a "Values" row above the captions', () => {
    const layout = layoutOf(SALES, {
      ...SALES_PIVOT,
      rows: ['Region'],
      columns: [],
      values: [
        { field: 'Qty', aggregate: 'sum', caption: 'Units' },
        { field: 'Product', aggregate: 'count', caption: 'Products' },
      ],
    });
    // East Qty 1+2 = 3, products 3; West 4+5+6 = 15, products 2 (row 5 is blank); all 18, 5.
    expect(layout.cells).toEqual([
      [null, 'Values', null],
      ['Region', 'Units', 'Products'],
      ['East', 3, 3],
      ['West', 15, 2],
      ['Grand Total', 18, 5],
    ]);
    expect([layout.firstHeaderRow, layout.firstDataRow, layout.firstDataCol]).toEqual([1, 2, 1]);
    expect(layout.colFields).toEqual([-2]);
  });

  it('sorts items by code point, numbers numerically, and the blank item last', () => {
    const source: PivotSource = {
      sheetName: 'S',
      columns: [
        { name: 'k', type: 'text' },
        { name: 'n', type: 'number' },
        { name: 'v', type: 'number' },
      ],
      rows: [
        ['a', 10, 1],
        ['É', 9, 1],
        [null, null, 1],
        ['B', 9, 1],
        ['Z', -1, 1],
        ['\u{1F600}', 10, 1],
        ['\uFF21', 10, 1],
      ],
    };
    const spec: PivotSpec = {
      name: 'p',
      source: 'S',
      sheetName: 'P',
      rows: ['k'],
      columns: ['n'],
      pages: [],
      values: [{ field: 'v', aggregate: 'count', caption: 'c' }],
    };
    const layout = layoutOf(source, spec);
    // U+FF21 (FULLWIDTH A) sorts before U+1F600 by code point, though not by UTF-16 code unit.
    expect(layout.cells.slice(2).map((r) => r[0])).toEqual([
      'B',
      'Z',
      'a',
      'É',
      '\uFF21',
      '\u{1F600}',
      '(blank)',
      'Grand Total',
    ]);
    expect(layout.cells[1]).toEqual(['k', -1, 9, 10, '(blank)', 'Grand Total']);
  });

  it('sums with compensation: ten 0.1 total exactly 1 and 1e100 + 1 - 1e100 totals 1', () => {
    const source: PivotSource = {
      sheetName: 'S',
      columns: [
        { name: 'g', type: 'text' },
        { name: 'v', type: 'number' },
      ],
      rows: [...Array(10).fill(['a', 0.1]), ['b', 1e100], ['b', 1], ['b', -1e100]],
    };
    const layout = layoutOf(source, {
      name: 'p',
      source: 'S',
      sheetName: 'P',
      rows: ['g'],
      columns: [],
      pages: [],
      values: [{ field: 'v', aggregate: 'sum', caption: 's' }],
    });
    // Naive left-to-right summation gives 0.9999999999999999 and 0.
    expect(layout.cells.slice(1)).toEqual([
      ['a', 1],
      ['b', 1],
      ['Grand Total', 2],
    ]);
  });

  it('empty-ish inputs: one row, all-null values and all-equal values', () => {
    const spec: PivotSpec = {
      name: 'p',
      source: 'S',
      sheetName: 'P',
      rows: ['g'],
      columns: [],
      pages: [],
      values: [
        { field: 'v', aggregate: 'sum', caption: 's' },
        { field: 'v', aggregate: 'count', caption: 'c' },
        { field: 'v', aggregate: 'average', caption: 'a' },
      ],
    };
    const source = (rows: PivotSource['rows']): PivotSource => ({
      sheetName: 'S',
      columns: [
        { name: 'g', type: 'text' },
        { name: 'v', type: 'number' },
      ],
      rows,
    });
    expect(layoutOf(source([['x', 2]]), spec).cells.slice(2)).toEqual([
      ['x', 2, 1, 2],
      ['Grand Total', 2, 1, 2],
    ]);
    expect(
      layoutOf(
        source([
          ['x', null],
          [null, null],
        ]),
        spec,
      ).cells.slice(2),
    ).toEqual([
      ['x', null, null, null],
      ['(blank)', null, null, null],
      ['Grand Total', null, null, null],
    ]);
    expect(
      layoutOf(
        source([
          ['x', 3],
          ['x', 3],
          ['x', 3],
        ]),
        spec,
      ).cells.slice(2),
    ).toEqual([
      ['x', 9, 3, 3],
      ['Grand Total', 9, 3, 3],
    ]);
  });
});
