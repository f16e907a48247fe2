import { Rational } from './rational.ts';

const HUNDRED = Rational.of(100n);

/** The value in cents, exactly (a rational number of cents). */
export function inCents(value: Rational): Rational {
  return value.mul(HUNDRED);
}

/**
 * Rounds an amount to whole cents, half away from zero (`0.125` → 13 cents, `-0.125` → -13).
 * Symmetric: `roundToCents(-x) === -roundToCents(x)`.
 *
 * @example roundToCents(Rational.fromDecimal('1234.5650')) // 123457n
 */
export function roundToCents(value: Rational): bigint {
  const c = inCents(value);
  const magnitude = c.abs().add(Rational.of(1n, 2n)).floor();
  return c.sign() < 0 ? -magnitude : magnitude;
}

/**
 * Cents as decimal text with two decimals (`-5012345n` → `'-50123.45'`).
 *
 * @example formatCents(-5012345n) // '-50123.45'
 */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Rounds a list of exact amounts to cents so that they add up to `totalCents` exactly: the
 * largest-remainder method, made symmetric in sign.
 *
 * Method: each amount is first rounded to the nearest cent (half away from zero). The residue
 * `totalCents - sum` is then handed out one cent at a time: a positive residue to the amounts
 * rounded down the most (largest `exact - rounded`), a negative one to those rounded up the most
 * (smallest `exact - rounded`). Ties go to the larger absolute amount, then to the earlier
 * position in the list. A residue larger than the list cycles through it again. Negating every
 * amount and the total negates the result (the rule never looks at the sign of a value, only at
 * its distance to its rounding), so swapping periods negates the rounded effects too.
 * Reference: Balinski & Young (1982), *Fair Representation*, Hamilton's method.
 *
 * @example allocateCents([Rational.of(1n, 300n), Rational.of(1n, 300n), Rational.of(1n, 300n)], 1n) // [1n, 0n, 0n]
 */
export function allocateCents(values: readonly Rational[], totalCents: bigint): bigint[] {
  const exact = values.map(inCents);
  const rounded = values.map(roundToCents);
  let residue = totalCents - rounded.reduce((a, b) => a + b, 0n);
  if (residue === 0n || values.length === 0) return rounded;
  const step = residue > 0n ? 1n : -1n;
  const order = exact
    .map((e, i) => ({ i, slack: e.sub(Rational.of(rounded[i] ?? 0n)), size: e.abs() }))
    .sort((a, b) => {
      const bySlack = step > 0n ? b.slack.compare(a.slack) : a.slack.compare(b.slack);
      return bySlack !== 0 ? bySlack : b.size.compare(a.size) || a.i - b.i;
    });
  const rounds = residue / BigInt(order.length); // whole passes over the list (a far-off float input)
  if (rounds !== 0n) {
    for (let i = 0; i < rounded.length; i++) rounded[i] = (rounded[i] ?? 0n) + rounds;
    residue -= rounds * BigInt(order.length);
  }
  for (let k = 0; residue !== 0n; k = (k + 1) % order.length) {
    const i = order[k]?.i ?? 0;
    rounded[i] = (rounded[i] ?? 0n) + step;
    residue -= step;
  }
  return rounded;
}

/**
 * Rounds a table of exact amounts (rows x columns) to cents so that every column adds up to its
 * `columnTotals` entry and every row to its `rowTotals` entry (the two lists must have the same
 * sum). Columns are rounded first with {@link allocateCents}; then, while a row is off, one cent
 * moves within a column from a row that has too much to a row that has too little, choosing the
 * column where the move brings both cells closest to their exact values (ties: the first column).
 * Column sums never change, and each move brings the rows one cent closer, so it ends.
 */
export function allocateTable(
  table: readonly (readonly Rational[])[],
  rowTotals: readonly bigint[],
  columnTotals: readonly bigint[],
): bigint[][] {
  const columns = columnTotals.map((total, c) =>
    allocateCents(
      table.map((row) => row[c] ?? Rational.ZERO),
      total,
    ),
  );
  const cell = (r: number, c: number): bigint => columns[c]?.[r] ?? 0n;
  const exact = (r: number, c: number): Rational => inCents(table[r]?.[c] ?? Rational.ZERO);
  const rowOff = (r: number): bigint =>
    columns.reduce((acc, col) => acc + (col[r] ?? 0n), 0n) - (rowTotals[r] ?? 0n);
  // Rows only move towards being balanced (a giver's excess and a taker's shortfall shrink by one
  // cent per move), so the first giver and the first taker are found by two forward scans: one
  // pass over the rows in all, not one per move (a split by product has thousands of rows).
  const offs = table.map((_, r) => rowOff(r));
  let giver = 0;
  let taker = 0;
  for (;;) {
    while (giver < offs.length && (offs[giver] ?? 0n) <= 0n) giver++;
    while (taker < offs.length && (offs[taker] ?? 0n) >= 0n) taker++;
    if (giver >= offs.length || taker >= offs.length) break;
    let best = 0;
    let bestGain: Rational | null = null;
    columns.forEach((_, c) => {
      // how far the giver's cell sits above its exact value plus how far the taker's sits below
      const gain = Rational.of(cell(giver, c))
        .sub(exact(giver, c))
        .add(exact(taker, c).sub(Rational.of(cell(taker, c))));
      if (bestGain === null || gain.compare(bestGain) > 0) {
        bestGain = gain;
        best = c;
      }
    });
    const col = columns[best];
    if (col === undefined) break;
    col[giver] = (col[giver] ?? 0n) - 1n;
    col[taker] = (col[taker] ?? 0n) + 1n;
    offs[giver] = (offs[giver] ?? 0n) - 1n;
    offs[taker] = (offs[taker] ?? 0n) + 1n;
  }
  return table.map((_, r) => columns.map((_, c) => cell(r, c)));
}
