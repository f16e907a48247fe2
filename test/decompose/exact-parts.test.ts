import { describe, expect, it } from 'vitest';
import { allocateCents, allocateTable, formatCents, roundToCents } from '../../src/decompose/cents.ts';
import { checkPeriods, parsePeriod } from '../../src/decompose/periods.ts';
import { Rational } from '../../src/decompose/rational.ts';
import { InvalidArgumentError } from '../../src/errors.ts';

const R = (t: string): Rational => Rational.fromDecimal(t);

describe('Rational', () => {
  it('reads exact decimal text and keeps lowest terms', () => {
    expect(R('1234.5000').toString()).toBe('2469/2');
    expect(R('-0.0500').toString()).toBe('-1/20');
    expect(R('0').toString()).toBe('0');
    expect(R('1234.5000').add(Rational.fromInt(1)).toString()).toBe('2471/2');
  });

  it('does exact arithmetic where doubles cannot (0.1 + 0.2 = 0.3)', () => {
    expect(R('0.1').add(R('0.2')).equals(R('0.3'))).toBe(true);
    expect(R('10000000000000.0001').sub(R('10000000000000')).toString()).toBe('1/10000');
  });

  it('floors toward minus infinity and converts doubles exactly', () => {
    expect(Rational.of(-7n, 2n).floor()).toBe(-4n);
    expect(Rational.of(7n, 2n).floor()).toBe(3n);
    expect(Rational.fromNumber(0.1).toNumber()).toBe(0.1);
    expect(Rational.fromNumberAsWritten(0.8).toString()).toBe('4/5');
  });

  it('rejects text that is not a decimal, naming it', () => {
    expect(() => R('1e5')).toThrow(InvalidArgumentError);
    expect(() => R('12,5')).toThrow(
      'Rational.fromDecimal: expected a decimal string such as \'1234.5000\', got "12,5"',
    );
    expect(() => Rational.of(1n, 0n)).toThrow('denominator is zero');
  });
});

describe('cents', () => {
  it('rounds half away from zero, symmetrically', () => {
    expect(roundToCents(R('0.125'))).toBe(13n);
    expect(roundToCents(R('-0.125'))).toBe(-13n);
    expect(roundToCents(R('0.1249'))).toBe(12n);
    expect(roundToCents(R('1234.5650'))).toBe(123457n);
  });

  it('renders cents as decimal text', () => {
    expect(formatCents(-5012345n)).toBe('-50123.45');
    expect(formatCents(5n)).toBe('0.05');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(0n)).toBe('0.00');
  });

  it('allocates by largest remainder; ties to the larger amount, then the earlier one', () => {
    const third = Rational.of(1n, 300n); // a third of a cent each
    expect(allocateCents([third, third, third], 1n)).toEqual([1n, 0n, 0n]);
    // 0.333.. + 0.333.. + 0.333.. = 1.00: each rounds to 0.33, residue 1 cent to the first
    const t = Rational.of(1n, 3n);
    expect(allocateCents([t, t, t], 100n)).toEqual([34n, 33n, 33n]);
    expect(allocateCents([t.neg(), t.neg(), t.neg()], -100n)).toEqual([-34n, -33n, -33n]);
    // the larger amount wins a tie of remainders: 1458.333.. and 2333.333.. -> 2333.34
    expect(
      allocateCents(
        [R('1458.33').add(Rational.of(1n, 300n)), R('2333.33').add(Rational.of(1n, 300n))],
        379167n,
      ),
    ).toEqual([145833n, 233334n]);
  });

  it('allocates nothing to nothing, and cycles when the residue exceeds the list', () => {
    expect(allocateCents([], 0n)).toEqual([]);
    expect(allocateCents([Rational.ZERO], 3n)).toEqual([3n]);
    expect(allocateCents([Rational.ZERO, Rational.ZERO], -3n)).toEqual([-2n, -1n]);
  });

  it('rounds a table so that rows and columns both add up', () => {
    const x = Rational.of(1n, 300n);
    const table = [
      [x, x],
      [x, x],
    ];
    const cells = allocateTable(table, [0n, 1n], [1n, 0n]);
    expect(cells).toEqual([
      [0n, 0n],
      [1n, 0n],
    ]);
  });
});

describe('parsePeriod', () => {
  it('reads a month, a quarter, a year and an inclusive range of days', () => {
    expect(parsePeriod('2025-09')).toEqual({
      label: 'September 2025',
      start: '2025-09-01',
      end: '2025-10-01',
      kind: 'month',
    });
    expect(parsePeriod('2025-12').end).toBe('2026-01-01');
    expect(parsePeriod('2025-Q3')).toEqual({
      label: 'Q3 2025',
      start: '2025-07-01',
      end: '2025-10-01',
      kind: 'quarter',
    });
    expect(parsePeriod('2025-q4').end).toBe('2026-01-01');
    expect(parsePeriod('2025')).toEqual({
      label: '2025',
      start: '2025-01-01',
      end: '2026-01-01',
      kind: 'year',
    });
    expect(parsePeriod('2025-08-01..2025-08-15')).toEqual({
      label: '2025-08-01 to 2025-08-15',
      start: '2025-08-01',
      end: '2025-08-16',
      kind: 'range',
    });
    expect(parsePeriod('2024-02-29').end).toBe('2024-03-01');
  });

  it('rejects what is not a period, naming the text', () => {
    for (const bad of [
      '2025-13',
      '2025-Q5',
      '2025-02-30',
      '2025-08-15..2025-08-01',
      'last month',
      '',
      '25-09',
    ]) {
      expect(() => parsePeriod(bad)).toThrow(InvalidArgumentError);
      expect(() => parsePeriod(bad)).toThrow(`parsePeriod: cannot read ${JSON.stringify(bad)}`);
    }
  });

  it('requires --from to end before --to starts', () => {
    expect(() => checkPeriods(parsePeriod('2025-08'), parsePeriod('2025-09'))).not.toThrow();
    expect(() => checkPeriods(parsePeriod('2025-09'), parsePeriod('2025-08'))).toThrow(InvalidArgumentError);
    expect(() => checkPeriods(parsePeriod('2025-Q3'), parsePeriod('2025-09'))).toThrow(
      'checkPeriods: --from Q3 2025 (2025-07-01..2025-09-30) must end before --to September 2025 (2025-09-01..2025-09-30) starts',
    );
    expect(() => checkPeriods(parsePeriod('2025-09'), parsePeriod('2025-09'))).toThrow(InvalidArgumentError);
  });
});
