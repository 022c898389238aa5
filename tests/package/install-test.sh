#!/usr/bin/env bash
# The README's "Install as a service", run as written on this machine (as root), with the
# unit's ExecStart run by hand as the unit's user in place of `systemctl enable --now` (CI has
# no running systemd). Then: systemd-analyze verify accepts the units; the service answers and
# its admin signs in; `dpkg -r` keeps the database and the configuration; `dpkg -P` removes the
# configuration and never the database. scripts/test.sh runs it; it builds the package first.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "tests/package/install-test.sh installs a package: run it as root" >&2; exit 1; }
if dpkg-query -W -f='${Status}' plenum 2>/dev/null | grep -q "install ok installed"; then
  echo "plenum is installed on this machine already; the test installs and purges its own" >&2
  exit 1
fi
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  dpkg -P plenum >/dev/null 2>&1 || true
  rm -rf /var/lib/plenum /var/backups/plenum "$work"
  getent passwd plenum >/dev/null && deluser --system --quiet plenum >/dev/null 2>&1 || true
}
trap cleanup EXIT
fail() { echo "install test FAILED: $*" >&2; exit 1; }

# The section's shell block; `systemctl enable --now …` becomes the unit's ExecStart, run as the
# unit's user in the background, and waits until the service answers.
sed -n '/^## Install as a service/,/^## [^I]/p' README.md | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' >"$work/section.sh"
grep -q "apt-get install" "$work/section.sh" || fail "README.md has no \"Install as a service\" block"
cat >"$work/by-hand.sh" <<'BYHAND'
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/plenum.service)
user=$(sed -n 's/^User=//p' /lib/systemd/system/plenum.service)
runuser -u "$user" -- $exec_start >"$PLENUM_TEST_LOG" 2>&1 &
echo $! >"$PLENUM_TEST_PID"
for _ in $(seq 1 300); do curl -sf http://127.0.0.1:8080/api/v1/health >/dev/null && break; sleep 0.1; done
BYHAND
awk -v byhand="$work/by-hand.sh" '/^systemctl enable --now/ { print "source " byhand; next } { print }' \
  "$work/section.sh" >"$work/run.sh"
echo "== the README's section, as run:"; cat "$work/run.sh"
export PLENUM_TEST_LOG="$work/serve.log" PLENUM_TEST_PID="$work/serve.pid"
password="an-admin-password-for-the-test"
printf '%s\n' "$password" | bash -euo pipefail "$work/run.sh" >"$work/section.out" 2>&1 ||
  { cat "$work/section.out"; fail "the README's section failed"; }
server=$(cat "$work/serve.pid")
cat "$work/section.out"
grep -q '"ok":true' "$work/section.out" || fail "the service did not answer /api/v1/health"

echo "== the units verify"
for unit in plenum.service plenum-backup.service plenum-backup.timer; do
  systemd-analyze verify "/lib/systemd/system/$unit" || fail "systemd-analyze verify $unit"
done
echo "== the service runs as its user, on its state directory, and its admin signs in"
[ "$(ps -o user= -p "$(pgrep -P "$server" plenum || echo "$server")" | tr -d ' ')" = plenum ] || fail "not running as plenum"
[ "$(stat -c %U /var/lib/plenum/plenum.db)" = plenum ] || fail "the database is not the plenum user's"
curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"admin\",\"password\":\"$password\"}" \
  http://127.0.0.1:8080/api/v1/auth/login | grep -q '"role":"admin"' || fail "the admin cannot sign in"
curl -sf http://127.0.0.1:8080/ | grep -qi "<html" || fail "the web app is not served"
echo "== it becomes ready, logs JSON lines, and keeps its metrics to itself"
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:8080/api/v1/ready | grep -q '"ready":true' && break; sleep 0.1; done
curl -sf http://127.0.0.1:8080/api/v1/ready | grep -q '"ready":true' || fail "the service never became ready"
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/metrics)" = 403 ] ||
  fail "/metrics is readable with the installed configuration"
grep -q '"event":"request"' "$PLENUM_TEST_LOG" || fail "the log has no JSON request line"
man -w plenum >/dev/null || fail "no man page"
kill -TERM "$server"
wait "$server" 2>/dev/null || true
server=

echo "== dpkg -r keeps the database and the configuration"
dpkg -r plenum >/dev/null
[ ! -e /usr/bin/plenum ] || fail "dpkg -r left the program"
[ -f /var/lib/plenum/plenum.db ] || fail "dpkg -r removed the database"
[ -f /etc/plenum/plenum.toml ] || fail "dpkg -r removed the configuration"
echo "== dpkg -P removes the configuration and nothing else"
dpkg -P plenum >/dev/null
[ ! -e /etc/plenum ] || fail "dpkg -P left /etc/plenum"
[ -f /var/lib/plenum/plenum.db ] || fail "dpkg -P removed the database"
echo "install test passed"
