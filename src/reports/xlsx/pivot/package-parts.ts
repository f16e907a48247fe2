import { fixDrawingAnchors } from './drawing-anchors.ts';
import { xmlUnescape } from './xml-text.ts';

/** The files of an .xlsx package, by path, as fflate's unzipSync gives them (text parts decoded). */
export type PackageText = Map<string, string>;

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SML = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** One cache's parts, numbered `index` (1-based) in the package. */
export interface CacheParts {
  readonly index: number;
  readonly cacheId: number;
  readonly definitionXml: string;
  readonly recordsXml: string;
}

/** One pivot table's part, numbered `index`, on the sheet named `sheetName`, over cache part `cacheIndex`. */
export interface TableParts {
  readonly index: number;
  readonly sheetName: string;
  readonly cacheIndex: number;
  readonly tableXml: string;
}

/**
 * Adds pivot parts to a package exceljs wrote (ECMA-376 Part 1, §18.10 and Part 2 (OPC)):
 * each cache definition related from the workbook (`<pivotCaches>`, relationship type
 * `.../pivotCacheDefinition`) and to its records (`.../pivotCacheRecords`); each pivot table
 * related from its sheet (`.../pivotTable`) and to its cache definition; content-type overrides
 * for all. `records` and `definition` ids inside the parts are `rId1`. It also mends what exceljs
 * writes in drawing parts ({@link fixDrawingAnchors}: no `editAs` on one-cell anchors), since this
 * is the one post-processing pass over the package.
 */
export function addPivotParts(
  files: PackageText,
  caches: readonly CacheParts[],
  tables: readonly TableParts[],
): void {
  const overrides: string[] = [];
  const workbookRels = read(files, 'xl/_rels/workbook.xml.rels');
  const sheetPaths = sheetPartsByName(read(files, 'xl/workbook.xml'), workbookRels);
  const cacheEntries: string[] = [];
  let rels = workbookRels;
  for (const cache of caches) {
    const def = `pivotCache/pivotCacheDefinition${cache.index}.xml`;
    const rec = `pivotCache/pivotCacheRecords${cache.index}.xml`;
    files.set(`xl/${def}`, cache.definitionXml);
    files.set(`xl/${rec}`, cache.recordsXml);
    files.set(
      `xl/pivotCache/_rels/pivotCacheDefinition${cache.index}.xml.rels`,
      relsXml([['rId1', 'pivotCacheRecords', `pivotCacheRecords${cache.index}.xml`]]),
    );
    const id = freeId(rels, `rIdPivotCache${cache.index}`);
    rels = addRelationship(rels, id, 'pivotCacheDefinition', def);
    cacheEntries.push(`<pivotCache cacheId="${cache.cacheId}" r:id="${id}"/>`);
    overrides.push(
      override(`/xl/${def}`, 'pivotCacheDefinition'),
      override(`/xl/${rec}`, 'pivotCacheRecords'),
    );
  }
  files.set('xl/_rels/workbook.xml.rels', rels);
  files.set('xl/workbook.xml', withPivotCaches(read(files, 'xl/workbook.xml'), cacheEntries.join('')));
  for (const table of tables) {
    const part = `pivotTables/pivotTable${table.index}.xml`;
    files.set(`xl/${part}`, table.tableXml);
    files.set(
      `xl/pivotTables/_rels/pivotTable${table.index}.xml.rels`,
      relsXml([
        ['rId1', 'pivotCacheDefinition', `../pivotCache/pivotCacheDefinition${table.cacheIndex}.xml`],
      ]),
    );
    const sheetPath = sheetPaths.get(table.sheetName);
    if (sheetPath === undefined)
      throw new Error(`addPivotParts: no sheet named ${JSON.stringify(table.sheetName)}`);
    const slash = sheetPath.lastIndexOf('/');
    const sheetRels = `${sheetPath.slice(0, slash)}/_rels/${sheetPath.slice(slash + 1)}.rels`;
    const existing = files.get(sheetRels) ?? relsXml([]);
    const id = freeId(existing, `rIdPivotTable${table.index}`);
    files.set(sheetRels, addRelationship(existing, id, 'pivotTable', `../${part}`));
    overrides.push(override(`/xl/${part}`, 'pivotTable'));
  }
  const types = read(files, '[Content_Types].xml');
  files.set('[Content_Types].xml', types.replace('</Types>', `${overrides.join('')}</Types>`));
  fixDrawingAnchors(files);
}

function read(files: PackageText, path: string): string {
  const text = files.get(path);
  if (text === undefined) throw new Error(`addPivotParts: the package has no ${path}`);
  return text;
}

function override(partName: string, kind: string): string {
  return `<Override PartName="${partName}" ContentType="${SML}.${kind}+xml"/>`;
}

function relsXml(rels: readonly (readonly [string, string, string])[]): string {
  const body = rels.map(
    ([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`,
  );
  return `${HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">${body.join('')}</Relationships>`;
}

function addRelationship(rels: string, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
  if (rels.includes('</Relationships>')) return rels.replace('</Relationships>', `${rel}</Relationships>`);
  return rels.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
}

function freeId(rels: string, wanted: string): string {
  let id = wanted;
  for (let n = 2; rels.includes(`Id="${id}"`); n++) id = `${wanted}_${n}`;
  return id;
}

/** `<pivotCaches>` goes after `<calcPr>` and before the elements CT_Workbook lists after it (§18.2.27). */
function withPivotCaches(workbook: string, entries: string): string {
  const element = `<pivotCaches>${entries}</pivotCaches>`;
  const after =
    /<(smartTagPr|smartTagTypes|webPublishing|fileRecoveryPr|webPublishObjects|extLst)[\s>/]/.exec(workbook);
  const at = after?.index ?? workbook.lastIndexOf('</workbook>');
  return workbook.slice(0, at) + element + workbook.slice(at);
}

/** Sheet name → part path (`xl/worksheets/sheet1.xml`), from workbook.xml and its relationships. */
export function sheetPartsByName(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/>/g)) {
    const attrs = attributes(m[1] ?? '');
    const id = attrs.get('Id');
    const target = attrs.get('Target');
    if (id !== undefined && target !== undefined)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/>/g)) {
    const attrs = attributes(m[1] ?? '');
    const name = attrs.get('name');
    const target = targets.get(attrs.get('r:id') ?? '');
    if (name !== undefined && target !== undefined) sheets.set(name, target);
  }
  return sheets;
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:]+)="([^"]*)"/g)) out.set(m[1] ?? '', xmlUnescape(m[2] ?? ''));
  return out;
}
