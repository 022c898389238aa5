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
# A database from an older build (another schema version) is kept aside, not half-read.
expected=$(sed -n 's/.*kSchemaVersion = \([0-9]*\);.*/\1/p' src/store/sqlite/schema.sql.h)
if [ -f data/plenum.db ]; then
  version=$(sqlite3 data/plenum.db "PRAGMA user_version" 2>/dev/null || echo unknown)
  if [ "$version" != "$expected" ]; then
    mv data/plenum.db "data/plenum.db.schema-$version.bak"
    rm -f data/plenum.db-wal data/plenum.db-shm
    echo "旧版本数据库已移至 data/plenum.db.schema-$version.bak / older database moved aside"
  fi
fi
exec ./build/release/plenum --db data/plenum.db serve --demo "$@"
