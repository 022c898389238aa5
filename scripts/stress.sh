#!/usr/bin/env bash
# The race hunt of issue 14: the concurrency suites (API, attacks, crash, live channel, votes,
# elections) `--repeat until-fail:N` and the whole suite M times in a row, each under
# `stress -c 2` (Debian's stress: two busy CPUs beside the tests), on the ASan/UBSan build.
# Any failure stops the run with its output. Slow (hours on 2 cores): not part of scripts/test.sh.
#
#   ./scripts/stress.sh [suite repeats=30] [whole-suite runs=10]
#
# Either count may be 0 to skip that part (the two parts take about two hours each).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-30}"
runs="${2:-10}"
command -v stress >/dev/null || { apt-get update -qq && apt-get install -y -qq stress >/dev/null; }
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
test -x build/test/plenum_tests || { cmake --preset test >/dev/null && cmake --build --preset test; }

stress -c 2 >/dev/null 2>&1 &
load=$!
trap 'kill "$load" 2>/dev/null || true' EXIT

started=$(date +%s)
suites='^(Api|ProposalApi|Attack|Crash|Shutdown|Vote|WeightedAnonymousPoll|ElectronicElection|PaperElection|Election)'
if [ "$repeats" -gt 0 ]; then
  echo "== concurrency suites ($suites), until-fail:$repeats, under stress -c 2"
  ctest --preset test -j2 -LE bench -R "$suites" --repeat "until-fail:$repeats" --output-on-failure
  echo "   passed in $(( $(date +%s) - started )) s"
fi
for run in $(seq 1 "$runs"); do
  t=$(date +%s)
  echo "== whole suite, run $run of $runs, under stress -c 2"
  ctest --preset test -j2 --output-on-failure >/tmp/plenum-stress-run.log 2>&1 || { cat /tmp/plenum-stress-run.log; exit 1; }
  grep -E "tests passed|Total Test time" /tmp/plenum-stress-run.log
  echo "   run $run passed in $(( $(date +%s) - t )) s"
done
echo "== all passed in $(( $(date +%s) - started )) s"
