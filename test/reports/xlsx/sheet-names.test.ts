import { describe, expect, it } from 'vitest';
import { uniqueSheetName } from '../../../src/reports/xlsx/index.ts';

describe('uniqueSheetName', () => {
  it("replaces the characters Excel forbids and trims what's left", () => {
    expect(uniqueSheetName('Q3/Q4: [draft]*?\\', new Set())).toBe('Q3 Q4 draft');
    expect(uniqueSheetName("'quoted'", new Set())).toBe('quoted');
  });

  it('keeps names within 31 characters', () => {
    const name = uniqueSheetName('Cancellations and lost revenue data', new Set());
    expect(name).toBe('Cancellations and lost revenue');
    expect(name.length).toBeLessThanOrEqual(31);
  });

  it('numbers a repeat, comparing without case, still within 31 characters', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('Trend', taken)).toBe('Trend');
    expect(uniqueSheetName('TREND', taken)).toBe('TREND (2)');
    expect(uniqueSheetName('trend', taken)).toBe('trend (3)');
    const long = 'x'.repeat(40);
    expect(uniqueSheetName(long, taken)).toBe('x'.repeat(31));
    expect(uniqueSheetName(long, taken)).toBe(`${'x'.repeat(27)} (2)`);
  });

  it('gives a name to empty and reserved names', () => {
    const taken = new Set<string>();
    expect(uniqueSheetName('', taken)).toBe('Sheet');
    expect(uniqueSheetName('[]', taken)).toBe('Sheet (2)');
    expect(uniqueSheetName('History', taken)).toBe('Sheet (3)');
  });
});
