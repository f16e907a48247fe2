import type { PivotCacheField, PivotCacheModel } from './pivot-cache.ts';
import { cellRef, xmlNumber, xmlText } from './xml-text.ts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * The pivotCacheDefinition part (ECMA-376 Part 1, §18.10.1.67): a worksheet source over the
 * whole source sheet, `refreshOnLoad="1"` (Excel and LibreOffice rebuild the pivots on open),
 * and each field's shared items (§18.10.1.90). `recordsRelId` is the id of its relationship to
 * the pivotCacheRecords part.
 */
export function pivotCacheDefinitionXml(cache: PivotCacheModel, recordsRelId: string): string {
  const { source } = cache;
  const ref = `A1:${cellRef(source.rows.length, Math.max(source.columns.length - 1, 0))}`;
  const fields = cache.fields.map(cacheFieldXml).join('');
  return (
    `${HEAD}<pivotCacheDefinition xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" r:id="${recordsRelId}"` +
    ` refreshOnLoad="1" createdVersion="3" refreshedVersion="3" minRefreshableVersion="3"` +
    ` recordCount="${source.rows.length}">` +
    `<cacheSource type="worksheet"><worksheetSource ref="${ref}" sheet="${xmlText(source.sheetName)}"/></cacheSource>` +
    `<cacheFields count="${cache.fields.length}">${fields}</cacheFields></pivotCacheDefinition>`
  );
}

function cacheFieldXml(field: PivotCacheField): string {
  return `<cacheField name="${xmlText(field.name)}" numFmtId="0">${sharedItemsXml(field)}</cacheField>`;
}

function sharedItemsXml(field: PivotCacheField): string {
  const items = field.items;
  if (field.type === 'text') {
    if (items === null) return '<sharedItems/>';
    const strings = items.filter((v): v is string => typeof v === 'string');
    const blank = strings.length < items.length;
    const attrs =
      (strings.length === 0 ? ' containsString="0"' : '') +
      (blank ? ' containsBlank="1"' : '') +
      (strings.some((s) => s.length > 255) ? ' longText="1"' : '');
    return `<sharedItems${attrs} count="${items.length}">${items.map(itemXml).join('')}</sharedItems>`;
  }
  // Number field: the range of its values; shared items only when it is on an axis.
  const stats = field.numbers;
  if (stats === null) return '<sharedItems/>';
  let attrs = stats.hasBlank
    ? ' containsString="0" containsBlank="1"'
    : ' containsSemiMixedTypes="0" containsString="0"';
  if (stats.min !== null && stats.max !== null) {
    attrs += ' containsNumber="1"';
    if (stats.allInteger) attrs += ' containsInteger="1"';
    attrs += ` minValue="${xmlNumber(stats.min)}" maxValue="${xmlNumber(stats.max)}"`;
  }
  if (items === null) return `<sharedItems${attrs}/>`;
  return `<sharedItems${attrs} count="${items.length}">${items.map(itemXml).join('')}</sharedItems>`;
}

function itemXml(value: string | number | null): string {
  if (value === null) return '<m/>';
  if (typeof value === 'number') return `<n v="${xmlNumber(value)}"/>`;
  return `<s v="${xmlText(value)}"/>`;
}

/** The pivotCacheRecords part (§18.10.1.68): `<x v>` for shared-item fields, `<n v>` numbers, `<m/>` nulls. */
export function pivotCacheRecordsXml(cache: PivotCacheModel): string {
  const { rows } = cache.source;
  const parts: string[] = [
    `${HEAD}<pivotCacheRecords xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" count="${rows.length}">`,
  ];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    let record = '<r>';
    cache.fields.forEach((field, c) => {
      if (field.itemIndex !== null) {
        // CT_Index: v is required here (unlike CT_X of rowItems/colItems, where it defaults to 0).
        record += `<x v="${field.itemIndex[r] ?? 0}"/>`;
      } else {
        const v = row[c] ?? null;
        record +=
          v === null ? '<m/>' : typeof v === 'number' ? `<n v="${xmlNumber(v)}"/>` : `<s v="${xmlText(v)}"/>`;
      }
    });
    parts.push(`${record}</r>`);
  }
  parts.push('</pivotCacheRecords>');
  return parts.join('');
}
