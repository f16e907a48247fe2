"""A second reader for the review workbook: openpyxl's view of it, as JSON on stdout.

Usage: /usr/bin/python3 read-workbook.py WORKBOOK.xlsx

Prints {"sheets": [...], "freeze": {sheet: "A5" | null}, "tables": {sheet: {name: ref}},
"autofilter": {sheet: ref | null}, "cells": {sheet: [[coordinate, value, data_type, number_format], ...]},
"images": {sheet: count}} with every non-empty cell of every sheet.
"""
import json
import sys

import openpyxl


def main(path):
    workbook = openpyxl.load_workbook(path)
    out = {"sheets": workbook.sheetnames, "freeze": {}, "tables": {}, "autofilter": {}, "cells": {}, "images": {}}
    for ws in workbook.worksheets:
        out["freeze"][ws.title] = ws.freeze_panes
        out["tables"][ws.title] = {name: ref for name, ref in ws.tables.items()}
        out["autofilter"][ws.title] = ws.auto_filter.ref
        out["images"][ws.title] = len(ws._images)
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells.append([cell.coordinate, cell.value, cell.data_type, cell.number_format])
        out["cells"][ws.title] = cells
    json.dump(out, sys.stdout, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
