import { InvalidArgumentError } from '../../errors.ts';

/** Throws unless `value` is a number (not NaN); infinities pass. */
export function requireNumber(fn: string, name: string, value: number): void {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InvalidArgumentError(`${fn} requires ${name} to be a number, got ${String(value)}`);
  }
}

/** Throws unless `value` is a positive number (Infinity allowed only when `allowInfinity`). */
export function requirePositive(fn: string, name: string, value: number, allowInfinity = false): void {
  const ok = typeof value === 'number' && value > 0 && (allowInfinity || Number.isFinite(value));
  if (!ok) {
    throw new InvalidArgumentError(
      `${fn} requires ${name} > 0${allowInfinity ? '' : ' and finite'}, got ${String(value)}`,
    );
  }
}

/** Throws unless `p` is a probability in [0, 1]. */
export function requireProbability(fn: string, name: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new InvalidArgumentError(`${fn} requires ${name} in [0, 1], got ${String(p)}`);
  }
}
