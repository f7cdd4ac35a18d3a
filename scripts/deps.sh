#!/usr/bin/env bash
# Installs the Debian 12 packages Palomar needs to build, run and test.
# Safe to run again: apt-get skips what is already there.
#   scripts/deps.sh                everything
#   scripts/deps.sh --server-only  what building and running palomar-server
#                                  alone needs (-DPALOMAR_BUILD_CLIENTS=OFF
#                                  -DPALOMAR_BUILD_TESTS=OFF): no Linguist,
#                                  keychain, X server, PostgreSQL or clang
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config ccache git
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql qt6-httpserver-dev qt6-websockets-dev
  libsodium-dev libsqlite3-dev zlib1g-dev openssl
)
case "${1:-}" in
  --server-only) ;;
  "")
    packages+=(
      qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
      qtkeychain-qt6-dev libreadline-dev
      xvfb xauth dbus-daemon postgresql fonts-noto-color-emoji
      clang-14 libfuzzer-14-dev libclang-rt-14-dev
    ) ;;
  *) echo "usage: deps.sh [--server-only]" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
echo "Installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
