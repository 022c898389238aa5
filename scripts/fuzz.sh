#!/usr/bin/env bash
# Builds the libFuzzer targets (the "fuzz" preset: clang, AddressSanitizer, UBSan) and runs each
# on its corpus for SECONDS seconds: `./scripts/fuzz.sh` runs each for 600 s (the long run whose
# figures docs/FUZZING.md records), `.ci/run` runs `./scripts/fuzz.sh 15` as a smoke test.
# NAMES picks fuzzers (default all), JOBS how many run at once (default 1).
# The seeds in tests/fuzz/corpus/<name> are read only; what a run adds goes to
# build/fuzz/corpus/<name>, and a crash, leak or sanitizer report leaves its input in
# build/fuzz/crashes/ and fails the script. Each run's figures go to build/fuzz/figures.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
names="${NAMES:-json_action target roster_csv proposal_csv rulebook ballot}"
jobs="${JOBS:-1}"

./scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD"
cmake --preset fuzz >/dev/null
targets=()
for n in $names; do targets+=("${n}_fuzzer"); done
cmake --build --preset fuzz --target "${targets[@]}"

out=build/fuzz
mkdir -p "$out/crashes" "$out/logs"
: > "$out/figures.txt"
run_one() {
  local n="$1" seconds="$2" out="$3"
  mkdir -p "$out/corpus/$n"
  local log="$out/logs/$n.log"
  local status=0
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "$out/${n}_fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$n-" "$out/corpus/$n" "tests/fuzz/corpus/$n" \
    >"$log" 2>&1 || status=$?
  local execs cov ft
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo 0)
  local verdict=clean
  [ "$status" -eq 0 ] || verdict="FAILED (exit $status, see $log)"
  echo "$n: ${seconds}s, ${execs} executions, cov ${cov}, ft ${ft}, corpus $(ls "$out/corpus/$n" | wc -l) new + $(ls "tests/fuzz/corpus/$n" | wc -l) seeds: $verdict" \
    | tee -a "$out/figures.txt"
  [ "$status" -eq 0 ]
}
export -f run_one
printf '%s\n' $names | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} "$seconds" "$out"
