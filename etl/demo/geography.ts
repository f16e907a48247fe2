/**
 * Where the demo shop's customers live: a German-speaking shop with one dominant country (DE),
 * then AT, CH, FR, NL, BE and IT. Region and city names are real, several are not ASCII.
 */

/** A country, its share of customers and its regions with their cities. */
export interface CountrySeed {
  readonly code: string;
  readonly share: number;
  readonly regions: readonly (readonly [region: string, cities: readonly string[]])[];
}

/** Countries by share of customers (the shares add up to 1). */
export const COUNTRIES: readonly CountrySeed[] = [
  {
    code: 'DE',
    share: 0.55,
    regions: [
      ['Bayern', ['München', 'Nürnberg', 'Augsburg', 'Würzburg']],
      ['Nordrhein-Westfalen', ['Köln', 'Düsseldorf', 'Dortmund', 'Münster']],
      ['Baden-Württemberg', ['Stuttgart', 'Freiburg im Breisgau', 'Karlsruhe']],
      ['Berlin', ['Berlin']],
      ['Hamburg', ['Hamburg']],
      ['Hessen', ['Frankfurt am Main', 'Wiesbaden', 'Kassel']],
      ['Sachsen', ['Dresden', 'Leipzig']],
      ['Niedersachsen', ['Hannover', 'Göttingen', 'Osnabrück']],
    ],
  },
  {
    code: 'AT',
    share: 0.14,
    regions: [
      ['Wien', ['Wien']],
      ['Oberösterreich', ['Linz', 'Wels']],
      ['Steiermark', ['Graz']],
      ['Tirol', ['Innsbruck']],
      ['Salzburg', ['Salzburg']],
    ],
  },
  {
    code: 'CH',
    share: 0.11,
    regions: [
      ['Zürich', ['Zürich', 'Winterthur']],
      ['Genève', ['Genève']],
      ['Bern', ['Bern', 'Biel/Bienne']],
      ['Basel-Stadt', ['Basel']],
      ['Vaud', ['Lausanne']],
    ],
  },
  {
    code: 'FR',
    share: 0.07,
    regions: [
      ['Île-de-France', ['Paris', 'Versailles']],
      ['Auvergne-Rhône-Alpes', ['Lyon', 'Grenoble']],
      ["Provence-Alpes-Côte d'Azur", ['Marseille', 'Nice']],
      ['Grand Est', ['Strasbourg']],
    ],
  },
  {
    code: 'NL',
    share: 0.06,
    regions: [
      ['Noord-Holland', ['Amsterdam', 'Haarlem']],
      ['Zuid-Holland', ['Rotterdam', 'Den Haag']],
      ['Utrecht', ['Utrecht']],
    ],
  },
  {
    code: 'BE',
    share: 0.04,
    regions: [
      ['Brussels', ['Bruxelles']],
      ['Antwerpen', ['Antwerpen']],
      ['Liège', ['Liège']],
    ],
  },
  {
    code: 'IT',
    share: 0.03,
    regions: [
      ['Lombardia', ['Milano']],
      ['Lazio', ['Roma']],
      ['Trentino-Alto Adige', ['Bolzano']],
    ],
  },
];

/** The country every share is measured against: it holds the most customers. */
export const DOMINANT_COUNTRY = 'DE';
