#!/bin/sh
# Make the OFD fixtures of tests/fixtures/ofd from the PDF fixtures (run from
# the repository root). See tests/fixtures/ofd/README.md.
#
#   python3 -m venv /tmp/ofd && /tmp/ofd/bin/pip install pymupdf easyofd
#   PYTHON=/tmp/ofd/bin/python sh tools/legacy-fixtures/make-ofd.sh
set -eu
py=${PYTHON:-python3}
fx=tests/fixtures
for n in docx-000 docx-001 docx-002 docx-003 docx-004 seed-000 seed-002 seed-003 seed-003-borderless scanned; do
  "$py" tools/legacy-fixtures/pdf2ofd.py "$fx/pdf/$n.pdf" "$fx/ofd/$n.ofd"
done
# The same PDF through easyofd, a converter from PyPI (its own text layout).
"$py" - "$fx/pdf/docx-000.pdf" "$fx/ofd/easyofd-docx-000.ofd" <<'PY'
import sys
from easyofd.ofd import OFD
data = OFD().pdf2ofd(open(sys.argv[1], "rb").read(), optional_text=True)
open(sys.argv[2], "wb").write(data)
PY
ls -l "$fx/ofd"
