import type { ProfiledColumn } from './profile-source.ts';

const SPLIT = 10n ** 18n;

/**
 * The exact sum of a DECIMAL column as SQL select items. DECIMAL(p <= 18) sums into DECIMAL(38)
 * without overflow; a wider DECIMAL can overflow DuckDB's 128-bit sum (DECIMAL(38,4) values near
 * 1e33 overflow after a few thousand rows), so its integer part is split into high and low 18
 * digits and the fraction is summed apart, each part summed exactly as text, joined by
 * {@link decimalSumFromParts}.
 */
export function decimalSumItems(c: ProfiledColumn, alias: string): string[] {
  if (c.decimal === null) throw new Error(`decimalSumItems: ${c.name} is not DECIMAL`);
  if (c.decimal.precision <= 18) return [`sum(${c.raw}) as ${alias}`];
  const whole = `trunc(${c.raw})::hugeint`;
  return [
    `sum(${whole} // 1000000000000000000)::varchar as ${alias}_high`,
    `sum(${whole} % 1000000000000000000)::varchar as ${alias}_low`,
    `sum(${c.raw} - trunc(${c.raw}))::varchar as ${alias}_fraction`,
  ];
}

/** The exact decimal text (scale digits after the point) from the parts of {@link decimalSumItems}. */
export function decimalSumFromParts(
  row: Record<string, unknown>,
  alias: string,
  scale: number,
): string | null {
  const single = row[alias];
  if (single !== undefined) return typeof single === 'string' ? single : null;
  const high = row[`${alias}_high`];
  const low = row[`${alias}_low`];
  const fraction = row[`${alias}_fraction`];
  if (typeof high !== 'string' || typeof low !== 'string' || typeof fraction !== 'string') return null;
  const unit = 10n ** BigInt(scale);
  const scaled = (BigInt(high) * SPLIT + BigInt(low)) * unit + parseScaled(fraction, scale);
  return formatScaled(scaled, scale);
}

function parseScaled(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [whole = '0', part = ''] = text.replace(/^[-+]/, '').split('.');
  const digits = BigInt(whole + part.padEnd(scale, '0').slice(0, scale));
  return negative ? -digits : digits;
}

function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}
