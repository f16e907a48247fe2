import type { PackageText } from './package-parts.ts';

const DRAWING_PART = /^xl\/drawings\/[^/]+\.xml$/;
const ONE_CELL_ANCHOR_START = /<((?:[\w.-]+:)?oneCellAnchor)\b([^>]*)>/g;
const EDIT_AS = /\s+editAs\s*=\s*(?:"[^"]*"|'[^']*')/g;

/**
 * Removes the `editAs` attribute from every `oneCellAnchor` start tag of a SpreadsheetML drawing
 * part and leaves every other byte as it was. ECMA-376 Part 1, §20.5.2.24 gives
 * CT_OneCellAnchor no attributes (`editAs` belongs to CT_TwoCellAnchor, §20.5.2.33); exceljs
 * writes `<xdr:oneCellAnchor editAs="oneCell">` for pictures and a strict reader (openpyxl 3.0.9)
 * then drops them. A one-cell anchor moves with its cell and keeps its size, which is what
 * `editAs="oneCell"` asked for, so nothing is lost.
 * @example
 * oneCellAnchorsWithoutEditAs('<xdr:oneCellAnchor editAs="oneCell"><xdr:from/></xdr:oneCellAnchor>')
 * // '<xdr:oneCellAnchor><xdr:from/></xdr:oneCellAnchor>'
 */
export function oneCellAnchorsWithoutEditAs(drawingXml: string): string {
  return drawingXml.replace(
    ONE_CELL_ANCHOR_START,
    (_tag, name: string, attributes: string) => `<${name}${attributes.replace(EDIT_AS, '')}>`,
  );
}

/** Applies {@link oneCellAnchorsWithoutEditAs} to every drawing part (`xl/drawings/*.xml`) of `files`. */
export function fixDrawingAnchors(files: PackageText): void {
  for (const [path, xml] of files)
    if (DRAWING_PART.test(path)) files.set(path, oneCellAnchorsWithoutEditAs(xml));
}
