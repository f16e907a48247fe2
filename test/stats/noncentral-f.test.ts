import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { fCdf, noncentralFCdf, noncentralFLambdaInterval } from '../../src/stats/index.ts';
import { expectClose, loadReference, rows } from './reference.ts';

// Expected numbers: R 4.2.2 pf(f, df1, df2, ncp = lambda) and uniroot (reference.R), and the
// Poisson mixture summed in 40-digit mpmath (reference.py).
const R = loadReference('reference-r.json');
const MP = loadReference('reference-mpmath.json');

interface CdfCase {
  f: number;
  df1: number;
  df2: number;
  lambda: number;
  cdf: number;
}

describe('noncentralFCdf', () => {
  it('agrees with R pf(ncp = lambda) to 2e-9 absolute (R pnbeta stops at errmax = 1e-9)', () => {
    for (const c of rows<CdfCase>(R, 'noncentralF')) {
      const v = noncentralFCdf(c.f, c.df1, c.df2, c.lambda);
      expect(Math.abs(v - c.cdf), `pf(${c.f}, ${c.df1}, ${c.df2}, ncp = ${c.lambda})`).toBeLessThanOrEqual(
        2e-9,
      );
    }
  });

  it('agrees with the 40-digit mpmath mixture to 1e-13 relative, down to 1e-21 (lambda = 1000)', () => {
    for (const c of rows<CdfCase>(MP, 'noncentralF')) {
      expectClose(
        noncentralFCdf(c.f, c.df1, c.df2, c.lambda),
        c.cdf,
        1e-13,
        `ncF(${c.f}; ${c.df1}, ${c.df2}, ${c.lambda})`,
      );
    }
  });

  it('lambda = 0 is the central F and the cdf falls as lambda grows', () => {
    expect(noncentralFCdf(2.5, 3, 20, 0)).toBe(fCdf(2.5, 3, 20));
    let previous = 1;
    for (const lambda of [0, 0.1, 1, 5, 20, 100]) {
      const v = noncentralFCdf(2.5, 3, 20, lambda);
      expect(v).toBeLessThan(previous);
      previous = v;
    }
  });

  it('boundaries give the exact limits', () => {
    expect(noncentralFCdf(0, 3, 10, 4)).toBe(0);
    expect(noncentralFCdf(Number.POSITIVE_INFINITY, 3, 10, 4)).toBe(1);
  });

  it('invalid parameters throw InvalidArgumentError naming the function and the value', () => {
    expect(() => noncentralFCdf(1, 3, 10, -1)).toThrow(InvalidArgumentError);
    expect(() => noncentralFCdf(1, 3, 10, -1)).toThrow(
      /^noncentralFCdf requires lambda >= 0 and finite, got -1/,
    );
    expect(() => noncentralFCdf(1, 0, 10, 1)).toThrow(/^noncentralFCdf requires df1 > 0/);
    expect(() => noncentralFCdf(Number.NaN, 2, 10, 1)).toThrow(
      /^noncentralFCdf requires f to be a number, got NaN/,
    );
  });
});

describe('noncentralFLambdaInterval', () => {
  it('agrees with R uniroot on pf(ncp) to 5e-8 relative (R pf good to 1e-9), lower clipped at 0', () => {
    for (const c of rows<{
      f: number;
      df1: number;
      df2: number;
      level: number;
      lower: number;
      upper: number;
    }>(R, 'lambdaInterval')) {
      const ci = noncentralFLambdaInterval(c.f, c.df1, c.df2, c.level);
      const label = `F = ${c.f} (${c.df1}, ${c.df2}) level ${c.level}`;
      if (c.lower === 0) expect(ci.lower, label).toBe(0);
      else expectClose(ci.lower, c.lower, 5e-8, `${label} lower`);
      expectClose(ci.upper, c.upper, 5e-8, `${label} upper`);
    }
  });

  it('its ends give back the target probabilities to 1e-11', () => {
    const ci = noncentralFLambdaInterval(5, 3, 60, 0.95);
    expectClose(noncentralFCdf(5, 3, 60, ci.lower), 0.975, 1e-11, 'lower end');
    expectClose(noncentralFCdf(5, 3, 60, ci.upper), 0.025, 1e-11, 'upper end');
  });

  it('f = 0 gives [0, 0]; a small f clips only the lower end', () => {
    expect(noncentralFLambdaInterval(0, 3, 60, 0.95)).toEqual({ lower: 0, upper: 0 });
    const ci = noncentralFLambdaInterval(1.2, 3, 40, 0.95);
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeGreaterThan(0);
  });

  it('invalid parameters throw InvalidArgumentError naming the function and the value', () => {
    expect(() => noncentralFLambdaInterval(5, 3, 60, 1)).toThrow(
      /^noncentralFLambdaInterval requires level in \(0, 1\), got 1/,
    );
    expect(() => noncentralFLambdaInterval(-1, 3, 60, 0.9)).toThrow(InvalidArgumentError);
    expect(() => noncentralFLambdaInterval(Number.POSITIVE_INFINITY, 3, 60, 0.9)).toThrow(/got Infinity/);
  });
});
