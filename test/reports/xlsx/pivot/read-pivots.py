"""Second reader for writeWorkbookWithPivots: Debian's openpyxl 3.0.9 re-reads an .xlsx and
prints its sheet names, the number of pictures it sees on each sheet, its pivot definitions, the
names of each pivot's row fields and data fields, and
(when SHEET is given) the first column of that sheet as JSON.

usage: /usr/bin/python3 read-pivots.py FILE.xlsx [SHEET]
"""
import json
import sys

from openpyxl import load_workbook


def pivot_summary(sheet, pivot):
    cache = pivot.cache
    source = cache.cacheSource.worksheetSource
    return {
        "sheet": sheet.title,
        "name": pivot.name,
        "cacheId": pivot.cacheId,
        "location": pivot.location.ref,
        "firstHeaderRow": pivot.location.firstHeaderRow,
        "firstDataRow": pivot.location.firstDataRow,
        "firstDataCol": pivot.location.firstDataCol,
        "rowFields": [f.x for f in pivot.rowFields],
        "colFields": [f.x for f in pivot.colFields],
        "pageFields": [f.fld for f in pivot.pageFields],
        "dataFields": [
            {"name": d.name, "fld": d.fld, "subtotal": d.subtotal} for d in pivot.dataFields
        ],
        "refreshOnLoad": bool(cache.refreshOnLoad),
        "cacheSheet": source.sheet,
        "cacheRef": source.ref,
        "cacheFields": [f.name for f in cache.cacheFields],
        "recordCount": cache.recordCount,
        "records": len(cache.records.r) if cache.records is not None else None,
    }


def pivot_field_names(sheet, pivot):
    fields = pivot.cache.cacheFields
    return {
        "sheet": sheet.title,
        "name": pivot.name,
        "rows": [fields[f.x].name for f in pivot.rowFields if f.x >= 0],
        "data": [d.name for d in pivot.dataFields],
    }


def main():
    workbook = load_workbook(sys.argv[1])
    pivots = [pivot_summary(ws, p) for ws in workbook.worksheets for p in ws._pivots]
    column = (
        [row[0].value for row in workbook[sys.argv[2]].iter_rows()] if len(sys.argv) > 2 else None
    )
    images = {ws.title: len(ws._images) for ws in workbook.worksheets}
    print(
        json.dumps(
            {
                "sheetNames": workbook.sheetnames,
                "images": images,
                "pivots": pivots,
                "pivotFields": [
                    pivot_field_names(ws, p) for ws in workbook.worksheets for p in ws._pivots
                ],
                "firstColumn": column,
            }
        )
    )


main()
