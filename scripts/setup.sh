#!/usr/bin/env bash
# Installs every Debian package Florence Studio needs to build, test and run.
# Idempotent: installs only what is missing and runs `apt-get update` at most once.
# Works as root or through sudo. Usage: bash scripts/setup.sh
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # core: libtorch + a fast BLAS (without libopenblas0-openmp Debian's libtorch
  # falls back to reference BLAS and runs ~20x slower), OpenCV, JSON, PCRE2
  libtorch-dev libopenblas0-openmp libopencv-dev nlohmann-json3-dev libpcre2-dev
  # ui: Qt 6 Widgets/Concurrent/Test/LinguistTools/Svg, QCustomPlot (Qt 6 flavour)
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  linguist-qt6 libqt6svg6-dev qt6-image-formats-plugins libgl1-mesa-dev libvulkan-dev
  # Qt's own strings (file dialogs, message-box buttons) in German, Chinese, ...
  qt6-translations-l10n
  libqcustomplot-dev
  # GUI tests and screenshots
  xvfb xauth imagemagick
  # keyboard and mouse for scripts/review-screenshots.sh
  xdotool
  # a CJK font, so the zh_CN translation is readable on minimal systems (about 5 MB)
  fonts-wqy-microhei
  # model download helper
  curl ca-certificates
  # core: model download (libcurl, sha256 from libcrypto)
  libcurl4-openssl-dev libssl-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi

echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
