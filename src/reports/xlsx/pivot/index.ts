/** Real Excel pivot tables written by shopstat (ECMA-376 Part 1, §18.10) into an exceljs workbook. */
export type {
  PivotAggregate,
  PivotCell,
  PivotSource,
  PivotSourceColumn,
  PivotSpec,
  PivotValueField,
} from './types.ts';
export { writeWorkbookWithPivots } from './write-workbook.ts';
