#!/usr/bin/env bash
# Builds plans/calf-strain-return.ron with the command line: a 10K plan from a template,
# four weeks done, a calf strain logged on an interval day (sessions after it skipped),
# pain settling, a calf-raise test (with the pain felt during it), a return-to-running
# block, and the race week re-planned to follow the block.
# Run from the repository root after `cargo build`.
set -euo pipefail
G=${GRADUAL:-target/debug/gradual}
OUT=plans/calf-strain-return.ron
rm -f "$OUT" "$OUT.bak"
"$G" new --template 10k-experienced --start 2026-09-07 --base-km 35 --athlete Lee \
  --name "Autumn 10K, back from a calf strain" -o "$OUT" >/dev/null
# Sessions before the strain were done; runs in the ten days after it were skipped.
python3 - "$OUT" <<'PY'
import re, sys
path = sys.argv[1]
lines = []
for line in open(path):
    m = re.match(r'(\s+)\(date: "(\d{4}-\d\d-\d\d)", (.*)\),\n', line)
    if m and "status:" not in line:
        date = m.group(2)
        if date < "2026-10-06":
            line = line.replace("),\n", ", status: Done),\n") if line.rstrip().endswith("),") else line
        elif date <= "2026-10-18" and "activity: Run(" in line:
            line = line.replace("),\n", ", status: Skipped),\n")
    lines.append(line)
open(path, "w").write("".join(lines))
PY
"$G" symptom "$OUT" --date 2026-10-06 --area calf --pain 6 --when during --side left \
  --note "felt a sharp tightening in the second interval" >/dev/null
"$G" symptom "$OUT" --date 2026-10-08 --area calf --pain 4 --when next-morning --side left >/dev/null
"$G" symptom "$OUT" --date 2026-10-15 --area calf --pain 2 --when next-morning --side left >/dev/null
"$G" calf-test "$OUT" --date 2026-10-17 --left 25 --right 27 --pain 0 >/dev/null
"$G" return "$OUT" --from 2026-10-19 >/dev/null
# The block ends before race week; the race week's easy runs are re-planned to follow it.
"$G" replan "$OUT" --from 2026-11-09 >/dev/null
rm -f "$OUT.bak"
"$G" check "$OUT" | tail -n 25
