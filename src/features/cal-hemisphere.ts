/**
 * Which countries are in the southern hemisphere, for the hemispheric season scheme
 * (`meteorological`). A small, documented table: the countries whose land and people lie mostly
 * south of the equator and outside the deep tropics, by ISO 3166-1 alpha-2 code and English short
 * name (matched case-insensitively after trimming). Every other country, including equatorial
 * ones (Indonesia, Kenya, Ecuador...), counts as northern; meteorological seasons mean little
 * near the equator.
 */

/** Southern-hemisphere countries: ISO 3166-1 alpha-2 code and the English names accepted. */
export const SOUTHERN_HEMISPHERE_COUNTRIES: Readonly<Record<string, readonly string[]>> = {
  AO: ['Angola'],
  AR: ['Argentina'],
  AU: ['Australia'],
  BO: ['Bolivia'],
  BR: ['Brazil'],
  BW: ['Botswana'],
  CL: ['Chile'],
  FJ: ['Fiji'],
  LS: ['Lesotho'],
  MG: ['Madagascar'],
  MU: ['Mauritius'],
  MW: ['Malawi'],
  MZ: ['Mozambique'],
  NA: ['Namibia'],
  NC: ['New Caledonia'],
  NZ: ['New Zealand'],
  PE: ['Peru'],
  PY: ['Paraguay'],
  SZ: ['Eswatini', 'Swaziland'],
  UY: ['Uruguay'],
  ZA: ['South Africa'],
  ZM: ['Zambia'],
  ZW: ['Zimbabwe'],
};

/** Every accepted spelling, lowercased: codes and names. */
export const SOUTHERN_HEMISPHERE_KEYS: readonly string[] = Object.entries(
  SOUTHERN_HEMISPHERE_COUNTRIES,
).flatMap(([code, names]) => [code.toLowerCase(), ...names.map((n) => n.toLowerCase())]);

/**
 * Whether a country (ISO alpha-2 code or English name, any case) is in the southern hemisphere
 * by {@link SOUTHERN_HEMISPHERE_COUNTRIES}.
 *
 * @example isSouthernHemisphere('nz') // true
 * @example isSouthernHemisphere('Germany') // false
 */
export function isSouthernHemisphere(country: string): boolean {
  return SOUTHERN_HEMISPHERE_KEYS.includes(country.trim().toLowerCase());
}
