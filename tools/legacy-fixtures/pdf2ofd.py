#!/usr/bin/env python3
"""Write an OFD (GB/T 33190) file from a PDF: every character at its place,
every ruling line and thin bar as a path, one TextObject per run of text.

    python3 -m venv /tmp/ofd && /tmp/ofd/bin/pip install pymupdf
    /tmp/ofd/bin/python tools/legacy-fixtures/pdf2ofd.py IN.pdf OUT.ofd

PyMuPDF reads the PDF (characters with their baseline origins, the page's
drawings); the OFD is written by this script: OFD.xml, Doc_0/Document.xml,
Doc_0/PublicRes.xml (the fonts by name), Doc_0/Pages/Page_N/Content.xml and
the pictures (Doc_0/DocumentRes.xml, Doc_0/Res/),
in millimetres with the origin at the top left, as the standard has it.
Text objects carry Boundary, Font, Size and a TextCode with X, Y and DeltaX
(the advance from each character to the next); paths carry an
AbbreviatedData of M/L/C commands. The zip is written with a fixed time
stamp, so the same PDF gives the same bytes.
"""
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

import fitz  # PyMuPDF

NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72.0


def mm(v):
    return "%.3f" % (v * MM)


def page_xml(page, fonts, ids, media):
    w, h = page.rect.width, page.rect.height
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<ofd:Page xmlns:ofd="%s"><ofd:Area><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:Area>' % (NS, mm(w), mm(h)),
           '<ofd:Content><ofd:Layer ID="%d" Type="Body">' % next(ids)]
    for path in page.get_drawings():
        stroke = path.get("color") is not None
        fill = path.get("fill") is not None
        if not stroke and not fill:
            continue
        data = []
        for item in path["items"]:
            if item[0] == "l":
                a, b = item[1], item[2]
                data.append("M %s %s L %s %s" % (mm(a.x), mm(a.y), mm(b.x), mm(b.y)))
            elif item[0] == "re":
                r = item[1]
                data.append("M %s %s L %s %s L %s %s L %s %s C" % (
                    mm(r.x0), mm(r.y0), mm(r.x1), mm(r.y0), mm(r.x1), mm(r.y1), mm(r.x0), mm(r.y1)))
            elif item[0] == "qu":
                q = item[1]
                data.append("M %s %s L %s %s L %s %s L %s %s C" % (
                    mm(q.ul.x), mm(q.ul.y), mm(q.ur.x), mm(q.ur.y), mm(q.lr.x), mm(q.lr.y), mm(q.ll.x), mm(q.ll.y)))
        if not data:
            continue
        lw = path.get("width") or 0.0
        out.append('<ofd:PathObject ID="%d" Boundary="0 0 %s %s" LineWidth="%s" Stroke="%s" Fill="%s"><ofd:AbbreviatedData>%s</ofd:AbbreviatedData></ofd:PathObject>' % (
            next(ids), mm(w), mm(h), mm(lw), "true" if stroke else "false", "true" if fill else "false", " ".join(data)))
    # No spaces made up from gaps: only the characters the PDF draws.
    flags = fitz.TEXTFLAGS_RAWDICT | fitz.TEXT_INHIBIT_SPACES
    raw = page.get_text("rawdict", flags=flags)
    for info in page.get_image_info(xrefs=True):
        xref = info.get("xref")
        if not xref:
            continue
        if xref not in media:
            img = page.parent.extract_image(xref)
            media[xref] = (next(ids), "image_%d.%s" % (xref, img["ext"]), img["image"])
        x0, y0, x1, y1 = info["bbox"]
        out.append('<ofd:ImageObject ID="%d" Boundary="%s %s %s %s" CTM="%s 0 0 %s 0 0" ResourceID="%d"/>' % (
            next(ids), mm(x0), mm(y0), mm(x1 - x0), mm(y1 - y0), mm(x1 - x0), mm(y1 - y0), media[xref][0]))
    for block in raw["blocks"]:
        for line in block.get("lines", []):
            if line.get("dir", (1, 0)) != (1, 0):
                continue
            for span in line["spans"]:
                chars = [c for c in span["chars"] if c["c"]]
                if not chars:
                    continue
                font = fonts.setdefault(span["font"], next(ids))
                x0, y0, x1, y1 = span["bbox"]
                ox, oy = chars[0]["origin"]
                deltas = [chars[i + 1]["origin"][0] - chars[i]["origin"][0] for i in range(len(chars) - 1)]
                text = "".join(c["c"] for c in chars)
                attrs = 'X="%s" Y="%s"' % (mm(ox - x0), mm(oy - y0))
                if deltas:
                    attrs += ' DeltaX="%s"' % " ".join(mm(d) for d in deltas)
                out.append('<ofd:TextObject ID="%d" Boundary="%s %s %s %s" Font="%d" Size="%s"><ofd:TextCode %s>%s</ofd:TextCode></ofd:TextObject>' % (
                    next(ids), mm(x0), mm(y0), mm(x1 - x0), mm(y1 - y0), font, mm(span["size"]), attrs, escape(text)))
    out.append("</ofd:Layer></ofd:Content></ofd:Page>")
    return "\n".join(out)


def convert(src, dst):
    doc = fitz.open(src)
    ids = iter(range(1, 10 ** 9))
    fonts = {}
    media = {}
    pages = [page_xml(p, fonts, ids, media) for p in doc]
    first = doc[0].rect
    page_ids = [next(ids) for _ in pages]
    document = ['<?xml version="1.0" encoding="UTF-8"?>',
                '<ofd:Document xmlns:ofd="%s"><ofd:CommonData><ofd:MaxUnitID>%d</ofd:MaxUnitID>' % (NS, page_ids[-1] if page_ids else 0),
                '<ofd:PageArea><ofd:PhysicalBox>0 0 %s %s</ofd:PhysicalBox></ofd:PageArea>' % (mm(first.width), mm(first.height)),
                '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>%s</ofd:CommonData><ofd:Pages>' % (
                    "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if media else "")]
    for i, pid in enumerate(page_ids):
        document.append('<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>' % (pid, i))
    document.append("</ofd:Pages></ofd:Document>")
    res = ['<?xml version="1.0" encoding="UTF-8"?>', '<ofd:Res xmlns:ofd="%s" BaseLoc="Res"><ofd:Fonts>' % NS]
    for name, fid in fonts.items():
        res.append('<ofd:Font ID="%d" FontName=%s FamilyName=%s/>' % (fid, quoteattr(name), quoteattr(name.split("+")[-1])))
    res.append("</ofd:Fonts></ofd:Res>")
    ofd = ('<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="%s" Version="1.0" DocType="OFD"><ofd:DocBody>'
           '<ofd:DocInfo><ofd:DocID>nianbao-fixture</ofd:DocID><ofd:Creator>tools/legacy-fixtures/pdf2ofd.py</ofd:Creator></ofd:DocInfo>'
           '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' % NS)
    parts = [("OFD.xml", ofd), ("Doc_0/Document.xml", "\n".join(document)), ("Doc_0/PublicRes.xml", "\n".join(res))]
    parts += [("Doc_0/Pages/Page_%d/Content.xml" % i, p) for i, p in enumerate(pages)]
    if media:
        mm_xml = ['<?xml version="1.0" encoding="UTF-8"?>', '<ofd:Res xmlns:ofd="%s" BaseLoc="Res"><ofd:MultiMedias>' % NS]
        for mid, name, _ in media.values():
            mm_xml.append('<ofd:MultiMedia ID="%d" Type="Image"><ofd:MediaFile>%s</ofd:MediaFile></ofd:MultiMedia>' % (mid, name))
        mm_xml.append("</ofd:MultiMedias></ofd:Res>")
        parts.append(("Doc_0/DocumentRes.xml", "\n".join(mm_xml)))
        parts += [("Doc_0/Res/" + name, data) for _, name, data in media.values()]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)


if __name__ == "__main__":
    convert(sys.argv[1], sys.argv[2])
