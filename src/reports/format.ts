/**
 * How the review writes numbers: one place for money, counts, percentages and changes, in English
 * (en-US digit grouping) and in the warehouse's currency. Every function takes `null` and returns
 * an en dash for it, so a figure that cannot be computed reads as missing, never as 0 or NaN.
 */

import { formatSentenceP } from '../anova/auto-wording.ts';
import { MONTH_NAMES } from '../decompose/periods.ts';
import { compactAmount } from '../decompose/sentence.ts';

const MISSING = '–';

const currencyFormats = new Map<string, Intl.NumberFormat | null>();

/** A currency formatter for an ISO 4217 code, or `null` for a code Intl does not know. */
function currencyFormat(currency: string, digits: number): Intl.NumberFormat | null {
  const key = `${currency}/${digits}`;
  if (!currencyFormats.has(key)) {
    let format: Intl.NumberFormat | null = null;
    if (/^[A-Z]{3}$/.test(currency)) {
      try {
        format = new Intl.NumberFormat('en-US', {
          style: 'currency',
          currency,
          currencyDisplay: 'code',
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
      } catch {
        format = null;
      }
    }
    currencyFormats.set(key, format);
  }
  return currencyFormats.get(key) ?? null;
}

/**
 * Money with cents and the currency code: `1,234.50 EUR` (the code after the amount, as in the
 * decomposition's sentences). An empty or unknown code shows the amount alone or with that code.
 *
 * @example formatMoney(-46812.4, 'EUR') // '-46,812.40 EUR'
 */
export function formatMoney(value: number | null, currency: string, digits = 2): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  const amount = formatNumber(value, digits);
  const code = currencyFormat(currency, digits) === null ? currency.trim() : currency;
  return code === '' ? amount : `${amount} ${code}`;
}

/**
 * Money for prose and chart labels, scaled as the decomposition's sentences scale it
 * (`compactAmount`: 1 decimal with k / M / bn from a thousand up, whole units from 10 up, cents
 * below), without a plus sign, then the code: `46.8k EUR`.
 */
export function formatMoneyCompact(value: number | null, currency: string): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  const body = compactAmount(String(value)).replace(/^\+/, '');
  return currency.trim() === '' ? body : `${body} ${currency}`;
}

/** A number with en-US grouping and a fixed number of decimals: `12,345.6`. */
export function formatNumber(value: number | null, digits = 0): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A count: `12,345`. */
export function formatCount(value: number | null): string {
  return formatNumber(value, 0);
}

/** A fraction as a percentage with a space before the sign, as in the decomposition: `12.3 %`. */
export function formatPercent(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  return `${formatNumber(value * 100, digits)} %`;
}

/** A relative change with its sign: `+12.3 %`, `-4.0 %`, `0.0 %`. */
export function formatChangeRatio(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  const text = formatPercent(value, digits);
  return value > 0 && !text.startsWith('0.0') ? `+${text}` : text;
}

/** A change of a rate in percentage points with its sign: `+1.2 pp`. */
export function formatPointChange(value: number | null, digits = 1): string {
  if (value === null || !Number.isFinite(value)) return MISSING;
  const text = formatNumber(value * 100, digits);
  return `${value > 0 && Number(text) !== 0 ? '+' : ''}${text} pp`;
}

/**
 * A p-value as the ANOVA's conclusion sentences write it (`formatSentenceP`): `p < 0.001`, else
 * three decimals, more when three would round it across `alpha` (0.0499 reads `p = 0.0499`).
 */
export function formatPValue(p: number | null, alpha = 0.05): string {
  if (p === null || !Number.isFinite(p)) return 'p not computable';
  return formatSentenceP(p, alpha);
}

/** `2025-10` → `October 2025` (English month names, no time zone involved). */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (m === null) return month;
  return `${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** The Excel number format of money in `currency`: `#,##0.00 "EUR"`. */
export function excelMoneyFormat(currency: string): string {
  const code = currency.replace(/[^A-Za-z]/g, '').slice(0, 8);
  return code === '' ? '#,##0.00' : `#,##0.00 "${code}"`;
}

/** Excel number formats the workbook uses besides money. */
export const EXCEL_FORMATS = {
  count: '#,##0',
  percent: '0.0%',
  changePercent: '+0.0%;-0.0%;0.0%',
  decimal: '#,##0.00',
} as const;
