import { InvalidArgumentError } from '../errors.ts';

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Turns an exact DECIMAL string, as the warehouse reads DECIMAL columns (`'1234.5000'`), into a
 * double: the one documented point where money becomes a floating-point number (for statistics).
 * The result is the double nearest to the decimal (JavaScript's `Number` parsing, round half to
 * even), so up to 15 significant digits come back exactly. `null` (a NULL cell) stays `null`.
 *
 * @throws InvalidArgumentError when the text is not a plain decimal number (`'12.5'`, `'-3'`).
 * @example decimalToNumber('1234.5000') // 1234.5
 */
export function decimalToNumber(text: string): number;
export function decimalToNumber(text: string | null): number | null;
export function decimalToNumber(text: string | null): number | null {
  if (text === null) return null;
  if (typeof text !== 'string' || !DECIMAL_TEXT.test(text)) {
    throw new InvalidArgumentError(
      `decimalToNumber: expected a decimal string such as '1234.5000', got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}
