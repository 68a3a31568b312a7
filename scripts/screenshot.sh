#!/usr/bin/env bash
# Regenerates docs/main_window.png: the sample images with the demo annotations of
# docs/demo-project.json, shown by the real application under Xvfb (needs xvfb-run and ImageMagick).
# Usage: bash scripts/screenshot.sh [output.png]; SHOT_LOCALE=de_DE.UTF-8 (or zh_CN.UTF-8) for a translation.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/main_window.png}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp resources/samples/* "$work/"
cp docs/demo-project.json "$work/florence-project.json"
export XDG_CONFIG_HOME="$work/config" # fresh settings: default window layout, English
locale="${SHOT_LOCALE:-C.UTF-8}"
export LC_ALL="$locale" LANGUAGE="${locale%%.*}"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
  '${BUILD_DIR:-build}/app/florence-studio' -geometry 1600x1000+0+0 '$work' & pid=\$!
  sleep \${SHOT_DELAY:-6}
  import -window root '$out'
  kill \$pid"
echo "wrote $out"
