#!/usr/bin/env bash
# Downloads a Florence-2 model into the Hugging Face cache with `florence-cli download` (progress,
# resume after an interruption, sha256 check; HF_ENDPOINT and HF_TOKEN honoured; builds the CLI
# first when needed).
# Usage: bash scripts/download-model.sh [base|large|base-ft|large-ft|ORG/NAME] [DEST_LINK]
#   DEST_LINK (optional): a symlink created to the downloaded snapshot folder, e.g. models/Florence-2-base.
# The cache is $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub (shared with Python tools).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
model="${1:-base}"
dest="${2:-}"
cli="${FLORENCE_CLI:-$here/../build/app/cli/florence-cli}"
if [ ! -x "$cli" ]; then
  echo "download-model: building florence-cli first" >&2
  bash "$here/build.sh" >&2
fi
out="$("$cli" download "$model")"
echo "$out"
dir="$(printf '%s\n' "$out" | sed -n 's/^  "model_dir": "\(.*\)",$/\1/p')"
if [ -n "$dest" ] && [ -n "$dir" ]; then
  if [ -e "$dest" ] && [ ! -L "$dest" ]; then
    echo "download-model: '$dest' exists and is not a link; the model is in '$dir'" >&2
    exit 1
  fi
  mkdir -p "$(dirname "$dest")"
  ln -sfn "$dir" "$dest"
  echo "download-model: $dest -> $dir"
fi
