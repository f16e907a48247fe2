import { describe, expect, it } from 'vitest';
import {
  knownCountryCodes,
  matchCountry,
  matchRegion,
  normalizeCountryText,
} from '../../src/features/countries.ts';
import { isSupportedCountry } from '../../src/features/holiday-table.ts';

describe('matchCountry', () => {
  it.each([
    ['US', 'US'],
    ['usa', 'US'],
    ['U.S.A.', 'US'],
    ['United States of America', 'US'],
    ['United Kingdom', 'GB'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['gbr', 'GB'],
    ['BR', 'BR'],
    ['Brasil', 'BR'],
    ['Deutschland', 'DE'],
    ['  germany ', 'DE'],
    ['Österreich', 'AT'],
    ['Türkiye', 'TR'],
    ['IND', 'IN'],
  ])('matches %j to %s, case, space and accent insensitively', (text, code) => {
    expect(matchCountry(text)).toEqual({ code, region: null });
  });

  it.each([
    ['Bayern', 'DE', 'BY'],
    ['Bavaria', 'DE', 'BY'],
    ['DE-BY', 'DE', 'BY'],
    ['Nordrhein-Westfalen', 'DE', 'NW'],
    ['Scotland', 'GB', 'SCT'],
    ['California', 'US', 'CA'],
    ['Tamil Nadu', 'IN', 'TN'],
  ])('matches the region %j to %s-%s', (text, code, region) => {
    expect(matchCountry(text)).toEqual({ code, region });
  });

  it('returns null for text it does not hold, and for empty text', () => {
    expect(matchCountry('Atlantis')).toBeNull();
    expect(matchCountry('')).toBeNull();
    expect(matchCountry(' .- ')).toBeNull();
  });

  it('matches region text within a country by name or code', () => {
    expect(matchRegion('DE', 'bayern')).toBe('BY');
    expect(matchRegion('DE', 'BY')).toBe('BY');
    expect(matchRegion('US', 'Indiana')).toBe('IN');
    expect(matchRegion('FR', 'Bretagne')).toBeNull();
    expect(matchRegion('DE', 'Tirol')).toBeNull();
  });

  it('normalises to lower-case letters and digits', () => {
    expect(normalizeCountryText("Côte d'Ivoire")).toBe('cotedivoire');
    expect(normalizeCountryText('Großbritannien')).toBe('grossbritannien');
  });

  it('holds only countries date-holidays knows', () => {
    expect(knownCountryCodes().filter((c) => !isSupportedCountry(c))).toEqual([]);
  });
});
