#!/usr/bin/env bash
# Builds the Debian package build/package/plenum_<version>_amd64.deb (cmake/package.cmake): the
# release binary, the rulebooks, the web app (web/build.sh), the docs, the man page, the systemd
# units and /etc/plenum/plenum.toml. README.md, "Install as a service", installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
export CCACHE_BASEDIR="$PWD"
./web/build.sh
cmake --preset package >/dev/null
cmake --build --preset package
(cd build/package && cpack -G DEB >/dev/null)
ls build/package/plenum_*_amd64.deb
