#!/usr/bin/env bash
# Runs clang-tidy-14 (.clang-tidy) over plenum's sources with the test build's compile database
# (build/test/compile_commands.json; cmake --preset test writes it). Slow: minutes per core.
# Usage: scripts/tidy.sh [files...]   (default: every .cpp under src/)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/test/compile_commands.json ] || cmake --preset test >/dev/null
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(git ls-files 'src/*.cpp')
run-clang-tidy-14 -quiet -p build/test "${files[@]}"
