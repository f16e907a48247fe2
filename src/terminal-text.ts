/**
 * Text from data shown on a terminal: control characters and bidirectional overrides are shown
 * escaped (`\n`, `\t`, `\u001b`, `\u202e`), so a value can neither break a table's layout, drive
 * the terminal (ANSI escapes), nor reorder what is shown.
 *
 * @example printable('web\u001b[31m') // 'web\\u001b[31m'
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * Terminal columns a text takes: East Asian wide and fullwidth characters (CJK, Hangul, fullwidth
 * forms, most emoji) take two, combining marks none, other characters one. An approximation of
 * Unicode's East Asian Width (UAX #11) by its main blocks, enough to keep a table's columns aligned.
 *
 * @example displayWidth('東京') // 4
 */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text.normalize('NFC')) {
    if (/\p{Mn}|\p{Me}|\u200b/u.test(ch)) continue;
    n += WIDE.test(ch) ? 2 : 1;
  }
  return n;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
