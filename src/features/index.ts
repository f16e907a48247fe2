/** Time features: calendars, seasons, holidays and commerce events, fiscal and retail calendars, lags and windows, customer features. */
export type { AddFeaturesOptions, AddFeaturesResult } from './add-features.ts';
export { addFeaturesInto, addFeaturesToFile, featureSelect, warehouseTimeZone } from './add-features.ts';
export { calendarFeatures, calendarOf } from './calendar.ts';
export { commerceEventFeatures } from './commerce-events.ts';
export { matchCountry } from './countries.ts';
export { customerFeatures, rfmQuery } from './customer-features.ts';
export { FEATURE_FAMILIES } from './families.ts';
export { fiscalFeatures, fiscalOf } from './fiscal.ts';
export { holidayFeatures } from './holidays.ts';
export { retailFeatures, retailOf } from './retail-calendar.ts';
export { loadSeasonScheme, SEASON_SCHEMES, seasonFeatures, seasonOfMonth } from './seasons.ts';
export type { FeatureColumn, FeatureContext, FeatureSet } from './types.ts';
export { parseWindowSpec, windowFeatures } from './windows.ts';
