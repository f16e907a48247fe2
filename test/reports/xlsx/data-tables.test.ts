import { describe, expect, it } from 'vitest';
import type { ReportModel } from '../../../src/reports/model.ts';
import { buildReportWorkbook, reportDataTables } from '../../../src/reports/xlsx/index.ts';
import { FIXTURE_MODEL, FIXTURE_MODEL_OMITTED } from '../fixtures/model.ts';

describe('reportDataTables', () => {
  it('gives one flat table per present section, in the model order', () => {
    expect(reportDataTables(FIXTURE_MODEL).map((t) => t.sheetName)).toEqual([
      'Headline data',
      'Trend data',
      'Bridge data',
      'Channels data',
      'Geography data',
      'Cancellations data',
      'Seasonal data',
      'Quality data',
    ]);
    expect(reportDataTables(FIXTURE_MODEL_OMITTED).map((t) => t.section)).not.toContain('channels');
  });

  it('gives every row as many cells as the table has columns', () => {
    for (const table of reportDataTables(FIXTURE_MODEL)) {
      for (const row of table.rows) expect(row, table.sheetName).toHaveLength(table.columns.length);
    }
  });

  it("adds the others row to geography, so the revenue shares add up to the month's", () => {
    const geography = reportDataTables(FIXTURE_MODEL).find((t) => t.section === 'geography');
    const shares = geography?.rows.map((row) => row[2]) ?? [];
    expect(geography?.rows.at(-1)?.[0]).toBe('Others');
    expect(shares.reduce<number>((sum, share) => sum + Number(share), 0)).toBeCloseTo(1, 12);
  });
});

describe('a review with little in it', () => {
  const empty: ReportModel = {
    ...FIXTURE_MODEL,
    findings: [],
    warnings: [{ code: 'few_months', message: 'Only one month of data.' }],
    sections: FIXTURE_MODEL.sections.map((s) =>
      s.id === 'quality' && s.status === 'present'
        ? { ...s, quarantine: [], alerts: [], drift: [], lastRun: null }
        : s.id === 'trend' && s.status === 'present'
          ? { ...s, points: s.points.slice(-1), threeMonthChangeRatio: null }
          : s.status === 'present' && s.id !== 'headline'
            ? { id: s.id, title: s.title, status: 'omitted', reason: `No ${s.id} data.` }
            : s,
    ),
  };

  it('writes notes instead of empty tables and still lists every omission', async () => {
    const workbook = buildReportWorkbook(empty);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      'Summary',
      'Trend',
      'Quality',
      'Headline data',
      'Trend data',
      'Quality data',
      'About',
    ]);
    const quality = workbook.getWorksheet('Quality');
    const texts: unknown[] = [];
    quality?.eachRow((row) => {
      texts.push(row.getCell(1).value);
    });
    expect(texts).toEqual(
      expect.arrayContaining(['No row was quarantined.', 'No alerts.', 'No drift was measured.']),
    );
    const summary = workbook.getWorksheet('Summary');
    const summaryTexts: unknown[] = [];
    summary?.eachRow((row) => {
      summaryTexts.push(row.getCell(1).value);
    });
    expect(summaryTexts).toEqual(
      expect.arrayContaining(['No findings this month.', 'Warnings', 'few_months']),
    );
    expect(summaryTexts.filter((t) => typeof t === 'string' && t.length > 0)).toContain('Geography');
    // A workbook with empty tables must still be written and read back.
    const bytes = await workbook.xlsx.writeBuffer();
    expect(bytes.byteLength).toBeGreaterThan(0);
  });
});
