/**
 * Excel's rules for worksheet names (ECMA-376 Part 1 §18.2.19 and Excel's own checks): 1 to 31
 * characters, none of `[ ] : * ? / \`, not starting or ending with an apostrophe, not the reserved
 * `History`, and unique without regard to case.
 */

const MAX_SHEET_NAME = 31;

/**
 * A valid sheet name for `candidate` that is not in `taken` (compared case-insensitively); the
 * name is added to `taken`. Forbidden characters become spaces, runs of white space collapse, an
 * empty result becomes `Sheet`, and a clash gets a ` (2)`, ` (3)`... suffix within 31 characters.
 *
 * @example uniqueSheetName('Q3/Q4: [draft]', new Set()) // 'Q3 Q4 draft'
 */
export function uniqueSheetName(candidate: string, taken: Set<string>): string {
  const cleaned = candidate
    .replace(/[[\]:*?/\\\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  let base = cleaned === '' || cleaned.toLowerCase() === 'history' ? 'Sheet' : cleaned;
  base = base.slice(0, MAX_SHEET_NAME).trim();
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trim()}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** The first sheet: title, findings, headline figures, omitted sections, generation time. */
export const SUMMARY_SHEET = 'Summary';
/** The last sheet: the manifest. */
export const ABOUT_SHEET = 'About';

/** The sheet of each section but the headline, whose figures are on the Summary. */
export const SECTION_SHEET_NAMES = {
  trend: 'Trend',
  bridge: 'Bridge',
  channels: 'Channels',
  geography: 'Geography',
  cancellations: 'Cancellations',
  seasonal: 'Seasonal',
  quality: 'Quality',
} as const;

/** The flat sheet of the rows behind each section's table (header in row 1), e.g. `Trend data`. */
export const DATA_SHEET_NAMES = {
  headline: 'Headline data',
  trend: 'Trend data',
  bridge: 'Bridge data',
  channels: 'Channels data',
  geography: 'Geography data',
  cancellations: 'Cancellations data',
  seasonal: 'Seasonal data',
  quality: 'Quality data',
} as const;
