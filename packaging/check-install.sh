#!/usr/bin/env bash
# Installs the packages scripts/package.sh made on a brand-new Debian 12 and
# tries them the way an administrator would, without systemd (a chroot):
#   ../shared/tools/fresh-debian 'packaging/check-install.sh /dev/palomar-debs'
# where the folder holds palomar-server_*.deb, palomar-cli_*.deb and, unless
# the packages were made with --server-only, palomar_*.deb (docs/packaging.md).
# Prints what it sees; exits 1 on the first check that fails.
set -euo pipefail
debs=${1:?usage: check-install.sh FOLDER-WITH-THE-DEBS}
step() { printf '\n== %s\n' "$*"; }
fail() { echo "check-install: FAILED: $*" >&2; exit 1; }

# fresh-debian's chroot is a folder from mktemp -d, mode 700: no user but
# root could reach anything in it. A real / is 755.
if [ "$(stat -c %a /)" != 755 ]; then
  echo "check-install: / is mode $(stat -c %a /) here; making it 755 as on a real system"
  chmod 755 /
fi

step "apt-get install the packages"
apt-get update -qq
desktop=0
packages=("$debs"/palomar-server_*.deb "$debs"/palomar-cli_*.deb)
if compgen -G "$debs/palomar_*.deb" >/dev/null; then
  desktop=1
  packages+=("$debs"/palomar_*.deb)
fi
echo "apt-get install ${packages[*]}"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/tmp/apt.log 2>&1 ||
  { tail -30 /tmp/apt.log; fail "apt-get install"; }
grep -E '^(Setting up palomar|Unpacking palomar)' /tmp/apt.log || true
dpkg-query -W 'palomar*'

step "the palomar user, its folders, the configuration"
getent passwd palomar || fail "no palomar user"
getent group palomar || fail "no palomar group"
stat -c '%A %U:%G %n' /var/lib/palomar /etc/palomar /etc/palomar/palomar-server.ini \
  /usr/bin/palomar-server /usr/bin/palomar-cli /usr/share/palomar/make-cert.sh
[ -x /usr/bin/palomar-admin ] && stat -c '%A %U:%G %n' /usr/bin/palomar-admin || echo "(no palomar-admin in this build)"
[ "$(stat -c '%a %U' /var/lib/palomar)" = "700 palomar" ] || fail "/var/lib/palomar is not palomar's, 700"
[ "$(stat -c '%a %G' /etc/palomar)" = "750 palomar" ] || fail "/etc/palomar is not 750 root:palomar"
dpkg-statoverride --list
grep -E '^(data|registration) =' /etc/palomar/palomar-server.ini
grep -x /etc/palomar/palomar-server.ini /var/lib/dpkg/info/palomar-server.conffiles
ls /lib/systemd/system/palomar-server.service /usr/lib/sysusers.d/palomar.conf \
  /usr/lib/tmpfiles.d/palomar.conf /usr/share/man/man1/palomar*
ls /usr/share/doc/palomar-server /usr/share/doc/palomar-cli

# serve CONFIG-ARGS...: starts palomar-server as palomar in the background,
# waits for its "listening" line and prints it. runuser stays as the parent
# (PAM session): $server is the server itself, its child.
serve() {
  runuser -u palomar -- /usr/bin/palomar-server --config /etc/palomar/palomar-server.ini "$@" \
    >/tmp/server.log 2>&1 &
  runuser_pid=$!
  for _ in $(seq 600); do
    grep -q "listening on" /tmp/server.log && break
    kill -0 "$runuser_pid" 2>/dev/null || { cat /tmp/server.log; fail "the server exited"; }
    sleep 0.1
  done
  grep "listening on" /tmp/server.log || { cat /tmp/server.log; fail "the server is not listening"; }
  server=$(cat /proc/"$runuser_pid"/task/*/children | tr -d ' ')
  echo "pid $server runs as $(stat -c %U "/proc/$server"): $(tr '\0' ' ' <"/proc/$server/cmdline")"
  [ "$(stat -c %U "/proc/$server")" = palomar ] || fail "the server does not run as palomar"
  # 7878 is 1EC6; state 0A is LISTEN.
  grep -iE '^ *[0-9]+: [0-9A-F]+:1EC6 [0-9A-F]+:0000 0A' /proc/net/tcp /proc/net/tcp6 ||
    fail "nothing listens on port 7878"
}
# stop: SIGTERM to the server, as systemd stops it; it must exit 0.
stop() {
  kill -TERM "$server"
  local status=0
  wait "$runuser_pid" || status=$?
  tail -2 /tmp/server.log
  [ "$status" -eq 0 ] || fail "the server exited with $status"
  echo "exit status 0"
}

step "the server as palomar, with the packaged configuration (plain TCP)"
serve
export PALOMAR_PASSWORD='a long test password'
palomar-cli --version
# With registration = invite, each account needs a code from palomar-admin,
# run as the server's user (its admin socket is that user's alone).
invite=()
if grep -qx 'registration = invite' /etc/palomar/palomar-server.ini; then
  for user in homer marge; do
    code=$(runuser -u palomar -- palomar-admin --config /etc/palomar/palomar-server.ini \
      invite create --note "$user" | head -1)
    echo "invitation code for $user: $code"
    invite+=("$code")
  done
  if palomar-cli --server 127.0.0.1:7878 --user nobody register 2>/tmp/refused; then
    fail "registered without an invitation"
  fi
  echo "without a code: $(cat /tmp/refused)"
fi
palomar-cli --server 127.0.0.1:7878 --user homer register ${invite[0]:+--invite "${invite[0]}"}
palomar-cli --server 127.0.0.1:7878 --user marge register ${invite[1]:+--invite "${invite[1]}"}
palomar-cli --server 127.0.0.1:7878 --user homer add marge
palomar-cli --server 127.0.0.1:7878 --user marge accept homer
palomar-cli --server 127.0.0.1:7878 --user homer send marge "from the package"
palomar-cli --server 127.0.0.1:7878 --user marge inbox | tee /tmp/inbox
grep -q "from the package" /tmp/inbox || fail "marge did not get the message"
stop

step "what the server made in /var/lib/palomar"
find /var/lib/palomar -printf '%m %u:%g %p\n' | sort -k3
[ -z "$(find /var/lib/palomar -perm /077)" ] || fail "something in /var/lib/palomar is open to others"

step "make-cert.sh as root, then TLS as palomar"
/usr/share/palomar/make-cert.sh --name chat.example.org /etc/palomar
stat -c '%a %U:%G %n' /etc/palomar/palomar.crt /etc/palomar/palomar.key
[ "$(stat -c '%a %U:%G' /etc/palomar/palomar.key)" = "640 root:palomar" ] || fail "the key is not root:palomar 640"
runuser -u palomar -- test -r /etc/palomar/palomar.key || fail "palomar cannot read the key"
runuser -u nobody -- test -r /etc/palomar/palomar.key && fail "nobody can read the key"
serve --tls-cert /etc/palomar/palomar.crt --tls-key /etc/palomar/palomar.key
palomar-cli --server 127.0.0.1:7878 --ca /etc/palomar/palomar.crt --user marge friends
stop

if [ "$desktop" -eq 1 ]; then
  step "the desktop client: program, desktop file, icons, metainfo"
  ls -l /usr/bin/palomar /usr/share/applications/palomar.desktop \
    /usr/share/metainfo/io.palomar.Palomar.metainfo.xml /usr/share/icons/hicolor/*/apps/palomar.* \
    /usr/share/doc/palomar
  grep -E '^(Exec|Icon)=' /usr/share/applications/palomar.desktop
  if ldd /usr/bin/palomar | grep 'not found'; then fail "palomar misses libraries"; fi
  QT_QPA_PLATFORM=offscreen palomar --version
fi

step "apt-get purge palomar-server"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq palomar-server >/tmp/apt.log 2>&1 || { tail -20 /tmp/apt.log; fail "purge"; }
ls -ld /var/lib/palomar /etc/palomar 2>&1 || true
getent passwd palomar || true
dpkg-statoverride --list
echo "check-install: all checks passed"
