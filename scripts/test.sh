#!/usr/bin/env bash
# The test suite: compile (the CLI tests run the compiled galley), then vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PUPPETEER_SKIP_DOWNLOAD=1
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"
npx tsc -p tsconfig.json
npx vitest run "$@"
