"""An independent XLSX reader and editor for the tests (openpyxl, not the library that wrote the file).

read <file>:            JSON of every sheet: cell values and types, hidden columns, frozen pane,
                        auto filter, data validations
edit <in> <out> <json>: set cells {"Sheet!B2": "value", ...} and save (as a colleague would in Excel)
zip <file>:             JSON of a ZIP's entries: name, size, sha256 (Python's zipfile)
"""
import hashlib
import json
import sys
import zipfile

import openpyxl


def read(path):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            rows.append([{"v": c.value, "t": c.data_type} for c in row])
        out[ws.title] = {
            "rows": rows,
            "hidden": [k for k, d in ws.column_dimensions.items() if d.hidden],
            "freeze": ws.freeze_panes,
            "autoFilter": ws.auto_filter.ref,
            "validations": [
                {"type": v.type, "formula1": v.formula1, "ranges": str(v.sqref)} for v in ws.data_validations.dataValidation
            ],
        }
    print(json.dumps(out, default=str, ensure_ascii=False))


def edit(src, dst, changes):
    wb = openpyxl.load_workbook(src)
    for ref, value in json.loads(changes).items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].value = value
    wb.save(dst)


def entries(path):
    with zipfile.ZipFile(path) as z:
        print(json.dumps([
            {"name": i.filename, "size": i.file_size, "sha256": hashlib.sha256(z.read(i.filename)).hexdigest()}
            for i in z.infolist()
        ]))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "read":
        read(sys.argv[2])
    elif cmd == "edit":
        edit(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "zip":
        entries(sys.argv[2])
