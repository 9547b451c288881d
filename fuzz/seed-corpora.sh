#!/bin/sh
# Fill fuzz/corpus/<target>/ (or DIR/<target>/ with `seed-corpora.sh DIR`)
# with the test fixtures (the seeds, the files made from them, the published
# PDF), so that fuzzing starts from real reports of every kind.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
fx=$root/tests/fixtures
c=${1:-$here/corpus}
mkdir -p "$c/read_text" "$c/read_docx" "$c/read_html" "$c/read_pdf" "$c/read_xlsx" "$c/check"
cp "$fx"/seeds/*.txt "$fx"/cross/*.txt "$c/read_text/"
cp "$fx"/docx/*.docx "$c/read_docx/"
cp "$fx"/html/* "$c/read_html/"
cp "$fx"/pdf/*.pdf "$c/read_pdf/"
cp "$fx"/real/*.pdf "$c/read_pdf/"
cp "$fx"/xlsx/*.xlsx "$c/read_xlsx/"
mkdir -p "$c/read_doc" "$c/read_ofd"
find "$fx/doc" -name '*.doc' -exec cp {} "$c/read_doc/" \;
find "$fx/ofd" -name '*.ofd' -exec cp {} "$c/read_ofd/" \;
[ -d "$fx/regressions" ] && find "$fx/regressions" -type f ! -name '*.md' -exec cp {} "$c/check/" \; || true
# For the whole check the first byte picks the file name (see fuzz_targets/check.rs):
# 0 txt, 1 docx, 2 html, 3 pdf, 4 xlsx; 7 doc, 11 ofd.
i=0
for kind in read_text read_docx read_html read_pdf read_xlsx; do
  for f in "$c/$kind"/*; do
    printf "\\$(printf '%03o' $i)" | cat - "$f" > "$c/check/$i-$(basename "$f")"
  done
  i=$((i + 1))
done
for f in "$c/read_doc"/*; do
  printf '\007' | cat - "$f" > "$c/check/7-$(basename "$f")"
done
for f in "$c/read_ofd"/*; do
  printf '\013' | cat - "$f" > "$c/check/11-$(basename "$f")"
done
