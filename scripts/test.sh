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
  # a suite that fails to load runs no test: count it as one failure so the line never hides it
  VITEST_STATUS="$status" node -e 'const r = JSON.parse(require("fs").readFileSync(".cache/vitest.json", "utf8"));
    const broken = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    // vitest exits 1 on errors outside any test (an unhandled error, a worker timing out) while every test passed:
    // say so; the run still fails (the script exits with the status of vitest)
    const outside = process.env.VITEST_STATUS !== "0" && r.numFailedTests + broken === 0 ? " (vitest exited with errors outside the tests: see above)" : "";
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests + broken} failed, ${r.numPendingTests + r.numTodoTests} skipped${outside}`);'
fi
exit "$status"
