#!/usr/bin/env bash
# Quick start, command 1: sets up, builds and launches Florence Studio on the bundled sample images.
# Extra arguments go to florence-studio (e.g. a folder of your own images, or --model DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
args=("$@")
[ ${#args[@]} -eq 0 ] && args=("$(pwd)/resources/samples")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-app: no display found; starting under xvfb-run (nothing will be visible)" >&2
  exec xvfb-run -a "${BUILD_DIR:-build}/app/florence-studio" "${args[@]}"
fi
exec "${BUILD_DIR:-build}/app/florence-studio" "${args[@]}"
