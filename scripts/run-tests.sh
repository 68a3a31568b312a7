#!/usr/bin/env bash
# Quick start, command 2: sets up, builds and runs the whole test suite (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
start=$(date +%s)
bash scripts/build.sh
echo "build: $(( $(date +%s) - start )) s"
cd "${BUILD_DIR:-build}"
ctest --output-on-failure --no-tests=error -j "${JOBS:-2}" "$@"
