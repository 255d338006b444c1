#!/usr/bin/env bash
# The project's test command (README, .ci/run): builds the solution and runs every test, browser tests included.
# On a fresh machine it first installs Debian's Chromium, which the browser tests drive through Playwright
# (Playwright's own browser download is not used), and the npm packages of the tests that run Twilio's Node helper
# library against the emulator (npm ci, from the committed lockfile), and PostgreSQL and Redis, of which it starts a
# private throwaway instance each on free loopback ports for the run and stops them at the end (also on failure).
# The whole suite runs on SQLite first; then the storage tests (trait Storage=Both) run again on PostgreSQL.
# Extra arguments go to `dotnet test` of the first pass only, e.g. --filter Browser (then there is no second pass;
# set OMNI_TEST_DATABASE=PostgreSql to run that selection on PostgreSQL).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

source build/services.sh

if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  if [[ ! -x "$CHROMIUM_PATH" ]]; then
    echo "CHROMIUM_PATH is set to '$CHROMIUM_PATH', which is not an executable file." >&2
    exit 1
  fi
elif [[ ! -x /usr/bin/chromium ]]; then
  echo "Chromium is not installed; installing it with apt-get (this takes a minute or two)."
  apt_install "Install the 'chromium' package, or set CHROMIUM_PATH." chromium
fi

node_tests=OmniWhatsApp.Tests/TwilioNode
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js is not installed; installing it with apt-get (the Twilio Node library tests need it)."
  apt_install "Install the 'nodejs' and 'npm' packages." nodejs npm
fi
if [[ ! -f "$node_tests/node_modules/.package-lock.json" || "$node_tests/package-lock.json" -nt "$node_tests/node_modules/.package-lock.json" ]]; then
  echo "Installing the npm packages of $node_tests (npm ci)."
  (cd "$node_tests" && npm ci --no-audit --no-fund)
fi

start_services "this run"
export OMNI_TEST_POSTGRES="$SERVICES_POSTGRES"
export OMNI_TEST_REDIS="$SERVICES_REDIS"

# The run's output is also kept in a file, and the failed tests with their messages are printed again at the end,
# so that they are in the last lines of a long log.
log=$(mktemp -t omniwhatsapp-test.XXXXXX.log)
set +e
dotnet test OmniWhatsApp.sln --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [[ $# -eq 0 ]]; then
  echo
  echo "==== The storage tests again, on PostgreSQL ===="
  OMNI_TEST_DATABASE=PostgreSql dotnet test OmniWhatsApp.sln --no-build --logger "console;verbosity=normal" \
    --filter "Storage=Both" 2>&1 | tee -a "$log"
  pg_status=${PIPESTATUS[0]}
  [[ $status -ne 0 ]] || status=$pg_status
fi
set -e
if [[ $status -ne 0 ]]; then
  echo
  echo "==== Failed tests (repeated from above) ===="
  awk '/^  Failed /{show=1; n=0} /^  Passed /{show=0} show && n < 60 {print; n++}' "$log"
fi
rm -f "$log"
exit "$status"
