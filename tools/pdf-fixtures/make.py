#!/usr/bin/env python3
"""Make the PDF fixtures of tests/fixtures/pdf from the seeds.

Each seed's text is laid out as HTML exactly as the text has it: running text
as paragraphs, table rows as real table rows (tab-separated rows for the TSV
layout; one cell per tab-indented line, rows ending at a blank line, for the
cell-per-line layout). LibreOffice Writer then prints the HTML to PDF, the
way a clerk's word processor would:

    python3 tools/pdf-fixtures/make.py ../shared/seeds tests/fixtures/pdf

Needs `soffice` (Debian: libreoffice-writer-nogui) and a CJK font
(fonts-noto-cjk). The scanned and encrypted fixtures come from the same
script (see README.md in tests/fixtures/pdf).
"""
import glob
import html
import os
import re
import subprocess
import sys
import tempfile

CSS = """
body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; }
td { border: 1px solid #000; font-size: 9pt; padding: 2pt; vertical-align: middle; }
"""


def cell_per_line(lines):
    """Blocks of a cell-per-line seed: ('p', text) or ('table', rows)."""
    blocks, rows, row, in_table = [], [], None, False
    for line in lines:
        if line.startswith("\t"):
            if row is None:
                row = []
            row.append(line[1:])
            in_table = True
        elif line.strip() == "":
            if row is not None:
                rows.append(row)
                row = None
        elif in_table and row is not None:
            row[-1] += "\n" + line  # a wrapped cell
        else:
            if rows:
                blocks.append(("table", rows))
                rows = []
            in_table = False
            blocks.append(("p", line))
    if row is not None:
        rows.append(row)
    if rows:
        blocks.append(("table", rows))
    return blocks


def tsv(lines):
    blocks, rows = [], []
    for line in lines:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            blocks.append(("table", rows))
            rows = []
        if line.strip():
            blocks.append(("p", line))
    if rows:
        blocks.append(("table", rows))
    return blocks


def to_html(blocks):
    out = ["<html><head><meta charset='utf-8'><style>", CSS, "</style></head><body>"]
    for kind, b in blocks:
        if kind == "p":
            out.append("<p>%s</p>" % html.escape(b))
        else:
            out.append("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">")
            for row in b:
                cells = "".join(
                    "<td>%s</td>" % "<br>".join(html.escape(x) for x in c.split("\n")) for c in row
                )
                out.append("<tr>%s</tr>" % cells)
            out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def convert(html_text, name, out_dir):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, name + ".html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(html_text)
        subprocess.run(
            ["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        os.replace(os.path.join(tmp, name + ".pdf"), os.path.join(out_dir, name + ".pdf"))


def main():
    seeds, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for prefix, layout in [("000", cell_per_line), ("002", cell_per_line), ("003", tsv)]:
        path = glob.glob(os.path.join(seeds, prefix + "_*.txt"))[0]
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        convert(to_html(layout(lines)), "seed-" + prefix, out_dir)


if __name__ == "__main__":
    main()
