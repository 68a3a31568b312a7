#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang (-fsanitize=fuzzer,address,undefined) into
# build-fuzz/ and runs each for N seconds, then prints: harness -> seconds -> executions -> findings.
#
# Usage: bash scripts/fuzz.sh [SECONDS (default 60)] [HARNESS...]     e.g. bash scripts/fuzz.sh 600 pickle rle
#   --build-only     build, do not run
#   --full-core      also build the whole florence_core with clang (keeps core compiling with clang)
# Environment: JOBS (build parallelism, default 2), PARALLEL (harnesses fuzzing at once, default 1),
# NICE (niceness of the fuzzing processes, default 0), FUZZ_DIR (default build-fuzz), CXX (default clang++).
# Each harness fuzzes a working copy of its seed corpus (fuzz/corpus/<name> -> $FUZZ_DIR/corpus/<name>),
# so fuzz/corpus only changes by hand; crashes go to $FUZZ_DIR/findings/<name>/ (exit status 1 when
# any harness found something). A finding becomes a file in fuzz/corpus/<name>/ plus a unit test.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=60
BUILD_ONLY=0
FULL_CORE=0
HARNESSES=()
for a in "$@"; do
  case "$a" in
    --build-only) BUILD_ONLY=1 ;;
    --full-core) FULL_CORE=1 ;;
    ''|*[!0-9]*) HARNESSES+=("$a") ;;
    *) SECONDS_EACH="$a" ;;
  esac
done
JOBS="${JOBS:-2}"
DIR="${FUZZ_DIR:-build-fuzz}"
export CXX="${CXX:-clang++}" CC="${CC:-clang}"
if [ ! -f "$DIR/build.ninja" ]; then
  cmake -S . -B "$DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFLORENCE_BUILD_FUZZ=ON \
    -DFLORENCE_BUILD_UI=OFF -DFLORENCE_BUILD_TESTS=OFF -DFLORENCE_BUILD_BENCH=OFF
fi
targets=(fuzz_all)
[ "$FULL_CORE" = 1 ] && targets+=(florence_core)
cmake --build "$DIR" -j "$JOBS" --target "${targets[@]}"
[ "$BUILD_ONLY" = 1 ] && exit 0

if [ ${#HARNESSES[@]} -eq 0 ]; then
  for f in fuzz/fuzz_*.cpp; do n=$(basename "$f" .cpp); HARNESSES+=("${n#fuzz_}"); done
fi
PARALLEL="${PARALLEL:-1}"
NICE="${NICE:-0}"
ROWS="$DIR/rows"
rm -rf "$ROWS"; mkdir -p "$ROWS"
fuzz_one() {
  local h="$1"
  local bin="$DIR/fuzz/fuzz_$h" corpus="$DIR/corpus/$h" findings="$DIR/findings/$h"
  mkdir -p "$corpus" "$findings"
  [ -d "fuzz/corpus/$h" ] && cp -n fuzz/corpus/"$h"/* "$corpus"/ 2>/dev/null || true
  local dict=()
  # The pickle harnesses: the opcode dictionary, and inputs up to 8 KiB (the 60 KB fixture data.pkl
  # seed would otherwise make every input that long and the run ~20x slower).
  case "$h" in pickle|pytorch_bin) dict=(-dict=fuzz/pickle.dict -max_len=8192) ;; esac
  local log="$DIR/fuzz_$h.log" start rc secs execs found
  start=$(date +%s)
  set +e
  nice -n "$NICE" "$bin" "$corpus" "${dict[@]}" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=3072 \
    -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  secs=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [ -z "$execs" ] && execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  found=$(find "$findings" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  [ "$rc" -ne 0 ] && [ "$found" -eq 0 ] && found="error (exit $rc, see $log)"
  printf '%-16s %8s %14s   %s\n' "$h" "$secs" "${execs:-?}" "$found" >"$ROWS/$h"
}
running=0
for h in "${HARNESSES[@]}"; do
  fuzz_one "$h" &
  running=$((running + 1))
  if [ "$running" -ge "$PARALLEL" ]; then wait -n || true; running=$((running - 1)); fi
done
wait || true
status=0
printf '%-16s %8s %14s   %s\n' harness seconds executions findings
for h in "${HARNESSES[@]}"; do
  row="$(cat "$ROWS/$h" 2>/dev/null || printf '%-16s %8s %14s   %s' "$h" '?' '?' 'no result')"
  printf '%s\n' "$row"
  case "$row" in *' 0') ;; *) status=1 ;; esac
done
exit $status
