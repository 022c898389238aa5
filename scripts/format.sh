#!/usr/bin/env bash
# Formats the C++ sources (src/, tests/, bench/) with clang-format-14 and .clang-format, or with
# --check lists the files that are not formatted and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
# Tracked files and new ones git does not ignore.
files=$(git ls-files --cached --others --exclude-standard 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h' 'bench/*.cpp' 'bench/*.h')
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in $files; do
    clang-format-14 --style=file "$f" | cmp -s - "$f" || bad+=("$f")
  done
  if [ ${#bad[@]} -gt 0 ]; then
    printf 'not formatted (run scripts/format.sh):\n'
    printf '  %s\n' "${bad[@]}"
    exit 1
  fi
  exit 0
fi
# shellcheck disable=SC2086
clang-format-14 --style=file -i $files
