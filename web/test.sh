#!/usr/bin/env bash
# The web app's tests: Vitest unit tests, then the end-to-end tests (playwright-core driving
# Debian's chromium against a real plenum on a fresh database: the sitting, vote and proposal
# cycle; the electronic election; the secretariat's administration; every screen at 360, 1024,
# 1440 and 1920 px; axe-core; screenshots in zh and en to web/test-artifacts/). Installs
# chromium, a CJK font, Node.js and the npm packages if they are missing. Needs the plenum binary: PLENUM_BIN, default build/test/plenum (built by
# scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# Without a CJK font, Chinese renders as boxes in the screenshots.
dpkg-query -W -f='${Status}' fonts-wqy-microhei 2>/dev/null | grep -q "install ok installed" || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "installing: ${need[*]}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

./build.sh
npm run --silent test
node e2e/run.mjs
node e2e/election.mjs
node e2e/admin.mjs
node e2e/screens.mjs
