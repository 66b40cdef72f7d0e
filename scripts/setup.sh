#!/usr/bin/env bash
# Set up galley on a fresh Debian machine and build every book in content/ into dist/.
#   bash scripts/setup.sh            install everything, compile, build all books
#   bash scripts/setup.sh --no-build install and compile only (what CI needs before the tests)
# Nothing here downloads a browser or a jar: Chromium and epubcheck come from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
[ "${1:-}" = "--no-build" ] && build=0

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -f /usr/share/java/epubcheck.jar ] || need+=(epubcheck)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
fc-list >/dev/null 2>&1 || need+=(fontconfig)
# press files (PDF/X interiors, inkcov checks) need Ghostscript and its CMYK profiles
command -v gs >/dev/null 2>&1 || need+=(ghostscript)
# the hostile suite proves "no network" with strace (and unshare, from util-linux)
command -v strace >/dev/null 2>&1 || need+=(strace)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

export PUPPETEER_SKIP_DOWNLOAD=1
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci: exactly what package-lock.json says, which it never rewrites)"
  # The lock lists every platform's optional packages (rollup, esbuild, sharp); after adding a dependency,
  # regenerate it with `npm install --package-lock-only` so that it stays complete (npm install with a
  # node_modules present leaves other platforms' packages out, and `npm ci` then refuses the lock).
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: compiling"
npx tsc -p tsconfig.json

if [ "$build" = 1 ]; then
  echo "setup: building every book in content/ into dist/"
  node lib/cli/index.js build
fi
