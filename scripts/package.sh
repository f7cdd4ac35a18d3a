#!/usr/bin/env bash
# Builds the Debian packages into build/package/packages (docs/packaging.md):
#   palomar-server  the server, palomar-admin, systemd unit, palomar user,
#                   /etc/palomar/palomar-server.ini, make-cert.sh
#   palomar-cli     the terminal client
#   palomar         the desktop client
# then checks each with lintian, and the desktop client's AppStream metainfo
# with appstreamcli. The build (Release, no tests) in build/package is reused
# by the next run. Installs what it needs with apt-get.
# Usage: scripts/package.sh [--server-only] [extra cmake arguments]
#   --server-only  palomar-server alone, built without Widgets, Test or Linguist
set -euo pipefail
cd "$(dirname "$0")/.."

server_only=0
if [ "${1:-}" = "--server-only" ]; then
  server_only=1
  shift
fi

# The build's own packages (scripts/deps.sh), and the packaging tools.
if [ "$server_only" -eq 1 ]; then
  scripts/deps.sh --server-only
else
  scripts/deps.sh
fi
tools=(dpkg-dev file lintian appstream gzip help2man)
missing=()
for package in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=build/package
clients=ON
[ "$server_only" -eq 0 ] || clients=OFF
export SOURCE_DATE_EPOCH=1
# Debian's compiler and linker flags: hardening (stack protector, fortified
# functions, full RELRO, bind now) as Debian's own packages are built; no -g,
# since nothing ships the debug symbols (cpack strips the programs).
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cxxflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS | sed 's/\(^\| \)-g\( \|$\)/ /')"
ldflags="$(dpkg-buildflags --get LDFLAGS)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DCMAKE_CXX_FLAGS="$cxxflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" \
  -DPALOMAR_BUILD_TESTS=OFF -DPALOMAR_BUILD_CLIENTS="$clients" "$@" >/dev/null

# What the packages ship, and nothing else (no benchmarks).
targets=(palomar-server)
targets+=(palomar-admin)
[ "$server_only" -eq 1 ] || targets+=(palomar-cli palomar)
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"

rm -rf "$build/packages"
# The files' dates in the packages (and the manual pages'): the last commit's.
(cd "$build" && SOURCE_DATE_EPOCH="$(git log -1 --format=%ct 2>/dev/null || date +%s)" \
  cpack -G DEB >/dev/null)

status=0
if [ "$server_only" -eq 0 ]; then
  appstreamcli validate --no-net "$build/packaging/io.palomar.Palomar.metainfo.xml" || status=1
fi
for deb in "$build"/packages/*.deb; do
  echo "== $deb"
  dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
  # Remaining tags are explained in docs/packaging.md.
  lintian --info --display-info --pedantic "$deb" || status=1
done
ls -l "$build"/packages/*.deb
exit "$status"
