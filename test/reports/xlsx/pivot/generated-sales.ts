import type { PivotSource } from '../../../../src/reports/xlsx/pivot/index.ts';
import { mulberry32 } from '../../../support/prng.ts';

export const REGIONS = ['North', 'South', 'East', 'West', 'R&D <"Lab">'] as const;
export const PRODUCTS = ['Apple', 'Banana', 'Cherry', 'Date', 'Elderberry', 'Fig', null] as const;
export const CHANNELS = ['Online', 'Store', 'Phone'] as const;
export const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'] as const;
export const LABELS = ['A & B <c> "d"', '=1+2', 'plain', "it's", '@risk', '-minus'] as const;

/**
 * `n` seeded sales rows: Region, Product (about 1/7 blank), Channel, Quarter, Label (hostile
 * text), Amount (a double with up to 4 decimals between -50 and 1000, 3% null) and Qty (1-20, 2% null).
 */
export function generatedSales(n: number, seed = 20240601): PivotSource {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const rows = Array.from({ length: n }, () => [
    pick(REGIONS),
    pick(PRODUCTS),
    pick(CHANNELS),
    pick(QUARTERS),
    pick(LABELS),
    random() < 0.03 ? null : Math.round((random() * 1050 - 50) * 10_000) / 10_000,
    random() < 0.02 ? null : 1 + Math.floor(random() * 20),
  ]);
  return {
    sheetName: 'Orders & more',
    columns: [
      { name: 'Region', type: 'text' },
      { name: 'Product', type: 'text' },
      { name: 'Channel', type: 'text' },
      { name: 'Quarter', type: 'text' },
      { name: 'Label', type: 'text' },
      { name: 'Amount', type: 'number', numFmt: '#,##0.00' },
      { name: 'Qty', type: 'number', numFmt: '0' },
    ],
    rows,
  };
}
