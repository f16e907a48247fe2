/**
 * The deterministic demo landing zone generator.
 *
 * `generateDemo({ outDir, orders, seed })` writes CSV files that follow the data contract
 * (`docs/data-contract.md`) exactly: a header row, commas, RFC 4180 quoting, LF, UTF-8.
 *
 * Layout: `categories_0000_backfill.csv`, `brands_0000_backfill.csv` and
 * `products_0000_backfill.csv`; then for customers, product_prices, orders, order_items and
 * events one `<entity>_0000_backfill.csv` covering the first half of the months and one
 * `<entity>_YYYY-MM.csv` per later month. Byte order of the names is chronological order.
 *
 * Every timestamp spelling denotes the true instant, and naive ones show UTC wall time, so the
 * figures below hold when the ETL runs in its default UTC reporting zone. Orders follow yearly
 * and weekly seasonality, holiday peaks and one dip month; later files re-send orders whose
 * status moved on. With `defects` (the default) the result lists every planted row the ETL must
 * reject (`defects`: file, `_row_number`, reason), the kept rows with an unparsable birth date
 * (`invalidValues`) and the number of orphan lines (`orphanLines`).
 */
export type { DemoFile } from './csv-writer.ts';
export type { DemoDefect, DemoInvalidValue } from './defects.ts';
export type { DemoPeriod, DemoResult, DemoWarning } from './generate.ts';
export { generateDemo } from './generate.ts';
export type { DemoOptions, ResolvedDemoOptions } from './options.ts';
export { MAX_DEMO_MONTHS, MAX_DEMO_ORDERS } from './options.ts';
