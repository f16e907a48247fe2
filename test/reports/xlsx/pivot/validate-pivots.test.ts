import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../../../src/errors.ts';
import {
  type PivotSource,
  type PivotSpec,
  writeWorkbookWithPivots,
} from '../../../../src/reports/xlsx/pivot/index.ts';
import { SALES, SALES_PIVOT } from './fixtures.ts';

async function refusal(
  sources: readonly PivotSource[],
  pivots: readonly PivotSpec[],
  workbook = new ExcelJS.Workbook(),
) {
  const error = await writeWorkbookWithPivots(workbook, sources, pivots).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  return (error as Error).message;
}

describe('writeWorkbookWithPivots refuses', () => {
  it('an unknown source, naming it and the known ones', async () => {
    const message = await refusal([SALES], [{ ...SALES_PIVOT, source: 'Nope' }]);
    expect(message).toBe(
      'writeWorkbookWithPivots: pivot "SalesByRegion" reads unknown source "Nope"; sources: ["Sales"]',
    );
  });

  it('an unknown field', async () => {
    expect(await refusal([SALES], [{ ...SALES_PIVOT, rows: ['Regoin'] }])).toMatch(
      /^writeWorkbookWithPivots: pivot "SalesByRegion" uses unknown field "Regoin"; fields of "Sales"/,
    );
  });

  it.each(['sum', 'average'] as const)('%s of a text field, and says to use count', async (aggregate) => {
    const message = await refusal(
      [SALES],
      [{ ...SALES_PIVOT, values: [{ field: 'Region', aggregate, caption: 'x' }] }],
    );
    expect(message).toBe(
      `writeWorkbookWithPivots: pivot "SalesByRegion" asks for ${aggregate} of text field "Region"; use "count" or a number field`,
    );
  });

  it('an aggregate outside the vocabulary', async () => {
    const values = [{ field: 'Amount', aggregate: 'median', caption: 'x' }] as unknown as PivotSpec['values'];
    expect(await refusal([SALES], [{ ...SALES_PIVOT, values }])).toContain('has aggregate "median"');
  });

  it('duplicate pivot names (ignoring case) and duplicate sheet names', async () => {
    expect(
      await refusal([SALES], [SALES_PIVOT, { ...SALES_PIVOT, name: 'salesbyregion', sheetName: 'Other' }]),
    ).toBe('writeWorkbookWithPivots: pivot name "salesbyregion" is used twice (names ignore case)');
    expect(await refusal([SALES], [{ ...SALES_PIVOT, sheetName: 'SALES' }])).toBe(
      'writeWorkbookWithPivots: sheet name "SALES" is used twice (names ignore case)',
    );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('By region');
    expect(await refusal([SALES], [SALES_PIVOT], workbook)).toContain('sheet name "By region" is used twice');
  });

  it.each([
    ['', 'must have 1 to 31 characters'],
    ['x'.repeat(32), 'must have 1 to 31 characters'],
    ['a/b', 'has a character Excel refuses'],
    ['a[1]', 'has a character Excel refuses'],
    ["'quoted'", 'has a character Excel refuses'],
    ['What?', 'has a character Excel refuses'],
    ['History', 'is reserved by Excel'],
    ['tab\there', 'has a control character'],
  ])('the sheet name %j (%s)', async (name, reason) => {
    const message = await refusal([SALES], [{ ...SALES_PIVOT, sheetName: name }]);
    expect(message).toContain(reason);
    expect(message).toContain(JSON.stringify(name));
  });

  it('more than 1,048,575 source rows', async () => {
    const rows = { length: 1_048_576 } as unknown as PivotSource['rows'];
    expect(await refusal([{ ...SALES, rows }], [SALES_PIVOT])).toBe(
      'writeWorkbookWithPivots: source "Sales" has 1048576 rows, more than the 1048575 an Excel sheet holds under its header',
    );
  });

  it('a cell that does not match its column type, and a non-finite number', async () => {
    const bad = { ...SALES, rows: [...SALES.rows, ['East', 'Apple', 'Online', '12', 1]] };
    expect(await refusal([bad], [SALES_PIVOT])).toBe(
      'writeWorkbookWithPivots: source "Sales" row 6 column "Amount" (number) holds "12"; expected a finite number or null',
    );
    const nan = { ...SALES, rows: [...SALES.rows, ['East', 'Apple', 'Online', Number.NaN, 1]] };
    expect(await refusal([nan], [SALES_PIVOT])).toContain('holds NaN');
  });

  it('duplicate column names, a caption equal to a field name, no row field, two column fields', async () => {
    const dup = {
      ...SALES,
      columns: [...SALES.columns.slice(0, 4), { name: 'region', type: 'number' as const }],
    };
    expect(await refusal([dup], [SALES_PIVOT])).toContain('has column "region" twice');
    expect(
      await refusal(
        [SALES],
        [{ ...SALES_PIVOT, values: [{ field: 'Amount', aggregate: 'sum', caption: 'amount' }] }],
      ),
    ).toContain('value caption "amount" repeats another caption or a field name');
    expect(await refusal([SALES], [{ ...SALES_PIVOT, rows: [] }])).toContain('needs at least one row field');
    expect(
      await refusal([SALES], [{ ...SALES_PIVOT, columns: ['Channel', 'Product'], rows: ['Region'] }]),
    ).toContain('has 2 column fields ["Channel","Product"]; at most one is supported');
    expect(await refusal([SALES], [{ ...SALES_PIVOT, pages: ['Region'] }])).toContain(
      'places field "Region" on two axes or twice',
    );
  });

  it('a pivot over a source with no rows', async () => {
    expect(await refusal([{ ...SALES, rows: [] }], [SALES_PIVOT])).toBe(
      'writeWorkbookWithPivots: pivot "SalesByRegion" reads source "Sales", which has no rows',
    );
  });
});
