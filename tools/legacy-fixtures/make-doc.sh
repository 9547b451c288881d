#!/bin/sh
# Make the Word 97–2003 (.doc) fixtures of tests/fixtures/doc from the .docx
# and .html fixtures, with LibreOffice Writer (run from the repository root):
#
#   apt-get install -y libreoffice-writer-nogui
#   sh tools/legacy-fixtures/make-doc.sh
#
# docx/NNN.docx -> doc/NNN.doc; html/NNN.html -> doc/html-NNN.doc;
# tools/legacy-fixtures/list-numbers.fodt -> doc/list-numbers.doc. LibreOffice
# stamps the time of saving into the files, so the bytes change on every run;
# the content does not. docx/003-excel-object.docx is left out: LibreOffice
# 7.4 cannot load it (its embedded workbook part).
set -eu
root=$(pwd)
fx=$root/tests/fixtures
out=$fx/doc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out" "$tmp/docx" "$tmp/html"
# A profile of its own, so that a running LibreOffice is not disturbed.
profile="-env:UserInstallation=file://$tmp/profile"
soffice "$profile" --headless --convert-to doc --outdir "$tmp/docx" \
  "$fx"/docx/00[0-4].docx "$fx"/docx/runs-fields-merges.docx "$fx"/docx/numbering.docx
for f in "$tmp"/docx/*.doc; do cp "$f" "$out/"; done
for n in 000 001 002 003 004 003-gb2312; do
  soffice "$profile" --headless --infilter="HTML (StarWriter)" --convert-to "doc:MS Word 97" \
    --outdir "$tmp/html" "$fx/html/$n.html"
  cp "$tmp/html/$n.doc" "$out/html-$n.doc"
done
# Word's own list numbers (一、 （一） 1.), written by LibreOffice from a
# hand-made OpenDocument file.
soffice "$profile" --headless --convert-to doc --outdir "$tmp" tools/legacy-fixtures/list-numbers.fodt
cp "$tmp/list-numbers.doc" "$out/"
ls -l "$out"
