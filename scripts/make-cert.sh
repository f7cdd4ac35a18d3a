#!/usr/bin/env bash
# Makes a self-signed certificate and private key for palomar-server's
# --tls-cert/--tls-key, for local use and small private servers.
#
#   make-cert.sh [--name HOST-OR-IP]... [--days N] [--group GROUP] [--force] DIR
#
# Writes DIR/palomar.crt (give it to clients as --ca, or let the desktop app
# pin it) and DIR/palomar.key (mode 600). The certificate names localhost,
# 127.0.0.1, ::1, this machine's host name and every --name. Prints the
# certificate's SHA-256 fingerprint, which clients show on first contact.
# Run as root, it makes the key root:GROUP, mode 640, so that the server's
# user can read it: GROUP is palomar (the packaged server's) when that group
# exists, or --group GROUP; --group "" keeps the key root's alone.
set -euo pipefail

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

names=()
days=825
force=0
group=""
group_given=0
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --name) [ $# -ge 2 ] || usage; names+=("$2"); shift 2 ;;
    --name=*) names+=("${1#--name=}"); shift ;;
    --days) [ $# -ge 2 ] || usage; days="$2"; shift 2 ;;
    --days=*) days="${1#--days=}"; shift ;;
    --group) [ $# -ge 2 ] || usage; group="$2"; group_given=1; shift 2 ;;
    --group=*) group="${1#--group=}"; group_given=1; shift ;;
    --force) force=1; shift ;;
    -h|--help) usage ;;
    -*) echo "make-cert.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$dir" ] || usage; dir="$1"; shift ;;
  esac
done
[ -n "$dir" ] || usage
case "$days" in ''|*[!0-9]*) echo "make-cert.sh: --days takes a number" >&2; exit 2 ;; esac
command -v openssl >/dev/null || { echo "make-cert.sh: openssl is not installed (apt-get install openssl)" >&2; exit 1; }

# Root makes keys for a server that runs as another user (palomar-server.service
# runs as palomar): the key goes to that user's group, still unreadable to
# everyone else.
if [ "$(id -u)" -eq 0 ] && [ "$group_given" -eq 0 ] && getent group palomar >/dev/null; then
  group=palomar
fi
if [ -n "$group" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "make-cert.sh: --group needs root" >&2; exit 2; }
  getent group "$group" >/dev/null || { echo "make-cert.sh: no group $group" >&2; exit 2; }
fi

cert="$dir/palomar.crt"
key="$dir/palomar.key"
if [ "$force" -eq 0 ] && { [ -e "$cert" ] || [ -e "$key" ]; }; then
  echo "make-cert.sh: $cert or $key already exists (--force replaces them)" >&2
  exit 1
fi
mkdir -p "$dir"

# Subject alternative names: IP addresses as IP:, everything else as DNS:.
host_name="$(hostname 2>/dev/null || true)"
common_name="${names[0]:-${host_name:-localhost}}"
san=""
seen=" "
for name in localhost 127.0.0.1 ::1 "$host_name" "${names[@]}"; do
  [ -n "$name" ] || continue
  case "$seen" in *" $name "*) continue ;; esac
  seen="$seen$name "
  if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then
    san="${san:+$san,}IP:$name"
  else
    san="${san:+$san,}DNS:$name"
  fi
done

# The key never exists with wider permissions, not even for a moment.
tmp_key="$(umask 077 && mktemp "$dir/.palomar.key.XXXXXX")"
tmp_cert="$(mktemp "$dir/.palomar.crt.XXXXXX")"
trap 'rm -f "$tmp_key" "$tmp_cert"' EXIT
(
  umask 077
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$tmp_key" -out "$tmp_cert" -days "$days" -sha256 \
    -subj "/CN=$common_name/O=Palomar" \
    -addext "subjectAltName=$san" \
    -addext "basicConstraints=critical,CA:FALSE" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=serverAuth" 2>/dev/null
) || { echo "make-cert.sh: openssl failed to make the certificate" >&2; exit 1; }
chmod 600 "$tmp_key"
key_mode=600
if [ -n "$group" ]; then
  chgrp "$group" "$tmp_key"
  chmod 640 "$tmp_key"
  key_mode="640, group $group"
fi
chmod 644 "$tmp_cert"
mv -f "$tmp_key" "$key"
mv -f "$tmp_cert" "$cert"
trap - EXIT

echo "certificate: $cert"
echo "private key: $key (mode $key_mode)"
echo "names:       $san"
openssl x509 -in "$cert" -noout -fingerprint -sha256 | sed 's/^.*Fingerprint=/SHA-256:     /'
