/**
 * XML escaping for SpreadsheetML text. Characters XML 1.0 cannot carry (C0 controls other than
 * tab, LF and CR; lone surrogates; U+FFFE, U+FFFF) are written with the `_xHHHH_` escape of
 * ST_Xstring (ECMA-376 Part 1, §22.9.2.19), and a literal `_xHHHH_` in the text has its
 * underscore escaped as `_x005F_` so that a reader decodes it back to itself.
 */

/** Whether UTF-16 code unit `i` of `text` is a character XML 1.0 cannot carry (a lone surrogate counts). */
function illegalAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c === 0xfffe || c === 0xffff) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** `text` in the ST_Xstring escape: illegal characters as `_xHHHH_`, literal `_xHHHH_` protected. */
export function encodeXstring(text: string): string {
  const protectedText = text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  let out = '';
  let from = 0;
  for (let i = 0; i < protectedText.length; i++) {
    if (!illegalAt(protectedText, i)) continue;
    const hex = protectedText.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
    out += `${protectedText.slice(from, i)}_x${hex}_`;
    from = i + 1;
  }
  return from === 0 ? protectedText : out + protectedText.slice(from);
}

/** Escapes `text` for an attribute value or element content (`&`, `<`, `>`, `"`, `'`), after {@link encodeXstring}. */
export function xmlText(text: string): string {
  return encodeXstring(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** Decodes the five predefined entities and numeric character references (for reading parts exceljs wrote). */
export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

/** A double as xsd:double text (shortest round-trip form; JavaScript's `String` never gives NaN/Infinity here). */
export function xmlNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** An A1 column name for a zero-based column index (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** An A1 reference for zero-based row and column. */
export function cellRef(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}
