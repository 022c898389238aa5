#!/usr/bin/env bash
# One command for a green test run: installs dependencies, checks the format, builds the debug build under
# AddressSanitizer and UBSan, and runs every test with CTest, then the web app's tests, then the
# Debian package's install test, then a short run of every fuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each stage ends with a line "== stage <name>: <seconds> s" (CI's time per stage).
stage_started=$SECONDS
stage() {
  echo "== stage $1: $((SECONDS - stage_started)) s"
  stage_started=$SECONDS
}
./scripts/install-deps.sh
stage install
# The sources are formatted (.clang-format): cheap, so first.
./scripts/format.sh --check
stage format
export CCACHE_BASEDIR="$PWD"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
cmake --preset test >/dev/null
cmake --build --preset test
stage build
ctest --preset test "$@"
stage ctest
# The web app (web/): Vitest unit tests, then the end-to-end test in chromium against
# build/test/plenum (installs chromium, a CJK font and the npm packages itself).
./web/test.sh
stage web
# The Debian package, built, installed, served, removed and purged as README.md's "Install as a
# service" says (tests/package/install-test.sh; it needs root, as every command here does).
./tests/package/install-test.sh
stage package
# The libFuzzer targets (tests/fuzz/), built with clang, each for a short while on its corpus;
# `./scripts/fuzz.sh` alone runs them long (docs/FUZZING.md).
./scripts/fuzz.sh "${PLENUM_FUZZ_SECONDS:-15}"
stage fuzz
