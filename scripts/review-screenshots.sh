#!/usr/bin/env bash
# Regenerates the review-workflow screenshots of the README (docs/review_*.png): the real application
# under Xvfb on the sample images with the demo annotations, the tiny loc-biased random model
# (scripts/make-loc-model.py) runs <OD> with confidence scores, then the queue is walked by keyboard
# (N, Enter, Enter, Backspace, Backspace). Needs xvfb-run, ImageMagick and xdotool.
# Usage: bash scripts/review-screenshots.sh [out_dir (default docs)]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath "${1:-docs}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/img" "$work/config"
cp resources/samples/* "$work/img/"
cp docs/demo-project.json "$work/img/florence-project.json"
python3 scripts/make-loc-model.py "$work/model" >/dev/null
export XDG_CONFIG_HOME="$work/config" LC_ALL="${SHOT_LOCALE:-C.UTF-8}"
app="$(realpath "${BUILD_DIR:-build}")/app/florence-studio"
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c "
  '$app' -geometry 1600x1000+0+0 --model '$work/model' '$work/img' & pid=\$!
  sleep 6
  xdotool mousemove 1283 257 click 1                 # Confidence scores on
  xdotool mousemove 1538 229 click --repeat 3 1      # max tokens: 80
  xdotool type 80; xdotool key Tab ctrl+Return        # run <OD>
  sleep \${SHOT_RUN_WAIT:-30}
  import -window root '$out/review_suggestions.png'
  xdotool mousemove 900 800 click 1; xdotool key n; sleep 1
  import -window root '$out/review_queue.png'
  for k in Return Return BackSpace BackSpace; do xdotool key \$k; sleep 0.5; done
  import -window root '$out/review_done.png'
  kill \$pid"
echo "wrote $out/review_{suggestions,queue,done}.png"
