import { formatCount, formatNumber } from '../format.ts';
import type { ReportManifest } from '../model.ts';
import { col, num, table, text } from './table.ts';
import type { ManifestView } from './view.ts';

/** How many hex digits of a hash the report shows; the full hash is one click away. */
const SHORT_HASH = 12;

/** `2025-11-03T08:00:00.000Z` → `2025-11-03 08:00:00 UTC`; other text is shown as it is. */
export function displayTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m === null ? iso : `${m[1]} ${m[2]} UTC`;
}

function optionValue(value: string | number | boolean | null): string {
  if (value === null) return formatNumber(null);
  if (typeof value === 'number') return formatNumber(value, Number.isInteger(value) ? 0 : 2);
  return String(value);
}

/** What the report was made from, for its footer. */
export function manifestView(manifest: ReportManifest): ManifestView {
  const wh = manifest.warehouse;
  return {
    facts: [
      { term: 'shopstat version', value: manifest.shopstatVersion },
      { term: 'Generated', value: displayTimestamp(manifest.generatedAt) },
      { term: 'Time zone', value: manifest.timeZone },
      { term: 'Currency', value: manifest.currency },
      { term: 'Warehouse', value: `${wh.path} (${formatCount(wh.bytes)} bytes)` },
      { term: 'Warehouse SHA-256', value: wh.sha256 ?? 'not recorded' },
    ],
    inputFiles: manifest.inputFiles.map((f) => ({
      file: f.file,
      rows: formatCount(f.rows),
      shortHash: f.sha256.slice(0, SHORT_HASH),
      hash: f.sha256,
    })),
    layers: table(
      'Rows per layer',
      [col('Layer', false), col('Rows')],
      Object.entries(manifest.rowsPerLayer),
      ([layer, rows]) => [text(layer), num(formatCount(rows))],
    ),
    options: table(
      'Options',
      [col('Option', false), col('Value', false)],
      Object.entries(manifest.options),
      ([name, value]) => [text(name), text(optionValue(value))],
    ),
  };
}
