import type { PivotCell } from './types.ts';

/**
 * The order of pivot items: numbers ascending, text by Unicode code point (locale-independent,
 * so "B" < "a" and "Z" < "É"), null ("(blank)") last, as Excel places the blank item. A field
 * holds one type only, so numbers and text never meet.
 */
export function compareItems(a: PivotCell, b: PivotCell): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return compareCodePoints(String(a), String(b));
}

/** Code-point order of two strings (UTF-16 code-unit order differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
