import type { PivotCacheModel } from './pivot-cache.ts';
import type { PivotAxisItem, PivotLayout } from './pivot-layout.ts';
import { cellRef, xmlText } from './xml-text.ts';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Where a pivot sits on its sheet (zero-based top-left of the `location` ref). */
export interface PivotPlacement {
  readonly top: number;
  readonly left: number;
}

/**
 * The pivotTableDefinition part (ECMA-376 Part 1, §18.10.1.73) for a laid-out pivot: location,
 * one pivotField per cache field (axis fields with all their items and a default subtotal),
 * row/column/page/data fields and the row and column items of the cached layout. Outline
 * layout (`compact="0"`, `outline="1"`; subtotals at the top of each group).
 * `numFmtIds` gives each data field's style-sheet number format id, or null.
 */
export function pivotTableXml(
  name: string,
  cache: PivotCacheModel,
  layout: PivotLayout,
  placement: PivotPlacement,
  numFmtIds: readonly (number | null)[],
): string {
  const { top, left } = placement;
  const ref = `${cellRef(top, left)}:${cellRef(top + layout.height - 1, left + layout.width - 1)}`;
  const pages = layout.pageFields.length;
  const location =
    `<location ref="${ref}" firstHeaderRow="${layout.firstHeaderRow}" firstDataRow="${layout.firstDataRow}"` +
    ` firstDataCol="${layout.firstDataCol}"${pages > 0 ? ` rowPageCount="${pages}" colPageCount="1"` : ''}/>`;
  const dataSet = new Set(layout.dataFields.map((d) => d.fieldIndex));
  const pivotFields = cache.fields
    .map((field, f) => {
      const axis = layout.rowFields.includes(f)
        ? 'axisRow'
        : layout.colFields.includes(f)
          ? 'axisCol'
          : layout.pageFields.includes(f)
            ? 'axisPage'
            : null;
      const data = dataSet.has(f) ? ' dataField="1"' : '';
      if (axis === null) return `<pivotField${data} compact="0" showAll="0"/>`;
      const n = field.items?.length ?? 0;
      const items = [...Array(n).keys()].map((i) => `<item x="${i}"/>`).join('');
      return `<pivotField axis="${axis}"${data} compact="0" showAll="0"><items count="${n + 1}">${items}<item t="default"/></items></pivotField>`;
    })
    .join('');
  const fieldList = (tag: string, fields: readonly number[]) =>
    fields.length === 0
      ? ''
      : `<${tag} count="${fields.length}">${fields.map((x) => `<field x="${x}"/>`).join('')}</${tag}>`;
  const pageXml =
    pages === 0
      ? ''
      : `<pageFields count="${pages}">${layout.pageFields.map((f) => `<pageField fld="${f}" hier="-1"/>`).join('')}</pageFields>`;
  const dataXml = layout.dataFields
    .map((d, k) => {
      const subtotal = d.aggregate === 'sum' ? '' : ` subtotal="${d.aggregate}"`;
      const fmt = numFmtIds[k];
      return `<dataField name="${xmlText(d.caption)}" fld="${d.fieldIndex}"${subtotal} baseField="0" baseItem="0"${fmt === null || fmt === undefined ? '' : ` numFmtId="${fmt}"`}/>`;
    })
    .join('');
  return (
    `${HEAD}<pivotTableDefinition xmlns="${MAIN_NS}" name="${xmlText(name)}" cacheId="${cache.cacheId}"` +
    ' applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0"' +
    ' applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="3"' +
    ' minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="3" indent="0"' +
    ' compact="0" compactData="0" outline="1" outlineData="1" multipleFieldFilters="0">' +
    location +
    `<pivotFields count="${cache.fields.length}">${pivotFields}</pivotFields>` +
    fieldList('rowFields', layout.rowFields) +
    axisItemsXml('rowItems', layout.rowItems) +
    fieldList('colFields', layout.colFields) +
    axisItemsXml('colItems', layout.colItems) +
    pageXml +
    `<dataFields count="${layout.dataFields.length}">${dataXml}</dataFields>` +
    '<pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0"' +
    ' showColStripes="0" showLastColumn="1"/></pivotTableDefinition>'
  );
}

function axisItemsXml(tag: string, items: readonly PivotAxisItem[]): string {
  const body = items
    .map((it) => {
      const attrs =
        (it.t === 'grand' ? ' t="grand"' : '') +
        (it.r > 0 ? ` r="${it.r}"` : '') +
        (it.i > 0 ? ` i="${it.i}"` : '');
      const xs = it.x.map((v) => (v === 0 ? '<x/>' : `<x v="${v}"/>`)).join('');
      return `<i${attrs}>${xs}</i>`;
    })
    .join('');
  return `<${tag} count="${items.length}">${body}</${tag}>`;
}
