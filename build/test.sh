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

# Installs Debian packages with apt-get, as root or through sudo; without either, says what to install and stops.
apt_install() {
  local hint=$1
  shift
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "Installing $* needs root or sudo. $hint" >&2
      exit 1
    fi
  fi
  # Wait for the package lock instead of failing when another install is running.
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y "$@"
}

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

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "PostgreSQL is not installed; installing it with apt-get (the storage tests run on it too)."
  apt_install "Install the 'postgresql' package." postgresql
fi
if ! command -v redis-server >/dev/null 2>&1; then
  echo "Redis is not installed; installing it with apt-get (the several-instance tests use it)."
  apt_install "Install the 'redis-server' package." redis-server
fi

# A loopback port nothing listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

services=$(mktemp -d -t omniwhatsapp-services.XXXXXX)
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_port=$(free_port)
redis_port=$(free_port)
# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user the package created.
as_pg=()
if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres:postgres "$services"
  as_pg=(runuser -u postgres --)
fi

stop_services() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  if [[ -f "$services/pg/PG_VERSION" ]]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$services/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$services"
}
trap stop_services EXIT

echo "Starting PostgreSQL on 127.0.0.1:$pg_port and Redis on 127.0.0.1:$redis_port for this run."
"${as_pg[@]}" "$pg_bin/initdb" -D "$services/pg" -A trust -U postgres --no-sync >"$services/initdb.log" 2>&1 \
  || { cat "$services/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$services/pg" -l "$services/pg.log" -w \
  -o "-p $pg_port -k $services -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null \
  || { cat "$services/pg.log" >&2; exit 1; }
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$services/redis.pid" --logfile "$services/redis.log"
export OMNI_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
export OMNI_TEST_REDIS="127.0.0.1:$redis_port"

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
