#!/usr/bin/env bash
# Downloads a Florence-2 model folder from the Hugging Face hub with curl.
# Usage: bash scripts/download-model.sh [base|large|base-ft|large-ft] [DEST_DIR]
#   default: base -> models/Florence-2-base
# Set HF_ENDPOINT to use a mirror, HF_TOKEN for an access token.
set -euo pipefail
variant="${1:-base}"
case "$variant" in
  base) repo="microsoft/Florence-2-base" ;;
  large) repo="microsoft/Florence-2-large" ;;
  base-ft) repo="microsoft/Florence-2-base-ft" ;;
  large-ft) repo="microsoft/Florence-2-large-ft" ;;
  *) echo "download-model: unknown variant '$variant' (expected base, large, base-ft or large-ft)" >&2; exit 2 ;;
esac
dest="${2:-models/${repo#microsoft/}}"
endpoint="${HF_ENDPOINT:-https://huggingface.co}"
auth=()
[ -n "${HF_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $HF_TOKEN")

if ! curl -sS -f -I --max-time 15 "${auth[@]}" "$endpoint/$repo/resolve/main/config.json" >/dev/null 2>&1; then
  echo "download-model: cannot reach $endpoint/$repo (offline, blocked, or HF_ENDPOINT wrong)." >&2
  echo "Copy a Florence-2 folder from a machine that has one instead; it needs config.json," >&2
  echo "preprocessor_config.json, tokenizer.json (or vocab.json + merges.txt) and pytorch_model.bin or model.safetensors." >&2
  exit 1
fi

mkdir -p "$dest"
for f in config.json generation_config.json preprocessor_config.json tokenizer.json tokenizer_config.json vocab.json pytorch_model.bin; do
  if [ -s "$dest/$f" ]; then echo "download-model: $f already present"; continue; fi
  echo "download-model: $repo/$f"
  curl -f -L --retry 3 -C - "${auth[@]}" -o "$dest/$f.part" "$endpoint/$repo/resolve/main/$f"
  mv "$dest/$f.part" "$dest/$f"
done
echo "download-model: done -> $dest"
echo "Use it with: florence-studio --model '$dest'   or   florence-cli run --model '$dest' ..."
