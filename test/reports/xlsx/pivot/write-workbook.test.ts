import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type PivotSource, writeWorkbookWithPivots } from '../../../../src/reports/xlsx/pivot/index.ts';
import { encodeXstring, xmlText } from '../../../../src/reports/xlsx/pivot/xml-text.ts';
import { SALES, SALES_PIVOT } from './fixtures.ts';

const HOSTILE: PivotSource = {
  sheetName: "Bob's & <Data>",
  columns: [
    { name: 'Label "x" & <y>', type: 'text' },
    { name: 'Value', type: 'number' },
  ],
  rows: [
    ['<script>', 1],
    ['=1+2', 2],
    ['+cmd', 3],
    ['-2+3', 4],
    ['@SUM(A1)', 5],
    ['tab\there & "quotes" \'apos\'', 6],
    ['bell\u0007 and _x0041_', 7],
  ],
};

async function parts(): Promise<Record<string, string>> {
  const bytes = await writeWorkbookWithPivots(
    new ExcelJS.Workbook(),
    [SALES, HOSTILE],
    [
      SALES_PIVOT,
      { ...SALES_PIVOT, name: 'ByProduct', sheetName: 'By product', rows: ['Product'], pages: ['Region'] },
      {
        name: 'Hostile & <pivot>',
        source: HOSTILE.sheetName,
        sheetName: 'Hostile',
        title: 'A & B <c>',
        rows: ['Label "x" & <y>'],
        columns: [],
        pages: [],
        values: [{ field: 'Value', aggregate: 'sum', caption: 'Sum "v" & <w>' }],
      },
    ],
  );
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

describe('writeWorkbookWithPivots package', () => {
  it('relates one cache per source from the workbook, each to its records, with content types', async () => {
    const p = await parts();
    const workbook = p['xl/workbook.xml'] ?? '';
    expect(workbook).toMatch(
      /<calcPr[^>]*\/><pivotCaches><pivotCache cacheId="1" r:id="(rIdPivotCache1)"\/><pivotCache cacheId="2" r:id="rIdPivotCache2"\/><\/pivotCaches><\/workbook>$/,
    );
    const rels = p['xl/_rels/workbook.xml.rels'] ?? '';
    expect(rels).toContain(
      '<Relationship Id="rIdPivotCache1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/>',
    );
    expect(p['xl/pivotCache/_rels/pivotCacheDefinition2.xml.rels']).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheRecords" Target="pivotCacheRecords2.xml"',
    );
    const types = p['[Content_Types].xml'] ?? '';
    for (const [part, kind] of [
      ['/xl/pivotCache/pivotCacheDefinition1.xml', 'pivotCacheDefinition'],
      ['/xl/pivotCache/pivotCacheRecords2.xml', 'pivotCacheRecords'],
      ['/xl/pivotTables/pivotTable3.xml', 'pivotTable'],
    ])
      expect(types).toContain(
        `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`,
      );
  });

  it('relates each pivot sheet to its table and each table to its (shared) cache definition', async () => {
    const p = await parts();
    // Sheets: Sales (1), Bob's (2), By region (3), By product (4), Hostile (5).
    expect(p['xl/worksheets/_rels/sheet3.xml.rels']).toContain(
      'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotTable" Target="../pivotTables/pivotTable1.xml"',
    );
    expect(p['xl/worksheets/_rels/sheet5.xml.rels']).toContain('Target="../pivotTables/pivotTable3.xml"');
    expect(p['xl/pivotTables/_rels/pivotTable1.xml.rels']).toContain(
      'Target="../pivotCache/pivotCacheDefinition1.xml"',
    );
    expect(p['xl/pivotTables/_rels/pivotTable2.xml.rels']).toContain(
      'Target="../pivotCache/pivotCacheDefinition1.xml"',
    );
    expect(p['xl/pivotTables/_rels/pivotTable3.xml.rels']).toContain(
      'Target="../pivotCache/pivotCacheDefinition2.xml"',
    );
    expect(p['xl/pivotTables/pivotTable2.xml']).toContain(
      '<location ref="A3:J9" firstHeaderRow="1" firstDataRow="3" firstDataCol="1" rowPageCount="1" colPageCount="1"/>',
    );
    expect(p['xl/pivotTables/pivotTable2.xml']).toContain(
      '<pageFields count="1"><pageField fld="0" hier="-1"/></pageFields>',
    );
  });

  it('writes the cache with refreshOnLoad, shared items and indexed records', async () => {
    const p = await parts();
    const definition = p['xl/pivotCache/pivotCacheDefinition1.xml'] ?? '';
    expect(definition).toContain('refreshOnLoad="1"');
    expect(definition).toContain('<worksheetSource ref="A1:E7" sheet="Sales"/>');
    expect(definition).toContain(
      '<cacheField name="Product" numFmtId="0"><sharedItems containsBlank="1" count="3"><s v="Apple"/><s v="Pear"/><m/></sharedItems></cacheField>',
    );
    expect(definition).toContain(
      '<cacheField name="Amount" numFmtId="0"><sharedItems containsString="0" containsBlank="1" containsNumber="1" minValue="1" maxValue="10"/></cacheField>',
    );
    const records = p['xl/pivotCache/pivotCacheRecords1.xml'] ?? '';
    expect(records).toContain('count="6"><r><x v="0"/><x v="0"/><x v="0"/><n v="10"/><n v="1"/></r>');
    expect(records).toContain('<r><x v="1"/><x v="2"/><x v="0"/><n v="1"/><n v="5"/></r>');
    expect(records).toContain('<r><x v="1"/><x v="1"/><x v="1"/><m/><n v="6"/></r></pivotCacheRecords>');
  });

  it('escapes every text: sheet name in the cache source, field names, items, pivot name, captions', async () => {
    const p = await parts();
    const definition = p['xl/pivotCache/pivotCacheDefinition2.xml'] ?? '';
    expect(definition).toContain('sheet="Bob&apos;s &amp; &lt;Data&gt;"');
    expect(definition).toContain('<cacheField name="Label &quot;x&quot; &amp; &lt;y&gt;"');
    expect(definition).toContain('<s v="&lt;script&gt;"/>');
    expect(definition).toContain('<s v="tab&#9;here &amp; &quot;quotes&quot; &apos;apos&apos;"/>');
    expect(definition).toContain('<s v="bell_x0007_ and _x005F_x0041_"/>');
    const table = p['xl/pivotTables/pivotTable3.xml'] ?? '';
    expect(table).toContain('name="Hostile &amp; &lt;pivot&gt;"');
    expect(table).toContain('<dataField name="Sum &quot;v&quot; &amp; &lt;w&gt;"');
    expect(table).not.toContain('<script>');
  });

  it('writes data strings starting with = + - @ as text cells, never formulas', async () => {
    const p = await parts();
    const sheet = p['xl/worksheets/sheet2.xml'] ?? '';
    expect(sheet).not.toContain('<f>');
    for (let row = 2; row <= 8; row++)
      expect(sheet).toMatch(new RegExp(`<c r="A${row}" t="s"><v>\\d+</v></c>`));
    const strings = p['xl/sharedStrings.xml'] ?? '';
    for (const s of ['=1+2', '+cmd', '-2+3', '@SUM(A1)', '&lt;script&gt;'])
      expect(strings).toContain(`<t>${s}</t>`);
    expect(p['xl/worksheets/sheet5.xml']).not.toContain('<f>');
  });

  it('gives data fields the style-sheet id of their number format', async () => {
    const p = await parts();
    const styles = p['xl/styles.xml'] ?? '';
    const id = /<numFmt numFmtId="(\d+)" formatCode="0\.000"\/>/.exec(styles)?.[1];
    expect(id).toBeDefined();
    const table = p['xl/pivotTables/pivotTable1.xml'] ?? '';
    expect(table).toContain(
      '<dataField name="Sum of Amount" fld="3" baseField="0" baseItem="0" numFmtId="4"/>',
    );
    expect(table).toContain(
      `<dataField name="Avg Amount" fld="3" subtotal="average" baseField="0" baseItem="0" numFmtId="${id}"/>`,
    );
  });
});

describe('xml text', () => {
  it('escapes the five markup characters and whitespace controls in attributes', () => {
    expect(xmlText('a&b<c>"d\'e\tf\ng\rh')).toBe('a&amp;b&lt;c&gt;&quot;d&apos;e&#9;f&#10;g&#13;h');
  });

  it('writes characters XML cannot carry as _xHHHH_ and protects a literal _xHHHH_', () => {
    expect(encodeXstring('a\u0000b\u001Fc\uFFFEd')).toBe('a_x0000_b_x001F_c_xFFFE_d');
    expect(encodeXstring('lone \uD800 high, lone \uDC00 low, pair \u{1F600}')).toBe(
      'lone _xD800_ high, lone _xDC00_ low, pair \u{1F600}',
    );
    expect(encodeXstring('_x0041_ and _x00_')).toBe('_x005F_x0041_ and _x00_');
  });
});
