import type { DecomposeInput, PeriodFigures, SegmentFigures } from '../../src/decompose/core.ts';
import { parsePeriod } from '../../src/decompose/periods.ts';

/**
 * The hand-computed three months used across the decomposition tests (two channels, web and app):
 *
 * | month | web orders | web revenue | app orders | app revenue | N   | R    | AOV |
 * | Jul   | 100        | 5000.00     | 100        | 3000.00     | 200 | 8000 | 40  |
 * | Aug   | 120        | 6600.00     | 80         | 2400.00     | 200 | 9000 | 45  |
 * | Sep   | 60         | 3300.00     | 90         | 2700.00     | 150 | 6000 | 40  |
 *
 * Web's AOV is 55 in Aug and Sep (50 in Jul), app's is 30 throughout.
 */
export const MONTHS = {
  Jul: { web: [100, '5000.0000'], app: [100, '3000.0000'], customers: 150, units: 500 },
  Aug: { web: [120, '6600.0000'], app: [80, '2400.0000'], customers: 160, units: 520 },
  Sep: { web: [60, '3300.0000'], app: [90, '2700.0000'], customers: 120, units: 400 },
} as const;

type Month = keyof typeof MONTHS;

function totals(m: Month): PeriodFigures {
  const x = MONTHS[m];
  const revenue = (Number(x.web[1]) + Number(x.app[1])).toFixed(4);
  return { orders: x.web[0] + x.app[0], revenue, customers: x.customers, units: x.units };
}

const PERIOD = { Jul: '2025-07', Aug: '2025-08', Sep: '2025-09' } as const;

/** The input from month `a` to month `b`, by channel when `byChannel`. */
export function monthsInput(a: Month, b: Month, byChannel = true): DecomposeInput {
  const segments: SegmentFigures[] = (['web', 'app'] as const).map((channel) => ({
    key: [channel],
    start: { count: MONTHS[a][channel][0], revenue: MONTHS[a][channel][1] },
    end: { count: MONTHS[b][channel][0], revenue: MONTHS[b][channel][1] },
  }));
  return {
    currency: 'EUR',
    from: parsePeriod(PERIOD[a]),
    to: parsePeriod(PERIOD[b]),
    start: totals(a),
    end: totals(b),
    by: byChannel ? ['channel'] : [],
    basis: byChannel ? 'orders' : null,
    segments: byChannel ? segments : [],
  };
}

/** Sum of decimal strings in cents, exactly. */
export function sumCents(values: readonly string[]): bigint {
  return values.reduce((acc, v) => acc + BigInt(v.replace('.', '')), 0n);
}

export const cents = (v: string): bigint => BigInt(v.replace('.', ''));
