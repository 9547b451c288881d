#!/bin/sh
# Run every fuzz target in turn for SECS seconds each (default 240), one job,
# with libFuzzer's own per-input timeout and memory limit; logs go to
# fuzz/logs/<target>.log, crashes to fuzz/artifacts/<target>/.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
secs=${SECS:-240}
mkdir -p logs
for t in ${TARGETS:-read_text read_docx read_html read_pdf read_xlsx read_doc read_ofd check}; do
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    > "logs/$t.log" 2>&1
  echo "$t exit $?" >> logs/summary.txt
done
