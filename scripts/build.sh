#!/usr/bin/env bash
# Configures and builds Florence Studio into build/ (Release, Ninja, ccache when present).
# Usage: bash scripts/build.sh [extra cmake args]. JOBS=N overrides the parallelism (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${JOBS:-2}"
BUILD_DIR="${BUILD_DIR:-build}"
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
fi
cmake --build "$BUILD_DIR" -j "$JOBS"
