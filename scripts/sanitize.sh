#!/usr/bin/env bash
# ASan + UBSan build of core, the CLI and the core/CLI test suites (CMake preset "asan", build-asan/),
# then runs those suites (CTest label "core") with leak detection on. Every florence-cli child a CLI
# test starts inherits the sanitizers; its stderr is part of the test output.
#
# Usage: bash scripts/sanitize.sh [ctest -R regex]     e.g. bash scripts/sanitize.sh 'test_io|test_cli'
# Environment: JOBS (default 2). Not run in CI (see docs/hardening.md for the time it takes).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${JOBS:-2}"
if [ ! -f build-asan/build.ninja ]; then
  cmake --preset asan
fi
cmake --build build-asan -j "$JOBS"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
cd build-asan
if [ $# -gt 0 ]; then
  ctest -L core -R "$1" --output-on-failure --timeout 3600
else
  ctest -L core --output-on-failure --timeout 3600
fi
