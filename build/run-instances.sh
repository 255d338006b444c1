#!/usr/bin/env bash
# Tries OmniWhatsApp as several instances on one machine: starts a throwaway PostgreSQL and Redis on free loopback
# ports, then two instances of the app on one database and one Redis, at http://127.0.0.1:5081 and :5082 (or the
# ports in OMNI_PORTS, e.g. OMNI_PORTS="6001 6002 6003" for three). Sign in on one port as the agent and on the other
# as the admin (README, "Running several instances"). Ctrl+C stops everything and deletes the throwaway data.
# Installs PostgreSQL and Redis with apt-get when they are missing (build/services.sh, as build/test.sh does).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ports=(${OMNI_PORTS:-5081 5082})

source build/services.sh

for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is taken; choose others with OMNI_PORTS=\"6001 6002\"." >&2
    exit 1
  fi
done

apps=()

stop_all() {
  trap - EXIT INT TERM
  echo
  echo "Stopping the instances, Redis and PostgreSQL."
  for pid in "${apps[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${apps[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_services
}

echo "Building the app."
dotnet build OmniWhatsApp.Web -c Release -v q -nologo
dll=OmniWhatsApp.Web/bin/Release/net10.0/OmniWhatsApp.Web.dll

start_services "the instances"
trap stop_all EXIT INT TERM
work=$services_dir
"${services_as_pg[@]}" "$services_pg_bin/createdb" -h 127.0.0.1 -p "$services_pg_port" -U postgres omniwhatsapp

# What every instance shares: the database (which also keeps the Data Protection keys), Redis and the media folder.
mkdir -p "$work/shared/media"
export ASPNETCORE_ENVIRONMENT=Development
export Database__Provider=PostgreSql
export Database__PostgreSqlConnectionString="$SERVICES_POSTGRES;Database=omniwhatsapp"
export Redis__Configuration="$SERVICES_REDIS"
export Redis__KeyPrefix=omniwhatsapp
export Media__Path="$work/shared/media"

# One after the other: the first creates the database (migrations, demo data); the others start on it.
for i in "${!ports[@]}"; do
  port=${ports[$i]}
  mkdir -p "$work/instance-$port"
  Emulator__DataPath="$work/instance-$port/emulator" \
    dotnet "$dll" --urls "http://127.0.0.1:$port" --contentRoot "$work/instance-$port" \
    > >(sed -u "s/^/[$port] /") 2>&1 &
  apps+=($!)
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
  done
  echo "Instance $((i + 1)) listens at http://127.0.0.1:$port"
done

echo
echo "Ready. Sign in as agent@demo.local on http://127.0.0.1:${ports[0]} and as admin@demo.local on"
echo "http://127.0.0.1:${ports[1]:-${ports[0]}}, write as a customer in the admin's Customer simulator, and watch the agent's inbox."
echo "Ctrl+C stops everything."
wait
