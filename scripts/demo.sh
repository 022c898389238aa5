#!/usr/bin/env bash
# One command for a running demo: installs dependencies, builds the release binary and serves
# the 2024 NPC and CPPCC demo from the embedded SQLite store (data/plenum.db) on
# http://127.0.0.1:8080. Extra arguments go to `plenum serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD"
cmake --preset release >/dev/null
cmake --build --preset release --target plenum
# The web app (web/): Node.js and npm packages if missing, then web/dist, which plenum serves at /.
./web/build.sh
# A database from an older build is upgraded by replay (src/upgrade/upgrade.h), every record
# kept; the old file stays beside it as data/plenum.db.schema-<version>.
if [ -f data/plenum.db ]; then
  ./build/release/plenum --db data/plenum.db upgrade
fi
exec ./build/release/plenum --db data/plenum.db serve --demo "$@"
