import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PivotSource, writeWorkbookWithPivots } from '../../../../src/reports/xlsx/pivot/index.ts';
import {
  applyMarkupCompatibility,
  NOT_VALIDATED,
  type PartValidation,
  validatePackage,
  xmllintAvailable,
} from '../../../support/ooxml-validate.ts';
import { SALES, SALES_PIVOT } from './fixtures.ts';

if (!xmllintAvailable)
  process.stderr.write('schema-validation.test.ts: skipped, /usr/bin/xmllint not found\n');

const HOSTILE: PivotSource = {
  sheetName: "Q&A 'data' <1>",
  columns: [
    { name: 'Label <x> & "y"', type: 'text' },
    { name: 'Units', type: 'number', numFmt: '0.0' },
  ],
  rows: [
    ['<script>', 1.5],
    ['=1+2', 2],
    ['bell\u0007 tab\t', null],
    [null, 4],
    ['x'.repeat(300), 5],
  ],
};

async function workbookBytes(): Promise<Uint8Array> {
  return writeWorkbookWithPivots(
    new ExcelJS.Workbook(),
    [SALES, HOSTILE],
    [
      SALES_PIVOT,
      {
        ...SALES_PIVOT,
        name: 'PagedQty',
        sheetName: 'Qty pages',
        title: 'By quantity',
        rows: ['Qty'],
        columns: [],
        pages: ['Region', 'Channel'],
      },
      {
        name: 'Hostile',
        source: HOSTILE.sheetName,
        sheetName: 'Hostile',
        rows: ['Label <x> & "y"'],
        columns: [],
        pages: [],
        values: [{ field: 'Units', aggregate: 'average', caption: 'Mean <units>', numFmt: '0.00' }],
      },
    ],
  );
}

function replacePart(bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  const xml = files[part];
  if (xml === undefined) throw new Error(`no part ${part}`);
  files[part] = strToU8(edit(strFromU8(xml)));
  return zipSync(files);
}

const failures = (results: readonly PartValidation[]) => results.filter((r) => !r.valid);

describe.skipIf(!xmllintAvailable)(
  'every XML part validates against the ECMA-376 transitional schemas',
  () => {
    let bytes: Uint8Array;
    let results: PartValidation[];

    beforeAll(async () => {
      bytes = await workbookBytes();
      results = await validatePackage(bytes);
    });

    it('validates all parts but the three without a stored schema', () => {
      expect(
        failures(results)
          .map((f) => f.errors)
          .join('\n'),
      ).toBe('');
      const skipped = results.filter((r) => r.schema === null).map((r) => r.part);
      expect(skipped.sort()).toEqual(Object.keys(NOT_VALIDATED).sort());
    });

    it('covers the pivot parts, the sheets, styles, shared strings, content types and relationships', () => {
      const bySchema = (schema: string) => results.filter((r) => r.schema === schema).map((r) => r.part);
      expect(bySchema('sml.xsd')).toEqual(
        expect.arrayContaining([
          'xl/workbook.xml',
          'xl/styles.xml',
          'xl/sharedStrings.xml',
          'xl/worksheets/sheet1.xml',
          'xl/worksheets/sheet5.xml',
          'xl/pivotCache/pivotCacheDefinition1.xml',
          'xl/pivotCache/pivotCacheRecords2.xml',
          'xl/pivotTables/pivotTable3.xml',
        ]),
      );
      expect(bySchema('opc-contentTypes.xsd')).toEqual(['[Content_Types].xml']);
      expect(bySchema('opc-relationships.xsd')).toEqual(
        expect.arrayContaining([
          '_rels/.rels',
          'xl/_rels/workbook.xml.rels',
          'xl/worksheets/_rels/sheet3.xml.rels',
        ]),
      );
    });

    it.each([
      [
        'a record index without its required v',
        'xl/pivotCache/pivotCacheRecords1.xml',
        (x: string) => x.replace('<x v="0"/>', '<x/>'),
      ],
      [
        'a location without firstDataRow',
        'xl/pivotTables/pivotTable1.xml',
        (x: string) => x.replace(/ firstDataRow="\d+"/, ''),
      ],
      [
        'pivotCaches before sheets',
        'xl/workbook.xml',
        (x: string) => {
          const caches = /<pivotCaches>.*<\/pivotCaches>/.exec(x)?.[0] ?? '';
          return x.replace(caches, '').replace('<sheets>', `${caches}<sheets>`);
        },
      ],
      [
        'a relationship without an Id',
        'xl/_rels/workbook.xml.rels',
        (x: string) => x.replace(/Id="rIdPivotCache1" /, ''),
      ],
      [
        'a content type that is not a MIME type',
        '[Content_Types].xml',
        (x: string) => x.replace('pivotTable+xml', 'pivot table'),
      ],
    ])('fails on a deliberately broken part: %s', async (_what, part, edit) => {
      const broken = await validatePackage(replacePart(bytes, part, edit));
      expect(failures(broken).map((r) => r.part)).toEqual([part]);
      expect(failures(broken)[0]?.errors).toMatch(/Schemas validity error|fails to validate|parser error/);
    });

    it('drops only the attributes of namespaces declared ignorable', () => {
      const xml =
        '<worksheet xmlns:mc="m" mc:Ignorable="x14ac" xmlns:x14ac="a"><row r="1" x14ac:dyDescent="0.25"/><x14ac:thing a="1"/></worksheet>';
      expect(applyMarkupCompatibility(xml)).toBe(
        '<worksheet xmlns:mc="m" xmlns:x14ac="a"><row r="1"/></worksheet>',
      );
    });
  },
);
