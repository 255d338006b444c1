#!/usr/bin/env bash
# One and several instances, in one run: starts a throwaway PostgreSQL and Redis (stopped at the end) and runs the
# benchmark's --postgres section with two instances. Extra arguments go to the benchmark, e.g. --quick.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source build/services.sh
start_services "the benchmark"
dotnet run -c Release --project bench/OmniWhatsApp.Bench -- --postgres --postgres-server "$SERVICES_POSTGRES" \
  --instances 2 --redis "$SERVICES_REDIS" "$@"
