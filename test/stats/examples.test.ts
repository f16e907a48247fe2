import { describe, it } from 'vitest';
import * as stats from '../../src/stats/index.ts';
import { expectClose } from './reference.ts';

// Every @example in src/stats/distributions, with the R 4.2.2 value it cites and the digits it shows.
describe('the documented examples hold', () => {
  const cases: [string, number, number, number][] = [
    ['normalUpperTail', stats.normalUpperTail(1.959963984540054), 0.025, 1e-14],
    ['normalQuantile', stats.normalQuantile(0.975), 1.959963984540054, 1e-15],
    ['chiSquaredUpperTail', stats.chiSquaredUpperTail(3.841458820694124, 1), 0.05, 1e-14],
    ['chiSquaredQuantile', stats.chiSquaredQuantile(0.95, 1), 3.841458820694124, 1e-14],
    ['tUpperTail', stats.tUpperTail(2, 5), 0.05096973941492914, 1e-14],
    ['tTwoSidedP', stats.tTwoSidedP(2, 5), 0.1019394788298583, 1e-14],
    ['tQuantile', stats.tQuantile(0.975, 10), 2.228138851986274, 1e-14],
    ['fUpperTail', stats.fUpperTail(50, 3, 1000), 4.1105823391e-30, 1e-10],
    ['fCdf', stats.fCdf(3, 2, 10), 0.904632568359375, 1e-14],
    ['fQuantile', stats.fQuantile(0.95, 2, 10), 4.102821015130399, 1e-14],
    ['noncentralFCdf', stats.noncentralFCdf(3, 2, 10, 1), 0.81334889761, 1e-10],
    [
      'noncentralFLambdaInterval lower',
      stats.noncentralFLambdaInterval(5, 3, 60, 0.95).lower,
      1.7685845,
      1e-7,
    ],
    [
      'noncentralFLambdaInterval upper',
      stats.noncentralFLambdaInterval(5, 3, 60, 0.95).upper,
      32.825884,
      1e-7,
    ],
    ['studentizedRangeUpperTail', stats.studentizedRangeUpperTail(3.5, 3, 20), 0.05589184908, 1e-9],
    ['studentizedRangeQuantile', stats.studentizedRangeQuantile(0.95, 3, 20), 3.5779347, 1e-7],
  ];
  for (const [name, actual, expected, rel] of cases) {
    it(`${name} gives ${expected}`, () => expectClose(actual, expected, rel, name));
  }
});
