/**
 * The charts' colours: the Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008), which
 * stays distinguishable under the common colour-vision deficiencies. Meaning is never carried by
 * colour alone: every bar that differs in colour also carries a text label.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** The roles the charts give colours. */
export const CHART_COLOURS = {
  /** Ordinary bars and points. */
  main: OKABE_ITO.blue,
  /** The report month among the others. */
  highlight: OKABE_ITO.orange,
  increase: OKABE_ITO.bluishGreen,
  decrease: OKABE_ITO.vermillion,
  /** Totals of a bridge and "others" of a share chart. */
  neutral: '#7A7A7A',
  /** A second measure beside `main`. */
  second: OKABE_ITO.skyBlue,
  text: '#222222',
  grid: '#E3E3E3',
} as const;

/** The font stack of chart text: DejaVu Sans (installed by CI for PNGs), then common fallbacks. */
export const CHART_FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';
