#!/usr/bin/env bash
# The test suite: compile (the CLI tests run the compiled galley), then vitest, then one plain closing line
# ("tests: N passed, N failed, N skipped") that any CI can read.
set -euo pipefail
cd "$(dirname "$0")/.."
export PUPPETEER_SKIP_DOWNLOAD=1
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"
npx tsc -p tsconfig.json
mkdir -p .cache
rm -f .cache/vitest.json
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json "$@" || status=$?
if [ -f .cache/vitest.json ]; then
  node -e 'const r = JSON.parse(require("fs").readFileSync(".cache/vitest.json", "utf8"));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);'
fi
exit "$status"
