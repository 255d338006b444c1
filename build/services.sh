#!/usr/bin/env bash
# Shared by build/test.sh, build/run-instances.sh and bench/scaling.sh (sourced, not run): installs Debian packages
# when missing, and starts a private, throwaway PostgreSQL cluster and Redis on free loopback ports, stopped (and
# their data deleted) when the calling script exits, also on failure or Ctrl+C.

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

# start_services WHAT: installs PostgreSQL and Redis when missing, starts both for WHAT ("this run") and sets
# SERVICES_POSTGRES (an Npgsql connection string without a database, for a user that may create databases) and
# SERVICES_REDIS (a StackExchange.Redis configuration string).
start_services() {
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "PostgreSQL is not installed; installing it with apt-get."
    apt_install "Install the 'postgresql' package." postgresql
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis is not installed; installing it with apt-get."
    apt_install "Install the 'redis-server' package." redis-server
  fi

  services_dir=$(mktemp -d -t omniwhatsapp-services.XXXXXX)
  services_pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
  services_pg_port=$(free_port)
  services_redis_port=$(free_port)
  # PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user the package created.
  services_as_pg=()
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres:postgres "$services_dir"
    services_as_pg=(runuser -u postgres --)
  fi
  trap stop_services EXIT
  trap 'exit 130' INT TERM

  echo "Starting PostgreSQL on 127.0.0.1:$services_pg_port and Redis on 127.0.0.1:$services_redis_port for $1."
  "${services_as_pg[@]}" "$services_pg_bin/initdb" -D "$services_dir/pg" -A trust -U postgres --no-sync >"$services_dir/initdb.log" 2>&1 \
    || { cat "$services_dir/initdb.log" >&2; exit 1; }
  # Throwaway data: no fsync, and enough connections for several instances' pools.
  "${services_as_pg[@]}" "$services_pg_bin/pg_ctl" -D "$services_dir/pg" -l "$services_dir/pg.log" -w \
    -o "-p $services_pg_port -k $services_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null \
    || { cat "$services_dir/pg.log" >&2; exit 1; }
  redis-server --port "$services_redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$services_dir/redis.pid" --logfile "$services_dir/redis.log"
  SERVICES_POSTGRES="Host=127.0.0.1;Port=$services_pg_port;Username=postgres"
  SERVICES_REDIS="127.0.0.1:$services_redis_port"
}

stop_services() {
  [[ -n "${services_dir:-}" ]] || return 0
  redis-cli -p "$services_redis_port" shutdown nosave >/dev/null 2>&1 || true
  if [[ -f "$services_dir/pg/PG_VERSION" ]]; then
    "${services_as_pg[@]}" "$services_pg_bin/pg_ctl" -D "$services_dir/pg" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$services_dir"
  services_dir=
}
