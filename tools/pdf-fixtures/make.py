#!/usr/bin/env python3
"""Make the PDF fixtures of tests/fixtures/pdf from the seeds.

Each seed's text is laid out as HTML exactly as the text has it: running text
as paragraphs, table rows as real table rows (tab-separated rows for the TSV
layout; one cell per tab-indented line, rows ending at a blank line, for the
cell-per-line layout). LibreOffice Writer then prints the HTML to PDF, the
way a clerk's word processor would:

    python3 tools/pdf-fixtures/make.py [OUT_DIR]

(the seeds are those of tests/fixtures/seeds; OUT_DIR is tests/fixtures/pdf
unless given).

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


def to_html(blocks, border=1):
    out = ["<html><head><meta charset='utf-8'><style>", CSS, "</style></head><body>"]
    for kind, b in blocks:
        if kind == "p":
            out.append("<p>%s</p>" % html.escape(b))
        else:
            out.append("<table border=\"%d\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%%\">" % border)
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


def from_docx(docx_dir, out_dir):
    """Print the .docx fixtures (official layout, merged cells) to PDF."""
    for src in sorted(glob.glob(os.path.join(docx_dir, "[0-9][0-9][0-9].docx"))):
        name = os.path.splitext(os.path.basename(src))[0]
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                ["soffice", "--headless", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            os.replace(os.path.join(tmp, name + ".pdf"), os.path.join(out_dir, "docx-" + name + ".pdf"))


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    seeds = os.path.join(root, "tests", "fixtures", "seeds")
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "tests", "fixtures", "pdf")
    os.makedirs(out_dir, exist_ok=True)
    docx_dir = os.path.join(os.path.dirname(out_dir.rstrip("/")), "docx")
    if os.path.isdir(docx_dir):
        from_docx(docx_dir, out_dir)
    for prefix, layout in [("000", cell_per_line), ("002", cell_per_line), ("003", tsv)]:
        path = glob.glob(os.path.join(seeds, prefix + "_*.txt"))[0]
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        convert(to_html(layout(lines)), "seed-" + prefix, out_dir)
        if prefix == "003":
            # The same without any borders: cells only by their positions.
            convert(to_html(layout(lines), border=0), "seed-003-borderless", out_dir)
    extras(out_dir)


def scanned(source_pdf, out_path):
    """An image-only PDF: one page of `source_pdf` rendered to a grey bitmap."""
    import zlib

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-gray", "-r", "40", "-f", "3", "-l", "3", source_pdf, os.path.join(tmp, "p")], check=True
        )
        pgm = open(glob.glob(os.path.join(tmp, "p*.pgm"))[0], "rb").read()
    # P5 header: magic, width, height, maxval, one whitespace byte.
    fields, pos = [], 0
    while len(fields) < 4:
        while pgm[pos : pos + 1].isspace():
            pos += 1
        start = pos
        while not pgm[pos : pos + 1].isspace():
            pos += 1
        fields.append(pgm[start:pos])
    width, height = int(fields[1]), int(fields[2])
    pixels = pgm[pos + 1 : pos + 1 + width * height]
    data = zlib.compress(pixels, 9)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (width, height, len(data))
        + data
        + b"\nendstream",
    ]
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(out_path, "wb") as f:
        f.write(out)


def write_pdf(objs, out_path):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(out_path, "wb") as f:
        f.write(out)


def bomb(out_path):
    """A page whose content stream inflates to 64 MB of spaces (a decompression bomb)."""
    import zlib

    z = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(z.compress(chunk) for _ in range(64)) + z.flush()
    write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
        ],
        out_path,
    )


def extras(out_dir):
    bomb(os.path.join(out_dir, "bomb.pdf"))
    scanned(os.path.join(out_dir, "seed-000.pdf"), os.path.join(out_dir, "scanned.pdf"))
    # Empty user password, owner password set: opens without a prompt in a
    # viewer, but every string and stream is encrypted (AES-256).
    subprocess.run(
        ["qpdf", "--encrypt", "", "owner-secret", "256", "--", os.path.join(out_dir, "seed-003.pdf"),
         os.path.join(out_dir, "encrypted-aes256.pdf")],
        check=True,
    )
    seed = os.path.join(out_dir, "seed-003.pdf")
    for name, args in [
        ("encrypted-rc4.pdf", ["--allow-weak-crypto", "--encrypt", "", "owner-secret", "128", "--use-aes=n", "--"]),
        ("encrypted-aes128.pdf", ["--encrypt", "", "owner-secret", "128", "--use-aes=y", "--"]),
        # A real password is needed to open this one.
        ("encrypted-password.pdf", ["--encrypt", "user-secret", "owner-secret", "256", "--"]),
    ]:
        subprocess.run(["qpdf"] + args + [seed, os.path.join(out_dir, name)], check=True)


if __name__ == "__main__":
    main()
