import { InvalidArgumentError } from '../errors.ts';

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function bitLength(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length;
}

/**
 * An exact rational number, a bigint numerator over a positive bigint denominator in lowest
 * terms. Immutable. It carries decomposition effects exactly (products and quotients of exact
 * DECIMAL sums and counts), so that effects add up to the change with no residual before the one
 * rounding to cents (see `cents.ts`). Never part of a result: results hold cents as decimal text.
 *
 * Method: textbook fraction arithmetic, normalised by Euclid's gcd after every operation.
 *
 * @example Rational.fromDecimal('1234.5000').add(Rational.fromInt(1)).toString() // '2471/2'
 */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /**
   * `num / den` in lowest terms.
   * @throws InvalidArgumentError when `den` is zero.
   */
  static of(num: bigint, den = 1n): Rational {
    if (den === 0n) throw new InvalidArgumentError(`Rational.of: denominator is zero (numerator ${num})`);
    const sign = den < 0n ? -1n : 1n;
    const g = gcd(num, den);
    return new Rational((sign * num) / g, (sign * den) / g);
  }

  /**
   * An integer count.
   * @throws InvalidArgumentError when `n` is not a safe integer.
   */
  static fromInt(n: number): Rational {
    if (!Number.isSafeInteger(n))
      throw new InvalidArgumentError(`Rational.fromInt: expected an integer, got ${n}`);
    return new Rational(BigInt(n), 1n);
  }

  /**
   * Exact decimal text as the warehouse reads DECIMAL columns (`'1234.5000'`, `'-3'`).
   * @throws InvalidArgumentError when the text is not a plain decimal number.
   */
  static fromDecimal(text: string): Rational {
    const m = typeof text === 'string' ? DECIMAL_TEXT.exec(text) : null;
    if (m === null) {
      throw new InvalidArgumentError(
        `Rational.fromDecimal: expected a decimal string such as '1234.5000', got ${JSON.stringify(text)}`,
      );
    }
    const fraction = m[3] ?? '';
    const digits = BigInt(`${m[2]}${fraction}`);
    return Rational.of(m[1] === '-' ? -digits : digits, 10n ** BigInt(fraction.length));
  }

  /**
   * The exact value of a finite double (every double is a dyadic rational).
   * @throws InvalidArgumentError when `x` is NaN or infinite.
   */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x))
      throw new InvalidArgumentError(`Rational.fromNumber: expected a finite number, got ${x}`);
    if (Number.isInteger(x)) return Rational.of(BigInt(x));
    let den = 1n;
    let v = x;
    while (!Number.isInteger(v)) {
      v *= 2; // exact: a power-of-two scaling of a double
      den *= 2n;
    }
    return Rational.of(BigInt(v), den);
  }

  /**
   * The decimal a double is written as (`0.8` → 4/5, not the double's binary value), for
   * user-facing fractions such as shares; exponent forms fall back to the exact binary value.
   * @throws InvalidArgumentError when `x` is NaN or infinite.
   */
  static fromNumberAsWritten(x: number): Rational {
    const text = String(x);
    return /^-?\d+(\.\d+)?$/.test(text) ? Rational.fromDecimal(text) : Rational.fromNumber(x);
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  /** @throws InvalidArgumentError when `o` is zero. */
  div(o: Rational): Rational {
    if (o.num === 0n) throw new InvalidArgumentError(`Rational.div: division of ${this.toString()} by zero`);
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  /** -1, 0 or 1 as `this` is below, equal to or above `o`. */
  compare(o: Rational): -1 | 0 | 1 {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  /** The largest integer not above the value. */
  floor(): bigint {
    const q = this.num / this.den; // truncates toward zero
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** The nearest double (within a few ulps: both parts are scaled into the double range first). */
  toNumber(): number {
    let n = this.num;
    let d = this.den;
    const shift = Math.max(bitLength(n), bitLength(d)) - 1000;
    if (shift > 0) {
      n >>= BigInt(shift);
      d >>= BigInt(shift);
      if (d === 0n) return n < 0n ? -Infinity : Infinity;
    }
    return Number(n) / Number(d);
  }

  /** `'num/den'`, or `'num'` for an integer. */
  toString(): string {
    return this.den === 1n ? `${this.num}` : `${this.num}/${this.den}`;
  }

  /** Sum of a list (zero for none). */
  static sum(values: readonly Rational[]): Rational {
    return values.reduce((acc, v) => acc.add(v), Rational.ZERO);
  }
}
