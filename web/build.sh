#!/usr/bin/env bash
# Builds the web app into web/dist (served by `plenum serve` at /). Installs Node.js and npm from
# Debian if they are missing, and the npm packages from package-lock.json when they changed.
# Usage: web/build.sh [--deps-only]
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "installing: nodejs npm"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi

# npm ci only when the lockfile is newer than the installed tree (it deletes node_modules first).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

[ "${1:-}" = "--deps-only" ] && exit 0
npm run --silent build
