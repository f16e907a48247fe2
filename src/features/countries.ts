/**
 * The country matching table of the holiday features: free text in a country column ("UK",
 * "Deutschland", "Brasil", "Bayern") to an ISO 3166-1 alpha-2 code and, for a documented few
 * countries, an ISO 3166-2 subdivision code as `date-holidays` spells it.
 *
 * Matching: the text is normalised (Unicode NFKD, accents dropped, lower case, everything but
 * a-z and 0-9 removed, so "U.S.A." = "usa" and "Côte d'Ivoire" = "cotedivoire") and looked up
 * exactly; there is no fuzzy matching. A country matches by its alpha-2 code, alpha-3 code,
 * English name and the variants listed. Regions: Germany's 16 states (German and English
 * names, codes "DE-BY"), the United Kingdom's 4 nations (England, Scotland, Wales, Northern
 * Ireland), the 50 US states and DC by full name (not by postal code: "IN", "DE", "CA" are
 * countries), India's states and territories by name (the names `date-holidays` uses).
 */

/** A matched country, with its region when the text named one (else null). */
export interface CountryMatch {
  readonly code: string;
  readonly region: string | null;
}

// code, alpha-3, English name, other names ("|"-separated).
const COUNTRIES = `AR|ARG|Argentina
AT|AUT|Austria|Österreich
AU|AUS|Australia
BE|BEL|Belgium|België|Belgique|Belgien
BR|BRA|Brazil|Brasil
CA|CAN|Canada
CH|CHE|Switzerland|Schweiz|Suisse|Svizzera
CL|CHL|Chile
CN|CHN|China|People's Republic of China|PRC|中国
CO|COL|Colombia
CZ|CZE|Czechia|Czech Republic|Česko
DE|DEU|Germany|Deutschland|Federal Republic of Germany|Allemagne
DK|DNK|Denmark|Danmark
EG|EGY|Egypt
ES|ESP|Spain|España
FI|FIN|Finland|Suomi
FR|FRA|France
GB|GBR|United Kingdom|UK|U.K.|Great Britain|Britain|United Kingdom of Great Britain and Northern Ireland|Großbritannien
GR|GRC|Greece
HK|HKG|Hong Kong
HU|HUN|Hungary|Magyarország
ID|IDN|Indonesia
IE|IRL|Ireland|Éire
IL|ISR|Israel
IN|IND|India|Bharat|Hindustan
IT|ITA|Italy|Italia
JP|JPN|Japan|Nippon|日本
KR|KOR|South Korea|Korea|Republic of Korea
MX|MEX|Mexico|México
MY|MYS|Malaysia
NG|NGA|Nigeria
NL|NLD|Netherlands|The Netherlands|Holland|Nederland
NO|NOR|Norway|Norge
NZ|NZL|New Zealand|Aotearoa
PH|PHL|Philippines
PL|POL|Poland|Polska
PT|PRT|Portugal
RO|ROU|Romania|România
SA|SAU|Saudi Arabia
SE|SWE|Sweden|Sverige
SG|SGP|Singapore
TH|THA|Thailand
TR|TUR|Turkey|Türkiye|Turkiye
TW|TWN|Taiwan
UA|UKR|Ukraine
US|USA|United States|United States of America|U.S.|U.S.A.|America
VN|VNM|Vietnam|Viet Nam
ZA|ZAF|South Africa`;

// country: region code, names ("|"-separated), one region per ";".
const REGIONS: Readonly<Record<string, string>> = {
  DE: `BW|Baden-Württemberg;BY|Bayern|Bavaria;BE|Berlin;BB|Brandenburg;HB|Bremen;HH|Hamburg;HE|Hessen|Hesse;MV|Mecklenburg-Vorpommern|Mecklenburg-Western Pomerania;NI|Niedersachsen|Lower Saxony;NW|Nordrhein-Westfalen|North Rhine-Westphalia|NRW;RP|Rheinland-Pfalz|Rhineland-Palatinate;SL|Saarland;SN|Sachsen|Saxony;ST|Sachsen-Anhalt|Saxony-Anhalt;SH|Schleswig-Holstein;TH|Thüringen|Thuringia`,
  GB: `ENG|England;SCT|Scotland;WLS|Wales;NIR|Northern Ireland`,
  US: `AL|Alabama;AK|Alaska;AZ|Arizona;AR|Arkansas;CA|California;CO|Colorado;CT|Connecticut;DE|Delaware;DC|District of Columbia|Washington DC|Washington D.C.;FL|Florida;GA|Georgia;HI|Hawaii;ID|Idaho;IL|Illinois;IN|Indiana;IA|Iowa;KS|Kansas;KY|Kentucky;LA|Louisiana;ME|Maine;MD|Maryland;MA|Massachusetts;MI|Michigan;MN|Minnesota;MS|Mississippi;MO|Missouri;MT|Montana;NE|Nebraska;NV|Nevada;NH|New Hampshire;NJ|New Jersey;NM|New Mexico;NY|New York;NC|North Carolina;ND|North Dakota;OH|Ohio;OK|Oklahoma;OR|Oregon;PA|Pennsylvania;RI|Rhode Island;SC|South Carolina;SD|South Dakota;TN|Tennessee;TX|Texas;UT|Utah;VT|Vermont;VA|Virginia;WA|Washington State;WV|West Virginia;WI|Wisconsin;WY|Wyoming`,
  IN: `AN|Andaman and Nicobar Islands;AP|Andhra Pradesh;AR|Arunachal Pradesh;AS|Assam;BR|Bihar;CH|Chandigarh;CT|Chhattisgarh;DL|Delhi|New Delhi;GA|Goa;GJ|Gujarat;HP|Himachal Pradesh;HR|Haryana;JK|Jammu and Kashmir;KA|Karnataka;KL|Kerala;MH|Maharashtra;ML|Meghalaya;MN|Manipur;MP|Madhya Pradesh;MZ|Mizoram;NL|Nagaland;OR|Odisha|Orissa;PB|Punjab;PY|Puducherry|Pondicherry;RJ|Rajasthan;SK|Sikkim;TG|Telangana;TN|Tamil Nadu;TR|Tripura;UP|Uttar Pradesh;UT|Uttarakhand;WB|West Bengal`,
};

/**
 * The key a text is matched by: NFKD, combining marks dropped, lower case, only a-z, 0-9 and
 * non-Latin letters kept (so "中国" still has a key).
 *
 * @example normalizeCountryText(' U.S.A. ') // 'usa'
 */
export function normalizeCountryText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/ß/g, 'ss');
}

function buildIndex(): {
  countries: Map<string, string>;
  regions: Map<string, CountryMatch>;
  known: Set<string>;
} {
  const countries = new Map<string, string>();
  const known = new Set<string>();
  for (const line of COUNTRIES.split('\n')) {
    const [code, ...names] = line.split('|');
    if (code === undefined) continue;
    known.add(code);
    for (const name of [code, ...names]) countries.set(normalizeCountryText(name), code);
  }
  const regions = new Map<string, CountryMatch>();
  for (const [code, list] of Object.entries(REGIONS)) {
    for (const entry of list.split(';')) {
      const [region, ...names] = entry.split('|');
      if (region === undefined) continue;
      const match = { code, region };
      regions.set(normalizeCountryText(`${code}-${region}`), match);
      for (const name of names) {
        const key = normalizeCountryText(name);
        if (!countries.has(key)) regions.set(key, match);
      }
    }
  }
  return { countries, regions, known };
}

const INDEX = buildIndex();

/** The alpha-2 codes of the table, sorted. */
export function knownCountryCodes(): string[] {
  return [...INDEX.known].sort();
}

/**
 * Matches free text to a country (and region where the text names one of the documented
 * regions): "UK", "Great Britain", "gbr" -> GB; "Bayern", "Bavaria", "DE-BY" -> DE, region BY;
 * "Deutschland" -> DE. Returns null for empty text or text the table does not hold.
 *
 * @example matchCountry('Brasil') // { code: 'BR', region: null }
 * @example matchCountry('Bavaria') // { code: 'DE', region: 'BY' }
 */
export function matchCountry(text: string): CountryMatch | null {
  const key = normalizeCountryText(text);
  if (key === '') return null;
  const code = INDEX.countries.get(key);
  if (code !== undefined) return { code, region: null };
  return INDEX.regions.get(key) ?? null;
}

/**
 * Matches a region text within a known country: a region name, its code ("BY") or the
 * ISO 3166-2 form ("DE-BY"). Returns the region code, or null when the country has no
 * documented regions or the text names none of them.
 *
 * @example matchRegion('DE', 'Bayern') // 'BY'
 */
export function matchRegion(country: string, text: string): string | null {
  const list = REGIONS[country];
  if (list === undefined) return null;
  const key = normalizeCountryText(text);
  for (const entry of list.split(';')) {
    const [region, ...names] = entry.split('|');
    if (region === undefined) continue;
    const keys = [region, `${country}-${region}`, ...names].map(normalizeCountryText);
    if (keys.includes(key)) return region;
  }
  return null;
}
