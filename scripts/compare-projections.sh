#!/bin/bash
# Compares two plenum databases table by table: every table of either but the sign-in sessions
# (a full-text table through its FTS5 shadow tables, which need no tokenizer to read), all rows
# in the order of all their columns. Used to show that a ledger written
# by one build replays under another into the same projections:
#   old/plenum --db demo.db demo
#   build/release/plenum --db demo.db replay --into replayed.db
#   scripts/compare-projections.sh demo.db replayed.db poll_voters
# Tables named after the two files are expected to differ and are only reported (poll_voters:
# who voted anonymously is not in the record, docs/LEDGER.md). Prints one line per table and
# exits 1 if any other differs.
set -euo pipefail
a=$1 b=$2
shift 2
expected=" $* "
tables() {
  sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND sql NOT LIKE 'CREATE VIRTUAL%' AND name != 'login_sessions' ORDER BY name"
}
digest() {  # $1 db, $2 table: the sha256 of every row, ordered by every column
  local cols
  cols=$(sqlite3 "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$2')")
  sqlite3 -bail "$1" "SELECT * FROM \"$2\" ORDER BY $cols" | sha256sum | cut -c1-16
}
status=0
for t in $(sort -u <(tables "$a") <(tables "$b")); do
  ra=$(sqlite3 "$a" "SELECT COUNT(*) FROM \"$t\"" 2>/dev/null || echo missing)
  rb=$(sqlite3 "$b" "SELECT COUNT(*) FROM \"$t\"" 2>/dev/null || echo missing)
  if [[ $ra == missing || $rb == missing ]]; then
    echo "DIFF  $t: rows $ra / $rb"; status=1; continue
  fi
  da=$(digest "$a" "$t"); db=$(digest "$b" "$t")
  if [[ $ra == "$rb" && $da == "$db" ]]; then echo "same  $t: $ra rows ($da)"
  elif [[ $expected == *" $t "* ]]; then echo "known $t: rows $ra / $rb (expected to differ)"
  else echo "DIFF  $t: rows $ra / $rb, $da / $db"; status=1; fi
done
exit $status
